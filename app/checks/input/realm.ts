import { realmProblem } from '../../config/field-rules';
import { domainsOf, inputCheck } from './input-rule';

export interface RealmFacts {
  /** One per domain of the KCD step, in order (one empty entry when no domain is given). */
  readonly realms: readonly string[];
}

export const realm = inputCheck<RealmFacts>({
  id: 'input.realm',
  title: 'Domain name (realm)',
  where: 'KCD step',
  read: (s) => ({ realms: domainsOf(s).map((d) => d.realm) }),
  findings: (f) => {
    const seen = new Set<string>();
    return f.realms.map((name, i) => {
      const duplicate = seen.has(name) ? `The domain ${name} is listed twice` : null;
      seen.add(name);
      return { field: `kcd.domains.${i}.realm`, problem: realmProblem(name) ?? duplicate };
    });
  },
});
