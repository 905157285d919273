import { portProblem } from '../../config/field-rules';
import { inputCheck } from './input-rule';

export interface EmailPortFacts {
  readonly port: number;
}

export const emailPort = inputCheck<EmailPortFacts>({
  id: 'input.email-port',
  title: 'Email server port',
  where: 'Email server step',
  read: (s) => ({ port: s.email.port }),
  findings: (f) => [{ field: 'email.port', problem: portProblem(f.port) }],
});
