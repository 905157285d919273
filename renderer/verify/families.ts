import type { CheckInfo } from '../../app/api/contract';

const FAMILY_NAMES: Readonly<Record<string, string>> = {
  input: 'Settings entered',
  net: 'Network',
  time: 'Time',
  ad: 'Active Directory',
  pki: 'Certificates and CRLs',
  krb: 'Kerberos',
  eas: 'Exchange ActiveSync',
  uem: 'UEM API',
  seg: 'SEG host',
};

function familyName(family: string): string {
  return FAMILY_NAMES[family] ?? family;
}

export interface FamilyGroup {
  readonly family: string;
  readonly name: string;
  readonly checks: readonly CheckInfo[];
}

/** Checks grouped by family, families in the order the catalogue first names them. */
export function groupByFamily(checks: readonly CheckInfo[]): FamilyGroup[] {
  const groups = new Map<string, CheckInfo[]>();
  for (const check of checks) {
    const list = groups.get(check.family);
    if (list) list.push(check);
    else groups.set(check.family, [check]);
  }
  return [...groups].map(([family, list]) => ({ family, name: familyName(family), checks: list }));
}
