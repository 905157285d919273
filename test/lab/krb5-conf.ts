import type { LabNames } from './names';

/**
 * krb5.conf for MIT tools and Apache against the lab KDCs. No DNS at all: the KDC is an
 * address, names are never canonicalised (lab-notes "Client side"). kdc_timesync = 0 so
 * that a skewed KDC shows as "Clock skew too great" instead of being silently adopted.
 * TCP only: AS/TGS replies with a PAC are too big for UDP (KRB_ERR_RESPONSE_TOO_BIG).
 */
function libdefaults(defaultRealm: string): string {
  return `[libdefaults]
\tdefault_realm = ${defaultRealm}
\tdns_lookup_kdc = false
\tdns_lookup_realm = false
\tdns_canonicalize_hostname = false
\trdns = false
\tkdc_timesync = 0
\tudp_preference_limit = 1
\tforwardable = true
`;
}

export function krb5Conf(names: LabNames): string {
  return `${libdefaults(names.realm)}
[realms]
\t${names.realm} = {
\t\tkdc = ${names.dcAddress}:88
\t\tadmin_server = ${names.dcAddress}:749
\t}

[domain_realm]
\t.${names.domain} = ${names.realm}
\t${names.domain} = ${names.realm}
`;
}

export interface KrbRealm {
  readonly realm: string;
  /** The DNS domain its hosts live in. */
  readonly domain: string;
  readonly kdcAddress: string;
  /** More lines for its [realms] entry (e.g. the MIT KDC's database_module). */
  readonly extra?: readonly string[];
}

/**
 * Several realms, the first the default, with a direct [capaths] path between every two. The
 * lab's KDCs and tools read this file; a client alone does without the entries for a direct
 * trust (MIT follows the KDCs' referrals: test/lab/krb5-ini.test.ts runs kvno with only the
 * product's generated file, which writes none), so lab-notes' "needs [capaths]" is too strong.
 */
export function krb5ConfRealms(realms: readonly KrbRealm[]): string {
  const entry = (r: KrbRealm): string => [`\t${r.realm} = {`, `\t\tkdc = ${r.kdcAddress}:88`, ...(r.extra ?? []).map((l) => `\t\t${l}`), '\t}'].join('\n');
  const capath = (from: KrbRealm): string =>
    [`\t${from.realm} = {`, ...realms.filter((to) => to !== from).map((to) => `\t\t${to.realm} = .`), '\t}'].join('\n');
  return `${libdefaults(realms[0]?.realm ?? '')}
[realms]
${realms.map(entry).join('\n')}

[domain_realm]
${realms.map((r) => `\t.${r.domain} = ${r.realm}\n\t${r.domain} = ${r.realm}`).join('\n')}

[capaths]
${realms.map(capath).join('\n')}
`;
}
