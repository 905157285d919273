/**
 * The fields of the settings document (settings.ts) a remedy may send a person to, by their
 * dotted path as the settings file spells it; `#` stands for the index of an entry of a list
 * (`kcd.domains.#.realm` covers `kcd.domains.0.realm`). The CLI prints these paths as they are
 * (scripts and the settings file know them); the wizard shows each as the label of its field.
 */
export const SETTING_FIELDS = [
  'uem.apiUrl',
  'uem.user',
  'uem.tenantCode',
  'uem.ignoreTlsErrors',
  'uem.pinnedCertificateSha256',
  'uem.authMethod',
  'uem.oauthTokenUrl',
  'uem.oauthClientId',
  'uem.clientCertificate',
  'organizationGroup.id',
  'organizationGroup.name',
  'organizationGroup.memConfigName',
  'organizationGroup.memConfigId',
  'kcd.targetSpn',
  'kcd.serviceAccount',
  'kcd.domains.#.realm',
  'kcd.domains.#.dcHost',
  'kcd.domains',
  'email.host',
  'email.port',
  'email.tls',
  'email.path',
  'email.casArray.enabled',
  'email.casArray.fqdn',
  'email.testMailbox',
  'certificates.roots.#',
  'certificates.roots',
  'certificates.intermediates.#',
  'certificates.intermediates',
  'certificates.deviceCertificate',
  'network.hosts',
  'network.dnsServer',
  'network.timeoutMs',
  'seg.iisConfigPath',
  'seg.registryExport',
  'seg.folder',
  'seg.publicHost',
] as const;

export type SettingField = (typeof SETTING_FIELDS)[number];

/** The SETTING_FIELDS entry a concrete path falls under: `kcd.domains.0.realm` → `kcd.domains.#.realm`; null for any other text. */
export function settingFieldOf(path: string): SettingField | null {
  const general = path.replace(/\.\d+(?=\.|$)/g, '.#');
  return (SETTING_FIELDS as readonly string[]).includes(general) ? (general as SettingField) : null;
}
