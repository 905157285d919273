import type { Result } from '../contract/result';
import type { Settings } from '../contract/settings';
import { asaScript, delegationScript, spnScript } from '../scripts/ad-scripts';
import { cdpAiaScript, certEnrollScript, ntauthScript } from '../scripts/ca-scripts';
import { DEFAULT_SCRIPT_OPTIONS, valuesOf, type ScriptFindings, type ScriptOptions } from '../scripts/context';
import { exchangeIisScript, iisIusrsScript } from '../scripts/exchange-scripts';
import { krb5IniScript } from '../scripts/krb5-script';
import type { GeneratedScript, RefusedScript, ScriptInput } from '../contract/scripts';
import { deriveCaWebHost, type DerivedHost } from '../scripts/ca-web-host';
import { loadPkiInputs } from '../pki/settings-certificates';
import {
  collectScript,
  kerberosLoggingReg,
  kerberosLoggingRemoveReg,
  kerberosPathScript,
  maxPacketSizeReg,
  segIisScript,
  trustCaScript,
} from '../scripts/seg-scripts';
import { appcmdCommands } from '../scripts/appcmd';
import { loadAllCertificateRefs } from '../pki/certificate-refs';
import { DEFAULT_IIS_OPTIONS, type IisPlanOptions } from '../iis/iis-options';
import type { IisPlan, ServerRole } from '../contract/iis';
import { buildIisPlan } from '../iis/iis-plan';

export interface ScriptRequest {
  readonly settings: Settings;
  /** Folder of the settings file: certificate paths are relative to it. */
  readonly baseDir: string;
  readonly options?: Partial<ScriptOptions>;
  readonly iisOptions?: Partial<IisPlanOptions>;
  readonly findings?: ScriptFindings;
  /** Plans made from the servers' own applicationHost.config copies; others are planned against IIS defaults. */
  readonly iisPlans?: Partial<Record<ServerRole, IisPlan>>;
}

/** A certificate written beside the scripts because the settings hold it inline. */
export interface CertificateFile {
  readonly fileName: string;
  readonly content: string;
}

export interface ScriptSet {
  readonly scripts: readonly GeneratedScript[];
  readonly refused: readonly RefusedScript[];
  readonly certificates: readonly CertificateFile[];
  /** Values beyond the settings the scripts were made with, for the Configure step to show. */
  readonly inputs: readonly ScriptInput[];
}

/** The CA web host from the HTTP CDP and AIA URLs of the certificates in the settings (unreadable ones are skipped: the scripts report those). */
async function derivedCaWebHost(request: ScriptRequest): Promise<DerivedHost | null> {
  const pki = await loadPkiInputs(request.settings.certificates, request.baseDir);
  const urls = (c: { readonly summary: { readonly cdp: readonly string[]; readonly aia: { readonly caIssuers: readonly string[] } } }) => ({
    cdp: c.summary.cdp,
    caIssuers: c.summary.aia.caIssuers,
  });
  return deriveCaWebHost({ device: pki.device ? urls(pki.device) : null, intermediates: pki.intermediates.map(urls) });
}

function caWebHostInput(typed: string | undefined, derived: DerivedHost | null): ScriptInput {
  const own = typed?.trim() ?? '';
  return {
    key: 'caWebHost',
    label: 'CA web host',
    help: 'The host name devices and the SEG use for the CA’s web server (CertEnroll), e.g. ca01.se.airwlab.com: the CDP/AIA script writes it into new certificates.',
    value: own !== '' ? own : (derived?.host ?? ''),
    derivedFrom: own !== '' ? null : (derived?.from ?? null),
    usedBy: ['ca-cdp-aia'],
  };
}

/** Without the server's file, the plan is made against an empty configuration: every item shows as IIS's default. */
function planFor(role: ServerRole, request: ScriptRequest, iisOptions: IisPlanOptions): Result<IisPlan> {
  return request.iisPlans?.[role] ? { ok: true, value: request.iisPlans[role] } : buildIisPlan(role, '<configuration />', request.settings, iisOptions);
}

function appcmdFor(plan: Result<IisPlan>): Result<{ commands: string[]; notes: string[] }> {
  if (!plan.ok) return plan;
  const commands = appcmdCommands(plan.value);
  if (!commands.ok) return commands;
  const notes = plan.value.blocked.map((b) => `Not included: ${b.title}. ${b.reason}`);
  return { ok: true, value: { commands: commands.value.length > 0 ? commands.value : ['rem Nothing to change: the file already holds every item.'], notes } };
}

/**
 * Every script for what the tool cannot do itself, from the settings and what Verify found.
 * Scripts whose values cannot be quoted safely, or that lack an input, are listed as refused
 * with the reason. None of them turns CRL checking off: that is never offered as a fix.
 */
export async function generateScripts(request: ScriptRequest): Promise<ScriptSet> {
  const options: ScriptOptions = { ...DEFAULT_SCRIPT_OPTIONS, ...request.options };
  const iisOptions: IisPlanOptions = { ...DEFAULT_IIS_OPTIONS, ...request.iisOptions };
  const v = valuesOf(request.settings, options);
  const caWebHost = caWebHostInput(options.caWebHost, await derivedCaWebHost(request));
  const roots = await loadAllCertificateRefs(request.settings.certificates.roots, request.baseDir, 'root');
  const intermediates = await loadAllCertificateRefs(request.settings.certificates.intermediates, request.baseDir, 'intermediate');
  const certError = !roots.ok ? roots : !intermediates.ok ? intermediates : undefined;
  const certs = roots.ok && intermediates.ok ? { roots: roots.value, intermediates: intermediates.value } : undefined;
  const seg = appcmdFor(planFor('seg', request, iisOptions));
  const exchange = appcmdFor(planFor('exchange', request, iisOptions));
  const ca = appcmdFor(planFor('ca', request, iisOptions));

  const attempts: { id: string; title: string; result: Result<GeneratedScript> }[] = [
    { id: 'ad-spn', title: 'Service principal names', result: spnScript(v, request.findings ?? {}) },
    { id: 'ad-delegation', title: 'Delegation rights', result: delegationScript(v) },
    ...(v.casArray ? [{ id: 'exchange-asa', title: 'Alternate service account', result: asaScript(v, options.asaAccount) }] : []),
    { id: 'ca-ntauth', title: 'NTAuth', result: certs ? ntauthScript(v, [...certs.roots, ...certs.intermediates]) : certError! },
    { id: 'ca-cdp-aia', title: 'CDP and AIA over HTTP', result: cdpAiaScript(v, caWebHost.value, options.certEnrollFolder) },
    {
      id: 'ca-certenroll-iis',
      title: 'CertEnroll virtual directory',
      result: ca.ok ? certEnrollScript(options.certEnrollFolder, iisOptions.siteName, ca.value.commands) : ca,
    },
    { id: 'exchange-iis-iusrs', title: 'IIS_IUSRS membership', result: iisIusrsScript(v) },
    {
      id: 'exchange-iis',
      title: 'Exchange Windows authentication',
      result: exchange.ok ? exchangeIisScript(exchange.value.commands, exchange.value.notes) : exchange,
    },
    { id: 'seg-iis', title: 'SEG IIS settings', result: seg.ok ? segIisScript(seg.value.commands, seg.value.notes) : seg },
    { id: 'seg-trust-ca', title: 'Trust the CA on the SEG', result: certs ? trustCaScript(certs.roots, certs.intermediates) : certError! },
    { id: 'krb5-ini', title: 'krb5.ini', result: krb5IniScript(request.settings) },
    { id: 'seg-kerberos-path', title: 'KerberosFiles on PATH', result: kerberosPathScript(options.segInstallRoot) },
    { id: 'seg-kerberos-maxpacketsize', title: 'Kerberos over TCP', result: maxPacketSizeReg() },
    { id: 'seg-kerberos-logging', title: 'Kerberos event logging (troubleshooting only)', result: kerberosLoggingReg() },
    { id: 'seg-kerberos-logging-remove', title: 'Remove Kerberos event logging', result: kerberosLoggingRemoveReg() },
    { id: 'seg-collect', title: 'Collect SEG host files', result: collectScript() },
  ];
  const scripts: GeneratedScript[] = [];
  const refused: RefusedScript[] = [];
  for (const attempt of attempts) {
    if (attempt.result.ok) scripts.push(attempt.result.value);
    else refused.push({ id: attempt.id, title: attempt.title, reason: [attempt.result.error.message, attempt.result.error.remedy].filter(Boolean).join(' ') });
  }
  const certificates = certs ? [...certs.roots, ...certs.intermediates].filter((c) => c.written).map((c) => ({ fileName: c.fileName, content: c.pem })) : [];
  return { scripts, refused, certificates, inputs: [caWebHost] };
}
