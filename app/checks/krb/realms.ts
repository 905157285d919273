import type { Settings } from '../../contract/settings';
import { dnsDomainOf } from '../../ldap/dn';
import type { ForestPartitions } from '../../ldap/partitions';

export function homeRealm(settings: Settings): string {
  return (settings.kcd.domains[0]?.realm ?? '').trim().toUpperCase();
}

/** A forest's CN=Partitions as read at one of its DCs, with the forest's root domain (rootDomainNamingContext). */
export interface ForestFacts extends ForestPartitions {
  readonly rootDomain: string;
}

/**
 * How the user's realm was chosen, in order of trust: the domain holding the account the
 * directory found; a domain whose crossRef dnsRoot is the UPN suffix; a kcd.domains row
 * whose realm is the suffix; the root domain of a forest listing the suffix in uPNSuffixes
 * (its KDC refers onward, MS-KILE 3.3.5.1.1); else the service's own realm.
 */
export type RealmSource = 'account' | 'crossref' | 'settings' | 'upn-suffixes' | 'home';

export interface RealmMapping {
  /** The UPN's suffix, lower case. */
  readonly suffix: string;
  readonly realm: string;
  readonly from: RealmSource;
  /** What the mapping rests on: the account's DN, the crossRef or Partitions DN, `kcd.domains[i]`. */
  readonly source: string;
  /** Where the directory lists the suffix, when it does (an alternative suffix on Partitions, or a domain's crossRef). */
  readonly listed?: { readonly as: 'upn-suffixes' | 'crossref'; readonly dn: string };
}

function listing(forests: readonly ForestFacts[], suffix: string): RealmMapping['listed'] {
  for (const f of forests) {
    if (f.upnSuffixes.includes(suffix)) return { as: 'upn-suffixes', dn: f.dn };
    const domain = f.domains.find((d) => d.dnsRoot === suffix);
    if (domain !== undefined) return { as: 'crossref', dn: domain.crossRef };
  }
  return undefined;
}

/**
 * The realm of the user a UPN names. `accountDn` is the one account the directory found
 * for it (null when none or several): its DC= parts are its domain, whatever the suffix.
 */
export function realmMapping(settings: Settings, upn: string, forests: readonly ForestFacts[], accountDn: string | null): RealmMapping {
  const suffix = upn.slice(upn.lastIndexOf('@') + 1).toLowerCase();
  const listed = listing(forests, suffix);
  const base = { suffix, ...(listed === undefined ? {} : { listed }) };
  if (accountDn !== null && dnsDomainOf(accountDn) !== '') return { ...base, realm: dnsDomainOf(accountDn).toUpperCase(), from: 'account', source: accountDn };
  if (listed?.as === 'crossref') return { ...base, realm: suffix.toUpperCase(), from: 'crossref', source: listed.dn };
  const row = settings.kcd.domains.findIndex((d) => d.realm.trim().toLowerCase() === suffix);
  if (row >= 0) return { ...base, realm: suffix.toUpperCase(), from: 'settings', source: `kcd.domains[${row}]` };
  const forest = listed?.as === 'upn-suffixes' ? forests.find((f) => f.dn === listed.dn) : undefined;
  if (forest !== undefined && forest.rootDomain !== '') return { ...base, realm: forest.rootDomain.toUpperCase(), from: 'upn-suffixes', source: forest.dn };
  return { ...base, realm: homeRealm(settings), from: 'home', source: 'kcd.domains[0]' };
}

/** The mapping as one line of evidence. */
export function mappingEvidence(m: RealmMapping): string {
  const why: Record<RealmSource, string> = {
    account: `the domain of the account ${m.source}`,
    crossref: `the domain named ${m.suffix} (crossRef ${m.source})`,
    settings: `the realm of ${m.source} in the settings`,
    'upn-suffixes': `the root domain of the forest that lists ${m.suffix} in uPNSuffixes (${m.source})`,
    home: `no directory entry or kcd.domains row maps ${m.suffix}: the service account's realm`,
  };
  const listed =
    m.listed === undefined
      ? ''
      : m.listed.as === 'upn-suffixes'
        ? `; ${m.suffix} is an alternative UPN suffix (uPNSuffixes on ${m.listed.dn})`
        : `; ${m.suffix} is a domain's DNS name (${m.listed.dn})`;
  return `realm of the user: ${m.realm}, ${why[m.from]}${m.from === 'crossref' ? '' : listed}`;
}
