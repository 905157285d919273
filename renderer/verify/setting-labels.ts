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
  'uem.user': { step: 'uem', label: 'Admin username' },
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
  'kcd.serviceAccount': { step: 'kcd', label: 'Service account username' },
  'kcd.domains.#.realm': { step: 'kcd', label: 'Domain name' },
  'kcd.domains.#.dcHost': { step: 'kcd', label: 'Domain controller hostname' },
  'kcd.domains': { step: 'kcd', label: 'Domains', focus: '[data-field="kcd.domains.0.realm"]' },
  'email.host': { step: 'email', label: 'Email server hostname' },
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
  'seg.publicHost': { step: 'email', label: 'SEG public DNS name' },
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

/**
 * A remedy's (or a skip reason's) words cut at each setting they name by its path: words, then
 * the setting's link, then words again. The settings in `fields` the words do not name come back
 * apart, to be listed after them.
 */
export function splitAtSettings(
  text: string,
  fields: readonly string[],
): { readonly pieces: readonly (string | SettingLink)[]; readonly unnamed: readonly SettingLink[] } {
  const links = fields.map(settingLink).filter((l): l is SettingLink => l !== null);
  const byPath = new Map(links.filter((l) => text.includes(l.path)).map((l) => [l.path, l]));
  // Longest path first, so `kcd.domains.0.realm` is not cut at `kcd.domains`; split() puts each match at an odd index.
  const alternatives = [...byPath.keys()].sort((a, b) => b.length - a.length).map((p) => p.replace(/\./g, '\\.'));
  const parts = alternatives.length === 0 ? [text] : text.split(new RegExp(`(${alternatives.join('|')})(?![\\w-])`));
  return {
    pieces: parts.map((piece, i) => (i % 2 === 1 ? (byPath.get(piece) ?? piece) : piece)).filter((p) => p !== ''),
    unnamed: links.filter((l) => !byPath.has(l.path)),
  };
}

/** The words with each setting they name in the wizard's terms, as plain text (a row's one-line summary, where no link fits). */
export function inWizardTerms(text: string, fields: readonly string[]): string {
  return splitAtSettings(text, fields)
    .pieces.map((p) => (typeof p === 'string' ? p : p.text))
    .join('');
}
