import { mailboxUserProblem } from '../../config/field-rules';
import { inputCheck } from './input-rule';

export interface TestMailboxFacts {
  readonly testMailbox: string;
}

export const testMailbox = inputCheck<TestMailboxFacts>({
  id: 'input.test-mailbox',
  title: 'Test mailbox',
  where: 'Email server step',
  applies: (s) => (s.email.testMailbox.trim() === '' ? 'No test mailbox is given; the Basic-auth verify is optional' : null),
  read: (s) => ({ testMailbox: s.email.testMailbox }),
  findings: (f) => [{ field: 'email.testMailbox', problem: mailboxUserProblem(f.testMailbox) }],
});
