/**
 * What a person calls each family of checks: the Verify page and the HTML report head their
 * sections with it (the page gets it through the API's check catalogue).
 */
const FAMILY_TITLES: Readonly<Record<string, string>> = {
  input: 'Settings entered',
  net: 'Network',
  time: 'Time',
  ad: 'Active Directory',
  pki: 'Certificates and CRLs',
  krb: 'Kerberos',
  eas: 'Exchange ActiveSync',
  uem: 'Workspace ONE UEM API',
  seg: 'SEG host',
};

export function familyTitle(family: string): string {
  return FAMILY_TITLES[family] ?? family;
}
