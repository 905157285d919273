import { samAccountNameProblem } from '../../config/field-rules';
import { inputCheck } from './input-rule';

export interface ServiceAccountFacts {
  readonly serviceAccount: string;
}

export const serviceAccount = inputCheck<ServiceAccountFacts>({
  id: 'input.service-account',
  title: 'Service account user name',
  where: 'KCD step',
  read: (s) => ({ serviceAccount: s.kcd.serviceAccount }),
  findings: (f) => [{ field: 'kcd.serviceAccount', problem: samAccountNameProblem(f.serviceAccount) }],
});
