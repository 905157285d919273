import { dcHostProblem } from '../../config/field-rules';
import { domainsOf, inputCheck } from './input-rule';

export interface DcHostFacts {
  /** One per domain of the KCD step, in order (one empty entry when no domain is given). */
  readonly dcHosts: readonly string[];
}

export const dcHost = inputCheck<DcHostFacts>({
  id: 'input.dc-host',
  title: 'Domain controller host name',
  where: 'KCD step',
  read: (s) => ({ dcHosts: domainsOf(s).map((d) => d.dcHost) }),
  findings: (f) => f.dcHosts.map((host, i) => ({ field: `kcd.domains.${i}.dcHost`, problem: dcHostProblem(host) })),
});
