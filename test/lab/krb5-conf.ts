import type { LabNames } from './names';

/**
 * krb5.conf for MIT tools and Apache against the lab KDC. No DNS at all: the KDC is an
 * address, names are never canonicalised (lab-notes "Client side"). kdc_timesync = 0 so
 * that a skewed KDC shows as "Clock skew too great" instead of being silently adopted.
 * TCP only: AS/TGS replies with a PAC are too big for UDP (KRB_ERR_RESPONSE_TOO_BIG).
 */
export function krb5Conf(names: LabNames): string {
  return `[libdefaults]
\tdefault_realm = ${names.realm}
\tdns_lookup_kdc = false
\tdns_lookup_realm = false
\tdns_canonicalize_hostname = false
\trdns = false
\tkdc_timesync = 0
\tudp_preference_limit = 1
\tforwardable = true

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
