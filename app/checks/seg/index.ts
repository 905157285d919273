import { promises as fs } from 'node:fs';
import { resolveSettingsPath } from '../../config/settings-path';
import { err, type Result } from '../../contract/result';
import type { Settings } from '../../contract/settings';
import { appcmdCommands } from '../../scripts/appcmd';
import { loadAllCertificateRefs, type CertificateRef } from '../../pki/certificate-refs';
import { activeSyncLocation, DEFAULT_IIS_OPTIONS } from '../../iis/iis-options';
import { buildIisPlan } from '../../iis/iis-plan';
import { type IisPlan, type PlanItem } from '../../contract/iis';
import { krb5IniScript } from '../../scripts/krb5-script';
import { nativeArg } from '../../scripts/quote';
import { readConfigFile } from '../../iis/apply-file';
import { observe } from '../../iis/resolve';
import { describeSetting, flagSet } from '../../iis/setting';
import { parseXmlTree, type XmlTree } from '../../iis/xml-tree';
import { parseKrb5Ini, realmRelation } from '../../kerberos/krb5-ini';
import { parseRegExport, regValue, type RegistryExport } from '../../scripts/reg-file';
import type { CheckId } from '../../contract/check-ids';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../types';

/**
 * seg.*: the SEG host as the guide leaves it, judged from copies — its applicationHost.config
 * (settings seg.iisConfigPath), an export of its registry (seg.registryExport) and a folder of
 * its files (seg.folder: krb5.ini) — so the check runs anywhere, not only on the SEG.
 */

const segFolder = (settings: Settings): string => settings.seg.folder;

const pathOf = (ctx: CheckContext, value: string) => resolveSettingsPath(value, ctx.baseDir);

const noIis = (s: Settings) => (s.seg.iisConfigPath.trim() === '' ? 'No copy of the SEG’s applicationHost.config is set (settings seg.iisConfigPath)' : null);
const noRegistry = (s: Settings) => (s.seg.registryExport.trim() === '' ? 'No export of the SEG’s registry is set (settings seg.registryExport)' : null);
const noFolder = (s: Settings) => (segFolder(s).trim() === '' ? 'No folder with the SEG’s files is set (settings seg.folder)' : null);

interface SegIis {
  readonly tree: XmlTree;
  readonly plan: IisPlan;
}

function loadIis(ctx: CheckContext): Promise<Result<SegIis>> {
  return ctx.memo('seg.iis', async () => {
    const text = await readConfigFile(pathOf(ctx, ctx.settings.seg.iisConfigPath));
    if (!text.ok) return text;
    const tree = parseXmlTree(text.value);
    if (!tree.ok) return tree;
    const plan = buildIisPlan('seg', text.value, ctx.settings, DEFAULT_IIS_OPTIONS);
    return plan.ok ? { ok: true as const, value: { tree: tree.value, plan: plan.value } } : plan;
  });
}

/** A registry export of the keys the checks read is a few MB; far more means a whole hive or a wrong file. */
const MAX_REGISTRY_BYTES = 256 * 1024 * 1024;

function loadRegistry(ctx: CheckContext): Promise<Result<RegistryExport>> {
  return ctx.memo('seg.registry', async () => {
    const path = pathOf(ctx, ctx.settings.seg.registryExport);
    const size = await fs.stat(path).then((info) => info.size, () => undefined);
    if (size === undefined) return err('seg.registry-missing', `${path} cannot be read.`, 'Export the keys on the SEG (script seg-collect.cmd) and give the file’s path.');
    if (size > MAX_REGISTRY_BYTES) return err('seg.registry-too-large', `${path} is ${size} bytes: not an export of the few keys the checks read.`, 'Export only the keys seg-collect.cmd names.');
    const bytes = await fs.readFile(path).catch(() => undefined);
    return bytes ? parseRegExport(bytes) : err('seg.registry-missing', `${path} cannot be read.`);
  });
}

const failed = (error: { message: string; remedy?: string }): CheckOutcome => ({ status: 'fail', evidence: [error.message], remedy: error.remedy ?? 'Give a readable copy of the file.' });

function evidenceOf(item: PlanItem): string {
  return `${describeSetting(item.setting)}: ${item.current} (${item.currentSource})`;
}

/** Passes when every plan item the check proves already holds; otherwise the appcmd lines for the rest. */
async function planOutcome(ctx: CheckContext, id: string): Promise<CheckOutcome> {
  const iis = await loadIis(ctx);
  if (!iis.ok) return failed(iis.error);
  const items = iis.value.plan.items.filter((item) => item.check === id);
  const blocked = iis.value.plan.blocked.filter((b) => b.id === id);
  const evidence = items.map(evidenceOf);
  if (blocked.length > 0) return { status: 'fail', evidence: [...evidence, ...blocked.map((b) => b.reason)], remedy: blocked.map((b) => `${b.title}: ${b.reason}`).join(' ') };
  const pending = items.filter((item) => item.state === 'change');
  if (pending.length === 0) return { status: 'pass', evidence };
  const commands = appcmdCommands({ ...iis.value.plan, items: pending });
  return {
    status: 'fail',
    evidence,
    remedy: `${pending.map((item) => `${item.title} (guide: ${item.guideStep})`).join('; ')}. Apply the SEG plan (seg-setup configure), or run these on the SEG as administrator.`,
    ...(commands.ok ? { command: commands.value.join('\n') } : {}),
  };
}

function planCheck(id: CheckId, title: string): CheckDefinition {
  return { id, title, dependsOn: ['seg.iis-config'], applies: noIis, run: (ctx) => planOutcome(ctx, id) };
}

const iisConfig: CheckDefinition = {
  id: 'seg.iis-config',
  title: 'SEG applicationHost.config is readable',
  applies: noIis,
  run: async (ctx) => {
    const iis = await loadIis(ctx);
    if (!iis.ok) return failed(iis.error);
    return { status: 'pass', evidence: [`${pathOf(ctx, ctx.settings.seg.iisConfigPath)}: ${iis.value.tree.text.split('\n').length} lines, well-formed`] };
  },
};

const sslSettings: CheckDefinition = {
  id: 'seg.ssl-settings',
  title: 'SSL required, client certificates required (or accepted beside other authentication)',
  dependsOn: ['seg.iis-config'],
  applies: noIis,
  run: async (ctx) => {
    const iis = await loadIis(ctx);
    if (!iis.ok) return failed(iis.error);
    const location = activeSyncLocation(ctx.settings, DEFAULT_IIS_OPTIONS);
    const flags = observe(iis.value.tree, { kind: 'attribute', location, section: 'system.webServer/security/access', element: [], attribute: 'sslFlags', value: '', compare: 'flags', schemaDefault: 'None' });
    const set = flagSet(flags.effective);
    const evidence = [`sslFlags at "${location}": ${flags.effective} (${flags.source})`];
    if (!set.has('ssl') || !(set.has('sslnegotiatecert') || set.has('sslrequirecert'))) return planOutcome(ctx, 'seg.ssl-settings');
    if (set.has('sslrequirecert')) return { status: 'pass', evidence: [...evidence, 'client certificates: required'] };
    const others = ['anonymousAuthentication', 'basicAuthentication', 'windowsAuthentication'].filter(
      (name) => observe(iis.value.tree, { kind: 'attribute', location, section: `system.webServer/security/authentication/${name}`, element: [], attribute: 'enabled', value: 'true', compare: 'bool', schemaDefault: 'false' }).effective.toLowerCase() === 'true',
    );
    if (others.length > 0) return { status: 'pass', evidence: [...evidence, `client certificates: accepted; other authentication allowed: ${others.join(', ')}`] };
    return { status: 'warn', evidence: [...evidence, 'client certificates: accepted, but no other authentication is enabled'], remedy: 'Only certificates authenticate here: set client certificates to Required (guide: Set Up SSL, step 2).' };
  },
};

const ENVIRONMENT = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment';

const kerberosFilesPath: CheckDefinition = {
  id: 'seg.kerberos-files-path',
  title: 'The SEG’s KerberosFiles folder is on the system PATH',
  applies: noRegistry,
  run: async (ctx) => {
    const registry = await loadRegistry(ctx);
    if (!registry.ok) return failed(registry.error);
    const path = regValue(registry.value, ENVIRONMENT, 'Path');
    if (!path || (path.kind !== 'sz' && path.kind !== 'expand-sz')) {
      return { status: 'fail', evidence: [`${ENVIRONMENT}\\Path is not in the export`], remedy: `Export ${ENVIRONMENT} on the SEG (reg export) and add it to the registry file.` };
    }
    const entries = path.data.split(';').map((entry) => entry.trim()).filter((entry) => entry !== '');
    const hit = entries.find((entry) => /\\KerberosFiles\\?$/i.test(entry));
    if (hit) return { status: 'pass', evidence: [`PATH entry: ${hit}`] };
    return {
      status: 'fail',
      evidence: [`PATH has ${entries.length} entries, none ending in \\KerberosFiles`],
      remedy: 'Error A of the guide ("Cannot find Kerberos or its dependencies"): add {SEG install folder}\\KerberosFiles to the system PATH (script seg-kerberos-path.ps1), then restart IIS.',
    };
  },
};

const krb5Ini: CheckDefinition = {
  id: 'seg.krb5-ini',
  title: 'krb5.ini on the SEG names every realm and its domain controller',
  applies: noFolder,
  run: async (ctx) => {
    const folder = pathOf(ctx, segFolder(ctx.settings));
    const candidates = ['krb5.ini', 'ProgramData\\MIT\\Kerberos5\\krb5.ini'].map((file) => resolveSettingsPath(file, folder));
    let text: string | undefined;
    let found = '';
    for (const candidate of candidates) {
      text = await fs.readFile(candidate, 'utf8').catch(() => undefined);
      found = candidate;
      if (text !== undefined) break;
    }
    const wanted = krb5IniScript(ctx.settings);
    const command = wanted.ok ? wanted.value.content : undefined;
    const remedy = (words: string) => ({ remedy: `${words} Error C of the guide: write C:\\ProgramData\\MIT\\Kerberos5\\krb5.ini on the SEG as generated (script krb5.ini).`, ...(command ? { command } : {}) });
    if (text === undefined) return { status: 'fail', evidence: [`no krb5.ini in ${folder}`], ...remedy('krb5.ini is missing.') };
    const { profile, errors } = parseKrb5Ini(text);
    const evidence = [`read ${found}`, ...errors.map((e) => `syntax: ${e}`)];
    const problems: string[] = [];
    for (const domain of ctx.settings.kcd.domains) {
      const realm = realmRelation(profile, domain.realm);
      const kdcs = realm?.values.get('kdc') ?? [];
      evidence.push(`[realms] ${domain.realm}: ${realm ? `kdc = ${kdcs.join(', ') || '(none)'}` : 'absent'}`);
      const host = domain.dcHost.toLowerCase();
      const matches = kdcs.some((kdc) => kdc.toLowerCase().replace(/:\d+$/, '').split('.')[0] === host);
      if (!realm) problems.push(`realm ${domain.realm} is missing from [realms]`);
      else if (!matches) problems.push(`realm ${domain.realm} does not list ${domain.dcHost} as kdc`);
    }
    if (errors.length > 0) problems.push('the file has syntax errors');
    if (problems.length > 0) return { status: 'fail', evidence, ...remedy(`${problems.join('; ')}.`) };
    const defaultRealm = profile.get('libdefaults')?.values.get('default_realm')?.[0];
    const first = ctx.settings.kcd.domains[0]?.realm;
    if (first !== undefined && defaultRealm !== first) {
      return { status: 'warn', evidence: [...evidence, `default_realm = ${defaultRealm ?? '(none)'}`], ...remedy(`Set default_realm = ${first}.`) };
    }
    return { status: 'pass', evidence };
  },
};

const ROOT_STORES = ['SOFTWARE\\Microsoft\\SystemCertificates\\ROOT', 'SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\Root', 'SOFTWARE\\Microsoft\\EnterpriseCertificates\\Root'];
const CA_STORES = ['SOFTWARE\\Microsoft\\SystemCertificates\\CA', 'SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\CA', 'SOFTWARE\\Microsoft\\EnterpriseCertificates\\CA'];

function inStore(registry: RegistryExport, stores: readonly string[], cert: CertificateRef): string | undefined {
  return stores.find((store) => registry.has(`hkey_local_machine\\${store}\\Certificates\\${cert.thumbprint}`.toLowerCase()));
}

const rootTrusted: CheckDefinition = {
  id: 'seg.root-trusted',
  title: 'The SEG trusts the root CA (and holds the intermediates)',
  applies: (s) => noRegistry(s) ?? (s.certificates.roots.length === 0 ? 'No root certificate is given in the Certificates step' : null),
  run: async (ctx) => {
    const registry = await loadRegistry(ctx);
    if (!registry.ok) return failed(registry.error);
    const roots = await loadAllCertificateRefs(ctx.settings.certificates.roots, ctx.baseDir, 'root');
    if (!roots.ok) return failed(roots.error);
    const intermediates = await loadAllCertificateRefs(ctx.settings.certificates.intermediates, ctx.baseDir, 'intermediate');
    if (!intermediates.ok) return failed(intermediates.error);
    const evidence: string[] = [];
    const missingRoots = roots.value.filter((cert) => {
      const store = inStore(registry.value, ROOT_STORES, cert);
      evidence.push(`${cert.subject} (${cert.thumbprint}): ${store ? `in HKLM\\${store}` : 'not in the Local Computer Trusted Root store'}`);
      return !store;
    });
    const missingCas = intermediates.value.filter((cert) => {
      const store = inStore(registry.value, [...CA_STORES, ...ROOT_STORES], cert);
      evidence.push(`${cert.subject} (${cert.thumbprint}): ${store ? `in HKLM\\${store}` : 'not in the Intermediate Certification Authorities store'}`);
      return !store;
    });
    const command = [...missingRoots.map((c) => `certutil -addstore -f Root ${nativeArg(c.fileName)}`), ...missingCas.map((c) => `certutil -addstore -f CA ${nativeArg(c.fileName)}`)].join('\n');
    if (missingRoots.length > 0) return { status: 'fail', evidence, remedy: 'Import the root CA certificate into the SEG’s Local Computer Trusted Root Certification Authorities store (guide: Install SEG, step 13; script seg-trust-ca.cmd).', command };
    if (missingCas.length > 0) return { status: 'warn', evidence, remedy: 'Import the intermediate CA certificates into the SEG’s Intermediate Certification Authorities store (guide: Install SEG, step 13).', command };
    return { status: 'pass', evidence };
  },
};

export const SEG_CHECKS: readonly CheckDefinition[] = [
  iisConfig,
  planCheck('seg.client-cert-mapping', 'Active Directory client certificate mapping is on for ActiveSync'),
  sslSettings,
  planCheck('seg.upload-read-ahead', 'uploadReadAheadSize is 10485760 at server and site level'),
  planCheck('seg.app-pool', 'The SEG application pool runs as NetworkService with 32-bit applications enabled'),
  kerberosFilesPath,
  krb5Ini,
  rootTrusted,
];
