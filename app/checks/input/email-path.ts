import { emailPathProblem } from '../../config/field-rules';
import { inputCheck } from './input-rule';

export interface EmailPathFacts {
  readonly path: string;
}

export const emailPath = inputCheck<EmailPathFacts>({
  id: 'input.email-path',
  title: 'ActiveSync path',
  where: 'Email server step',
  read: (s) => ({ path: s.email.path }),
  findings: (f) => [{ field: 'email.path', problem: emailPathProblem(f.path) }],
});
