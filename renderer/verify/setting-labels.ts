import type { SettingField } from '../../app/contract/setting-path';
import type { StepId } from '../wizard/steps';

/** Where a setting is entered in the wizard: its step, the panel on that step if any, and the field's label there. */
export interface SettingPlace {
  readonly step: StepId;
  readonly panel?: 'network' | 'seg';
  readonly label: string;
  /** What takes the focus when the field has no `data-field` input of its own (a switch, a list of certificates). */
  readonly focus?: string;
}

const NETWORK = { step: 'verify', panel: 'network' } as const;
const SEG = { step: 'verify', panel: 'seg' } as const;

/** Every setting a remedy may name (app/contract/setting-path.ts), as the wizard labels it. */
export const SETTING_PLACES: Readonly<Record<SettingField, SettingPlace>> = {
  'uem.apiUrl': { step: 'uem', label: 'API server URL' },
  'uem.user': { step: 'uem', label: 'Admin user' },
  'uem.tenantCode': { step: 'uem', label: 'Tenant code (API key)' },
  'uem.ignoreTlsErrors': { step: 'uem', label: 'Ignore TLS errors for the UEM API', focus: 'label:Ignore TLS errors for the UEM API' },
  'uem.pinnedCertificateSha256': { step: 'uem', label: 'Pinned certificate (SHA-256)' },
  'uem.authMethod': { step: 'uem', label: 'Sign in with', focus: '#uem-auth-method' },
  'uem.oauthTokenUrl': { step: 'uem', label: 'Token URL' },
  'uem.oauthClientId': { step: 'uem', label: 'OAuth client id' },
  'uem.clientCertificate': { step: 'uem', label: 'Client certificate (PFX path)' },
  'organizationGroup.id': { step: 'organization-group', label: 'Group ID' },
  'organizationGroup.name': { step: 'organization-group', label: 'Group name' },
  'organizationGroup.memConfigName': { step: 'organization-group', label: 'Friendly name' },
  'organizationGroup.memConfigId': { step: 'organization-group', label: 'Configuration ID' },
  'kcd.targetSpn': { step: 'kcd', label: 'Target SPN' },
  'kcd.serviceAccount': { step: 'kcd', label: 'Service account user name' },
  'kcd.domains.#.realm': { step: 'kcd', label: 'Domain name (realm)' },
  'kcd.domains.#.dcHost': { step: 'kcd', label: 'Domain controller host name' },
  'kcd.domains': { step: 'kcd', label: 'Domains', focus: '[data-field="kcd.domains.0.realm"]' },
  'email.host': { step: 'email', label: 'Host name' },
  'email.port': { step: 'email', label: 'Port' },
  'email.tls': { step: 'email', label: 'Use TLS (https)', focus: 'label:Use TLS (https)' },
  'email.path': { step: 'email', label: 'ActiveSync path' },
  'email.casArray.enabled': { step: 'email', label: 'Exchange is behind a CAS array', focus: 'label:Exchange is behind a CAS array' },
  'email.casArray.fqdn': { step: 'email', label: 'CAS array FQDN' },
  'email.testMailbox': { step: 'email', label: 'Test mailbox user' },
  'certificates.roots.#': { step: 'certificates', label: 'Root CA', focus: '#file-certificates-roots' },
  'certificates.roots': { step: 'certificates', label: 'Root CA', focus: '#file-certificates-roots' },
  'certificates.intermediates.#': { step: 'certificates', label: 'Intermediate CAs', focus: '#file-certificates-intermediates' },
  'certificates.intermediates': { step: 'certificates', label: 'Intermediate CAs', focus: '#file-certificates-intermediates' },
  'certificates.deviceCertificate': { step: 'certificates', label: 'Sample device certificate', focus: '#file-certificates-deviceCertificate' },
  'network.hosts': { ...NETWORK, label: 'Pinned addresses', focus: '#network-pins-paste' },
  'network.dnsServer': { ...NETWORK, label: 'DNS server' },
  'network.timeoutMs': { ...NETWORK, label: 'Timeout per network step (ms)' },
  'seg.iisConfigPath': { ...SEG, label: 'applicationHost.config' },
  'seg.registryExport': { ...SEG, label: 'Registry export (.reg)' },
  'seg.folder': { ...SEG, label: 'SEG install folder' },
};

const STEP_TITLES: Readonly<Record<StepId, string>> = {
  uem: 'UEM API',
  'organization-group': 'Organization group',
  kcd: 'KCD',
  email: 'Email server',
  certificates: 'Certificates',
  verify: 'Verify',
  configure: 'Configure',
  export: 'Export',
};

const PANEL_TITLES = { network: 'Network settings', seg: 'SEG host files' } as const;

export interface SettingLink {
  /** The path as the settings file spells it: `kcd.domains.1.realm`. */
  readonly path: string;
  readonly place: SettingPlace;
  /** What a person reads: "KCD › Domain name (realm) 2". */
  readonly text: string;
}

/** The wizard's place of a settings path, or null for a path it does not know (a report from a newer version). */
export function settingLink(path: string): SettingLink | null {
  const indexes = [...path.matchAll(/\.(\d+)(?=\.|$)/g)].map((m) => Number(m[1]));
  const place = (SETTING_PLACES as Readonly<Record<string, SettingPlace>>)[path.replace(/\.\d+(?=\.|$)/g, '.#')];
  if (place === undefined) return null;
  // The KCD step numbers its domains from 1 once there are several; the first is the only one most sites have.
  const number = indexes.length > 0 && indexes[0] !== 0 ? ` ${(indexes[0] ?? 0) + 1}` : '';
  const where = place.panel ? PANEL_TITLES[place.panel] : STEP_TITLES[place.step];
  return { path, place, text: `${where} › ${place.label}${number}` };
}
