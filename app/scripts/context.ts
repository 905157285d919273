import type { ScriptInputValues } from '../contract/scripts';
import type { Settings } from '../contract/settings';

/** Choices the settings do not hold; the defaults are the guide's examples. */
export interface ScriptOptions {
  /** The domain's NetBIOS name (for DOMAIN\account); default: the realm's first label. */
  readonly netbiosDomain?: string;
  /** The alternate service account's computer name for a CAS array (guide: CASARRAY-ASA). */
  readonly asaAccount: string;
  /** Host name clients use for the CA's web server, for the HTTP CDP and AIA URLs. */
  readonly caWebHost?: string;
  /** Folder the CA publishes CRLs to (guide: the default). */
  readonly certEnrollFolder: string;
  /** Where the SEG is installed; the PATH script looks for KerberosFiles below it. */
  readonly segInstallRoot: string;
}

export const DEFAULT_SCRIPT_OPTIONS: ScriptOptions = {
  asaAccount: 'CASARRAY-ASA',
  certEnrollFolder: 'C:\\Windows\\System32\\CertSrv\\CertEnroll',
  segInstallRoot: 'C:\\AirWatch',
};

/**
 * Where each script option's value comes from, so that no script asks for something the wizard
 * never shows (issue 20): a default the guide gives (and the script itself creates or expects),
 * a value derived from the settings, or a field of the Configure step, filled in from the
 * certificates when they tell.
 */
export type ScriptOptionSource =
  | { readonly kind: 'default'; readonly why: string }
  | { readonly kind: 'derived'; readonly from: string }
  | { readonly kind: 'configure-field'; readonly key: keyof ScriptInputValues };

export const SCRIPT_OPTION_SOURCES: Readonly<Record<keyof ScriptOptions, ScriptOptionSource>> = {
  netbiosDomain: { kind: 'derived', from: 'the realm of the first domain (its first label)' },
  asaAccount: { kind: 'default', why: 'the ASA script creates the account under the guide’s name' },
  caWebHost: { kind: 'configure-field', key: 'caWebHost' },
  certEnrollFolder: { kind: 'default', why: 'the folder every AD CS installation publishes to' },
  segInstallRoot: { kind: 'default', why: 'the SEG installer’s folder' },
};

/** What Verify found that changes a script: accounts that hold the target SPN now (ad.target-spn). */
export interface ScriptFindings {
  readonly targetSpnHolders?: readonly string[];
}

/** Values derived once from the settings for every script. */
export interface ScriptValues {
  readonly realm: string;
  readonly dnsDomain: string;
  readonly dcFqdn: string;
  readonly netbios: string;
  readonly serviceAccount: string;
  readonly targetSpn: string;
  readonly emailHost: string;
  /** The account that must hold the target SPN: the Exchange computer, or the ASA (`NAME$`). */
  readonly spnHolder: string;
  /** SPNs the delegation must name (target SPN and the HTTP/FQDN form). */
  readonly delegationSpns: readonly string[];
  readonly casArray: boolean;
  readonly casFqdn: string;
}

export function valuesOf(settings: Settings, options: ScriptOptions): ScriptValues {
  const domain = settings.kcd.domains[0] ?? { realm: '', dcHost: '' };
  const realm = domain.realm.trim();
  const dnsDomain = realm.toLowerCase();
  const emailHost = settings.email.host.trim();
  const casArray = settings.email.casArray.enabled;
  const casFqdn = settings.email.casArray.fqdn.trim();
  const machine = (emailHost.split('.')[0] ?? '').toUpperCase();
  const targetSpn = settings.kcd.targetSpn.trim();
  const fqdnSpn = `HTTP/${casArray ? casFqdn : emailHost}`;
  const delegationSpns = [targetSpn, fqdnSpn].filter(
    (spn, i, all) => spn !== 'HTTP/' && all.findIndex((other) => other.toLowerCase() === spn.toLowerCase()) === i,
  );
  return {
    realm,
    dnsDomain,
    dcFqdn: `${domain.dcHost.trim()}.${dnsDomain}`,
    netbios: options.netbiosDomain?.trim() || (realm.split('.')[0] ?? ''),
    serviceAccount: settings.kcd.serviceAccount.trim(),
    targetSpn,
    emailHost,
    spnHolder: casArray ? `${options.asaAccount}$` : machine,
    delegationSpns,
    casArray,
    casFqdn,
  };
}
