import { hostNameProblem } from '../../config/field-rules';
import { inputCheck } from './input-rule';

export interface CasArrayFacts {
  readonly fqdn: string;
}

export const casArray = inputCheck<CasArrayFacts>({
  id: 'input.cas-array',
  title: 'CAS array FQDN',
  where: 'Email server step',
  notApplicable: (s) => (s.email.casArray.enabled ? null : 'No CAS array is used'),
  read: (s) => ({ fqdn: s.email.casArray.fqdn }),
  findings: (f) => [
    {
      field: 'email.casArray.fqdn',
      problem:
        hostNameProblem(f.fqdn, 'The CAS array FQDN') ??
        (f.fqdn.includes('.') ? null : 'The CAS array name must be a fully qualified name such as mail.se.airwlab.com'),
    },
  ],
});
