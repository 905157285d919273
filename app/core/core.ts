import { CATALOGUE } from '../checks/catalogue';
import { fieldIssues } from '../checks/input';
import type { CheckDefinition } from '../checks/types';
import { familyOf } from '../contract/check-ids';
import { familyTitle } from '../checks/family-title';
import { emptySettings } from '../contract/settings';
import { SETTINGS_FILE_NAME, SettingsStore } from '../config/settings-store';
import { APP_NAME, APP_VERSION } from '../version';
import type { CoreApi, ScriptInputValues, SecretsInput, Settings, VerifyReport } from '../contract/core-api';
import { EventHub } from './events';
import { err, ok } from '../contract/result';
import { renderHtmlReport } from '../report/html-report';
import { resolveSettingsPath } from '../config/settings-path';
import { applyIis, previewIis, undoIis } from '../configure/iis-configure';
import { generateScripts } from '../configure/generate-scripts';
import { consoleChecklists } from '../configure/console-checklists';
import { writeScriptSet, zipScriptSet } from '../configure/write-scripts';
import { reportChain } from '../report/report-chain';
import { exportBundle } from '../bundle/export-bundle';
import { scriptsForBundle } from '../bundle/bundle-scripts';
import { importBundle } from '../bundle/import-bundle';
import { BUNDLE_EXTENSION } from '../bundle/format';
import { importCertificates } from '../pki/certificate-import';
import { Secret, secretsFromRecord, type Secrets } from '../config/secrets';
import type { PasswordVault } from './password-vault';
import { VerifyOperations } from './verify-operations';
import type { FileDialogs } from './file-dialogs';
import { openSettingsFile, parseHostPins, saveSettingsAs } from './settings-files';
import { searchOrganizationGroups } from '../uem/group-picker';

export interface CoreOptions {
  /** Where the wizard keeps its settings (Electron's userData, or a folder the web host is given). */
  readonly profileDir: string;
  /** The checks to offer; the whole catalogue unless a test narrows it. */
  readonly catalogue?: readonly CheckDefinition[];
  /** The desktop's secret store for the UEM API password; absent in the web host and the CLI. */
  readonly uemPasswordVault?: PasswordVault;
  /** The desktop's open and save dialogs; absent in the web host, where the page asks for a path. */
  readonly fileDialogs?: FileDialogs;
  /** The desktop app's restart as administrator (main/elevation.ts); absent in the web host. */
  readonly relaunchElevated?: CoreApi['relaunchElevated'];
}

export interface Core {
  readonly api: CoreApi;
  readonly events: EventHub;
}

/** The core behind every face: the transports only carry calls to this object. */
export function createCore(options: CoreOptions): Core {
  const catalogue = options.catalogue ?? CATALOGUE;
  const events = new EventHub();
  const store = new SettingsStore(options.profileDir);
  const verify = new VerifyOperations(catalogue, events, options.profileDir);
  const api: CoreApi = {
    getAppInfo: async () =>
      ok({
        name: APP_NAME,
        version: APP_VERSION,
        checks: catalogue.map((c) => ({
          id: c.id,
          title: c.title,
          family: familyOf(c.id),
          familyTitle: familyTitle(familyOf(c.id)),
          dependsOn: c.dependsOn ?? [],
        })),
      }),
    newSettings: async () => ok(emptySettings()),
    loadSettings: async () => {
      const loaded = await store.load();
      return loaded.ok ? ok({ settings: loaded.value, path: store.path }) : loaded;
    },
    saveSettings: async ({ settings }) => store.save(settings),
    validateSettings: async ({ settings }) => ok(fieldIssues(settings)),
    startVerify: async (args) => verify.start(args),
    getVerify: async (ref) => verify.get(ref),
    cancelOperation: async (ref) => verify.cancel(ref),
    importCertificates: async ({ base64, password }) =>
      importCertificates({ bytes: Buffer.from(base64, 'base64'), ...(password ? { password: new Secret(password) } : {}) }),
    exportBundle: async ({ settings, secrets, passphrase, operationId }) => {
      let report: VerifyReport | null = null;
      if (operationId !== undefined) {
        const run = verify.get({ operationId });
        if (!run.ok) return run;
        if (run.value.state !== 'finished')
          return err('bundle.report-running', 'That verify run has not finished yet', 'Wait for Verify to finish, or export without its report.');
        report = run.value.report;
      }
      const exported = await exportBundle({
        settings,
        baseDir: options.profileDir,
        scripts: await scriptsForBundle(settings, options.profileDir),
        report: report as unknown as Record<string, unknown> | null,
        secrets: secretsFromRecord(secrets),
        ...(passphrase ? { passphrase: new Secret(passphrase) } : {}),
      });
      if (!exported.ok) return exported;
      return ok({
        fileName: siteFileName(settings, BUNDLE_EXTENSION),
        text: exported.value.text,
        secretsIncluded: exported.value.secretsIncluded,
      });
    },
    previewConfigure: async ({ settings, server, configPath }) =>
      previewIis({ role: server, configPath: resolveSettingsPath(configPath, options.profileDir), settings }),
    applyConfigure: async ({ settings, server, configPath, expectedSha256 }) => {
      const applied = await applyIis({ role: server, configPath: resolveSettingsPath(configPath, options.profileDir), settings, expectedSha256 });
      return applied.ok ? ok({ path: applied.value.path, changed: applied.value.changed, backupPath: applied.value.backupPath }) : applied;
    },
    undoConfigure: async ({ configPath, backupPath }) =>
      undoIis(resolveSettingsPath(configPath, options.profileDir), resolveSettingsPath(backupPath, options.profileDir)),
    generateScripts: async ({ settings, inputs }) => {
      const set = await scriptSetOf(settings, inputs, options.profileDir);
      return ok({ scripts: set.scripts, refused: set.refused, checklists: consoleChecklists(settings), inputs: set.inputs });
    },
    chooseScriptsFolder: async () => {
      if (!options.fileDialogs) return err('dialog.unavailable', 'This window cannot show a folder dialog.', 'Download the scripts as a zip instead.');
      return ok({ path: await options.fileDialogs.chooseFolder('Save all scripts into this folder') });
    },
    saveScripts: async ({ settings, inputs, dir, replace }) => {
      const target = resolveSettingsPath(dir, options.profileDir);
      const written = await writeScriptSet(target, await scriptSetOf(settings, inputs, options.profileDir), consoleChecklists(settings), replace === true);
      return written.ok ? ok({ dir: target, files: written.value }) : written;
    },
    zipScripts: async ({ settings, inputs }) => {
      const zipped = zipScriptSet(await scriptSetOf(settings, inputs, options.profileDir), consoleChecklists(settings));
      return zipped.ok ? ok({ fileName: siteFileName(settings, '-scripts.zip'), base64: zipped.value.toString('base64') }) : zipped;
    },
    rememberUemPassword: async ({ password }) => {
      const vault = options.uemPasswordVault;
      if (!vault) return noVault();
      const available = await vault.availability();
      if (!available.ok) return available;
      const stored = await vault.remember(new Secret(password));
      return stored.ok ? ok({ remembered: true as const }) : stored;
    },
    relaunchElevated: async () =>
      options.relaunchElevated
        ? options.relaunchElevated()
        : err(
            'app.elevation-unavailable',
            'This window cannot restart SEG KCD Setup as administrator: only the desktop app on Windows can.',
            'Close it and start SEG KCD Setup with "Run as administrator" (right-click its shortcut).',
          ),
    recallUemPassword: async () => {
      if (!options.uemPasswordVault) return ok({ password: null });
      const recalled = await options.uemPasswordVault.recall();
      return recalled.ok ? ok({ password: recalled.value?.reveal() ?? null }) : recalled;
    },
    forgetUemPassword: async () => {
      if (!options.uemPasswordVault) return ok({ forgotten: true as const });
      const forgotten = await options.uemPasswordVault.forget();
      return forgotten.ok ? ok({ forgotten: true as const }) : forgotten;
    },
    renderReport: async ({ operationId, format }) => {
      const run = verify.get({ operationId });
      if (!run.ok) return run;
      if (run.value.state !== 'finished')
        return err('report.running', 'That verify run has not finished yet', 'Wait for Verify to finish, then save the report.');
      const report = run.value.report;
      const stamp = report.startedAt.replace(/[:.]/g, '-');
      if (format === 'json') return ok({ fileName: `seg-kcd-report-${stamp}.json`, text: `${JSON.stringify(report, null, 2)}\n` });
      return ok({
        fileName: `seg-kcd-report-${stamp}.html`,
        text: renderHtmlReport({ report, chain: await reportChain(report.settings, options.profileDir) }),
      });
    },
    importBundle: async ({ text, passphrase }) => {
      const imported = await importBundle(Buffer.from(text, 'utf8'), passphrase ? new Secret(passphrase) : undefined);
      if (!imported.ok) return imported;
      const b = imported.value;
      return ok({ ...b, report: b.report as unknown as VerifyReport | null, secrets: revealForPage(b.secrets) });
    },
    searchOrganizationGroups: async ({ settings, secrets, query, page }) =>
      searchOrganizationGroups(settings, secretsFromRecord(secrets), query, page ?? 0, options.profileDir),
    chooseSettingsFile: async ({ purpose }) => {
      if (!options.fileDialogs) return err('dialog.unavailable', 'This window cannot show a file dialog.', 'Type the full path of the settings file.');
      return ok({ path: await options.fileDialogs.choose(purpose, SETTINGS_FILE_NAME) });
    },
    openSettingsFile: async ({ path }) => openSettingsFile(path),
    saveSettingsAs: async ({ settings, path }) => saveSettingsAs(settings, path),
    parseHostPins: async ({ text }) => {
      const parsed = parseHostPins(text);
      return parsed.ok ? ok({ hosts: parsed.value }) : parsed;
    },
  };
  return { api, events };
}

/** The scripts as Configure shows them: typed inputs over what the certificates tell. */
function scriptSetOf(settings: Settings, inputs: ScriptInputValues | undefined, baseDir: string) {
  return generateScripts({ settings, baseDir, ...(inputs?.caWebHost ? { options: { caWebHost: inputs.caWebHost } } : {}) });
}

/** `<group or realm>-<date><suffix>`, safe as a file name on every system. */
function siteFileName(settings: Settings, suffix: string): string {
  const site = settings.organizationGroup.name || settings.kcd.domains[0]?.realm || 'site';
  const safe =
    site
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'site';
  return `${safe}-${new Date().toISOString().slice(0, 10)}${suffix}`;
}

/** The page holds typed passwords in memory; an imported bundle's secrets join them there. */
function revealForPage(secrets: Secrets): SecretsInput {
  const out: { -readonly [K in keyof SecretsInput]: string } = {};
  for (const [name, secret] of Object.entries(secrets) as [keyof SecretsInput, Secret][]) out[name] = secret.reveal();
  return out;
}

function noVault() {
  return err<never>(
    'secrets.no-store',
    'This version has no secret store to remember the password in: it is kept in memory only and asked again next time',
    'Use the desktop app to remember it, or give SEG_UEM_PASSWORD to the CLI.',
  );
}
