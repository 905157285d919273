import { describe, expect, it } from 'vitest';
import { emailPath, type EmailPathFacts } from '../../../../app/checks/input/email-path';
import { recordedFacts } from '../../../support/facts';

const healthy = recordedFacts<EmailPathFacts>('healthy', 'input.email-path');

describe('input.email-path', () => {
  it('passes on the ActiveSync path of the lab', () => {
    expect(emailPath.judge(healthy)).toEqual({ status: 'pass', evidence: ['email.path: valid'] });
  });

  it('fails on a path without its leading slash', () => {
    const outcome = emailPath.judge({ path: healthy.path.slice(1) });
    expect(outcome.evidence).toEqual(['email.path: The ActiveSync path must start with "/", for example /Microsoft-Server-ActiveSync']);
    expect(outcome.status === 'fail' && outcome.remedy).toMatch(/^In the Email server step: /);
  });
});
