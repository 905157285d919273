/**
 * Every check id of the catalogue (product.md), in catalogue order. The ids are a contract
 * with scripts outside the project; the catalogue (app/checks/catalogue.ts) defines one check
 * for each, in this order, and a unit test holds the two together. Everything that names a
 * check — dependencies, the Verify page's stage row, the report's diagram — is typed with
 * CheckId, so an id that does not exist fails to compile.
 */
export const CHECK_IDS = [
  'input.api-url',
  'input.api-user',
  'input.api-auth',
  'input.tenant-code',
  'input.organization-group',
  'input.mem-config',
  'input.target-spn',
  'input.service-account',
  'input.dc-host',
  'input.realm',
  'input.email-host',
  'input.email-port',
  'input.email-path',
  'input.cas-array',
  'input.test-mailbox',
  'input.certificates',
  'input.network',
  'net.dns',
  'net.paths',
  'time.dc-skew',
  'ad.bind',
  'ad.svc-spn',
  'ad.svc-protocol-transition',
  'ad.svc-allowed-to-delegate',
  'ad.target-spn',
  'ad.asa',
  'ad.ntauth',
  'ad.user-delegable',
  'ad.enctypes',
  'pki.device-cert',
  'pki.chain',
  'pki.no-ldap-urls',
  'pki.crl-reachable',
  'pki.crl-valid',
  'pki.not-revoked',
  'eas.tls',
  'eas.negotiate-offered',
  'eas.basic',
  'krb.as',
  'krb.s4u2self',
  'krb.s4u2proxy',
  'eas.kcd-end-to-end',
  'uem.api',
  'uem.og',
  'uem.mem-config',
  'seg.iis-config',
  'seg.client-cert-mapping',
  'seg.ssl-settings',
  'seg.upload-read-ahead',
  'seg.app-pool',
  'seg.kerberos-files-path',
  'seg.krb5-ini',
  'seg.root-trusted',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

/** The family of a check: `ad` for `ad.svc-spn`. */
export type CheckFamily = CheckId extends `${infer F}.${string}` ? F : never;

const KNOWN: ReadonlySet<string> = new Set(CHECK_IDS);

/** For ids that arrive as text (a bundle's report, `--only`): narrows to CheckId when it is one. */
export function isCheckId(id: string): id is CheckId {
  return KNOWN.has(id);
}

export function familyOf(id: CheckId): CheckFamily {
  return id.slice(0, id.indexOf('.')) as CheckFamily;
}
