import { describe, expect, it } from 'vitest';
import { notApplicableReason } from '../../../../app/checks/not-applicable';
import { testMailbox, type TestMailboxFacts } from '../../../../app/checks/input/test-mailbox';
import { recordedFacts } from '../../../support/facts';
import { guideSettings } from '../../../support/settings';

const healthy = recordedFacts<TestMailboxFacts>('healthy', 'input.test-mailbox');

describe('input.test-mailbox', () => {
  it('passes on the mailbox of the lab', () => {
    expect(testMailbox.judge(healthy)).toEqual({ status: 'pass', evidence: ['email.testMailbox: valid'] });
  });

  it('fails on a UPN with two @', () => {
    const outcome = testMailbox.judge({ testMailbox: `x@${healthy.testMailbox}` });
    expect(outcome.status === 'fail' && outcome.remedy).toBe(
      `In the Email server step: "x@${healthy.testMailbox}" is not a valid user principal name (user@domain).`,
    );
  });

  it('applies only when a test mailbox is given', () => {
    const s = guideSettings();
    expect(notApplicableReason(testMailbox, s)).toBe('No test mailbox is given; the Basic-auth verify is optional');
    expect(notApplicableReason(testMailbox, { ...s, email: { ...s.email, testMailbox: 'alice' } })).toBeNull();
  });
});
