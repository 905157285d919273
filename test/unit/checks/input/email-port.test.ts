import { describe, expect, it } from 'vitest';
import { emailPort, type EmailPortFacts } from '../../../../app/checks/input/email-port';
import { recordedFacts } from '../../../support/facts';

const healthy = recordedFacts<EmailPortFacts>('healthy', 'input.email-port');

describe('input.email-port', () => {
  it('passes on the port of the lab', () => {
    expect(emailPort.judge(healthy)).toEqual({ status: 'pass', evidence: ['email.port: valid'] });
  });

  it('fails on port 0', () => {
    expect(emailPort.judge({ port: 0 })).toEqual({
      status: 'fail',
      evidence: ['email.port: The port must be a whole number from 1 to 65535, not 0'],
      remedy: 'In the Email server step: The port must be a whole number from 1 to 65535, not 0.',
      fields: ['email.port'],
    });
  });
});
