import { hostNameProblem } from '../../config/field-rules';
import { inputCheck } from './input-rule';

export interface EmailHostFacts {
  readonly host: string;
}

export const emailHost = inputCheck<EmailHostFacts>({
  id: 'input.email-host',
  title: 'Email server host name',
  where: 'Email server step',
  read: (s) => ({ host: s.email.host }),
  findings: (f) => [{ field: 'email.host', problem: hostNameProblem(f.host, 'The email server host name') }],
});
