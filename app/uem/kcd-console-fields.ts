import type { Settings } from '../contract/settings';
import type { CustomGatewaySetting } from './mem-gateway-settings';

/** One field of the console's MEM configuration (Email > Email Settings > Advanced), with the wizard's value. */
export interface ConsoleField {
  /** The label on the console, so a person finds it. */
  readonly label: string;
  readonly wizard: string;
  /**
   * The field's name in GatewaySettingsModel.certAuthConfig (uem-api-notes.md 6.2): the only
   * way the public API can show it is a custom gateway setting of that name. Null: never shown.
   */
  readonly apiKey: string | null;
  /** How the values compare: realms are case-sensitive in Kerberos, SPNs and account names are not in AD. */
  readonly compare: 'exact' | 'ignore-case' | 'boolean';
}

export type Verdict = 'match' | 'differs' | 'not shown';

export interface FieldComparison {
  readonly field: ConsoleField;
  readonly observed: { readonly key: string; readonly value: string } | null;
  readonly verdict: Verdict;
}

/** The KCD fields of the vendor guide's step 7, in the console's order, plus the friendly name the SEG matches on. */
export function consoleFields(settings: Settings): ConsoleField[] {
  const first = settings.kcd.domains[0];
  return [
    { label: 'Friendly Name', wizard: settings.organizationGroup.memConfigName, apiKey: null, compare: 'exact' },
    { label: 'Enable Cross-domain KCD Authentication', wizard: 'on', apiKey: 'enableKCDAuthentication', compare: 'boolean' },
    { label: 'Target SPN', wizard: settings.kcd.targetSpn, apiKey: 'targetSPN', compare: 'ignore-case' },
    { label: 'Service Account Username', wizard: settings.kcd.serviceAccount, apiKey: 'serviceAccountUsername', compare: 'ignore-case' },
    { label: 'Service Account Password', wizard: '(the password given for the service account; never shown)', apiKey: null, compare: 'exact' },
    { label: 'Domain Controller Hostname', wizard: first?.dcHost ?? '', apiKey: 'domainControllerHostName', compare: 'ignore-case' },
    { label: 'Domain Name', wizard: first?.realm ?? '', apiKey: 'domainName', compare: 'exact' },
  ];
}

function asBoolean(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return null;
}

function same(field: ConsoleField, observed: string): boolean {
  switch (field.compare) {
    case 'boolean':
      return asBoolean(observed) === asBoolean(field.wizard);
    case 'ignore-case':
      return observed.trim().toLowerCase() === field.wizard.trim().toLowerCase();
    case 'exact':
      return observed.trim() === field.wizard.trim();
  }
}

/** A custom setting stands for a field when its key, or the last part of a dotted key, is the field's name. */
function settingFor(apiKey: string, settings: readonly CustomGatewaySetting[]): CustomGatewaySetting | undefined {
  return settings.find((s) => (s.key.split(/[.:/]/).pop() ?? '').toLowerCase() === apiKey.toLowerCase());
}

export function compareFields(fields: readonly ConsoleField[], shown: readonly CustomGatewaySetting[]): FieldComparison[] {
  return fields.map((field) => {
    const setting = field.apiKey === null ? undefined : settingFor(field.apiKey, shown);
    if (setting === undefined) return { field, observed: null, verdict: 'not shown' };
    return { field, observed: { key: setting.key, value: setting.value }, verdict: same(field, setting.value) ? 'match' : 'differs' };
  });
}

/** The side-by-side list a person works through on the console: one line a field. */
export function sideBySide(comparisons: readonly FieldComparison[]): string[] {
  return comparisons.map(({ field, observed, verdict }) => {
    const wizard = field.wizard === '' ? '(empty)' : field.wizard;
    if (observed === null) return `console "${field.label}" — wizard: ${wizard} — API: not shown, compare on the console`;
    return `console "${field.label}" — wizard: ${wizard} — API: ${observed.value} (custom gateway setting ${observed.key}) — ${verdict === 'match' ? 'matches' : 'DIFFERS'}`;
  });
}
