import { describe, expect, it } from 'vitest';
import { emailHost, type EmailHostFacts } from '../../../../app/checks/input/email-host';
import { recordedFacts } from '../../../support/facts';

const healthy = recordedFacts<EmailHostFacts>('healthy', 'input.email-host');

describe('input.email-host', () => {
  it('passes on the Exchange host of the lab', () => {
    expect(emailHost.judge(healthy)).toEqual({ status: 'pass', evidence: ['email.host: valid'] });
  });

  it('fails on a URL given for the host name', () => {
    const outcome = emailHost.judge({ host: `https://${healthy.host}` });
    expect(outcome.status === 'fail' && outcome.remedy).toBe(
      'In the Email server step: The email server host name is a host name only, without "https://" or a path.',
    );
  });
});
