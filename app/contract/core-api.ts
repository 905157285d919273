/**
 * The one API the wizard may call. Electron (preload + IPC), the development/test web host
 * (HTTP on 127.0.0.1) and the contract tests all serve this interface; the renderer imports
 * this file with `import type` only, and nothing here pulls in runtime code beyond the
 * method list, so the preload bundle stays tiny.
 *
 * Every method takes one argument object (or none) and resolves to a Result: errors are
 * values, because Electron's IPC keeps only an exception's message.
 */
import type { CheckFamily, CheckId } from './check-ids';
import type { Result } from './result';
import type { Settings } from './settings';
import type { FieldIssue } from './field-issue';
import type { CheckResult } from './check-result';
import type { VerifyReport } from './verify-report';
import type { CertificateSummary } from './certificate-summary';
import type { ApplyOutcome, IisPreview, ServerRole, UndoOutcome } from './iis';
import type { ConsoleChecklist } from './console-checklists';
import type { GeneratedScript, RefusedScript, ScriptInput, ScriptInputValues } from './scripts';

export type { Result, CoreError } from './result';
export type { CheckFamily, CheckId } from './check-ids';
export type { Settings } from './settings';
export type { FieldIssue } from './field-issue';
export type { CheckResult, CheckStatus } from './check-result';
export type { VerifyReport } from './verify-report';
export type { CertificateSummary } from './certificate-summary';
export type { ApplyOutcome, IisPlan, IisPreview, PlanItem, ServerRole, UndoOutcome } from './iis';
export type { ChecklistEntry, ConsoleChecklist } from './console-checklists';
export type { GeneratedScript, RefusedScript, ScriptInput, ScriptInputValues } from './scripts';

export interface CheckInfo {
  readonly id: CheckId;
  readonly title: string;
  readonly family: CheckFamily;
  /** The family as a person reads it ("Active Directory"), for section headings. */
  readonly familyTitle: string;
  readonly dependsOn: readonly CheckId[];
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** The check catalogue, in order: the Verify page draws its rows from it before a run. */
  readonly checks: readonly CheckInfo[];
}

/** Passwords typed in the wizard: sent with the call that needs them, kept nowhere. */
export interface SecretsInput {
  readonly uemPassword?: string;
  readonly kcdPassword?: string;
  readonly testMailboxPassword?: string;
}

export interface StoredSettings {
  /** Null when nothing was saved yet. */
  readonly settings: Settings | null;
  readonly path: string;
}

export interface SavedSettings {
  readonly path: string;
  readonly savedAt: string;
}

export interface VerifyArgs {
  readonly settings: Settings;
  readonly secrets: SecretsInput;
  /** Ids or families (`ad.*`); all checks when absent. */
  readonly only?: readonly string[];
}

export interface OperationRef {
  readonly operationId: string;
}

export type VerifyState =
  { readonly state: 'running'; readonly results: readonly CheckResult[] } | { readonly state: 'finished'; readonly report: VerifyReport };

/** Progress of long work, pushed to the page; every event names its operation. */
export type CoreEvent =
  | { readonly operationId: string; readonly kind: 'check-started'; readonly id: string; readonly title: string }
  | { readonly operationId: string; readonly kind: 'check-finished'; readonly result: CheckResult }
  | { readonly operationId: string; readonly kind: 'verify-finished'; readonly report: VerifyReport };

export interface CertificateFile {
  /** The file's bytes, base64: PEM, DER, PKCS#7 or PFX/P12. */
  readonly base64: string;
  /** Only for PFX/P12; the private key inside is never kept. */
  readonly password?: string;
}

export interface ImportedCertificateFile {
  readonly format: 'pem' | 'der' | 'pkcs7' | 'pfx';
  readonly certificates: readonly CertificateSummary[];
}

export interface BundleExportArgs {
  readonly settings: Settings;
  /** Sealed into the bundle only when a passphrase is given. */
  readonly secrets: SecretsInput;
  readonly passphrase?: string;
  /** The verify run whose report the bundle carries. */
  readonly operationId?: string;
}

export interface ExportedBundleFile {
  readonly fileName: string;
  readonly text: string;
  readonly secretsIncluded: boolean;
}

/** What an imported bundle holds, shown to the person before anything is replaced. */
export interface BundlePreview {
  readonly createdAt: string;
  readonly createdBy: string;
  readonly settings: Settings;
  readonly certificates: readonly { readonly role: 'root' | 'intermediate' | 'device'; readonly summary: CertificateSummary }[];
  readonly scripts: readonly { readonly name: string; readonly content: string }[];
  readonly report: VerifyReport | null;
  readonly secrets: SecretsInput;
  readonly integrity: 'authenticated' | 'digest-only';
}

export interface OrganizationGroupSearchArgs {
  readonly settings: Settings;
  readonly secrets: SecretsInput;
  readonly query: string;
  readonly page?: number;
}

export interface OrganizationGroupPage {
  readonly groups: readonly { readonly id: string; readonly name: string; readonly groupId?: string }[];
  readonly page: number;
  readonly total: number;
}

export interface RenderedReport {
  readonly fileName: string;
  readonly text: string;
}

export interface ConfigureTarget {
  readonly settings: Settings;
  readonly server: ServerRole;
  /** That server's applicationHost.config, or a copy of it. */
  readonly configPath: string;
}

export interface GeneratedScripts {
  readonly scripts: readonly GeneratedScript[];
  /** Scripts these settings cannot produce yet, with the reason. */
  readonly refused: readonly RefusedScript[];
  /** What is set by hand in the UEM console, filled in. */
  readonly checklists: readonly ConsoleChecklist[];
  /** Values the scripts need beyond the settings: shown on the Configure step, each with where it came from. */
  readonly inputs: readonly ScriptInput[];
}

export interface ScriptsArgs {
  readonly settings: Settings;
  /** Typed on the Configure step; a value left out is derived where the certificates allow. */
  readonly inputs?: ScriptInputValues;
}

export interface SavedScripts {
  readonly dir: string;
  /** Every file the folder now holds from this save, README.txt included. */
  readonly files: readonly string[];
}

export interface ZippedScripts {
  readonly fileName: string;
  /** The zip file's bytes, base64. */
  readonly base64: string;
}

export interface CoreApi {
  getAppInfo(): Promise<Result<AppInfo>>;
  newSettings(): Promise<Result<Settings>>;
  loadSettings(): Promise<Result<StoredSettings>>;
  saveSettings(args: { readonly settings: Settings }): Promise<Result<SavedSettings>>;
  validateSettings(args: { readonly settings: Settings }): Promise<Result<readonly FieldIssue[]>>;
  startVerify(args: VerifyArgs): Promise<Result<OperationRef>>;
  getVerify(args: OperationRef): Promise<Result<VerifyState>>;
  cancelOperation(args: OperationRef): Promise<Result<{ readonly cancelled: boolean }>>;
  importCertificates(args: CertificateFile): Promise<Result<ImportedCertificateFile>>;
  exportBundle(args: BundleExportArgs): Promise<Result<ExportedBundleFile>>;
  importBundle(args: { readonly text: string; readonly passphrase?: string }): Promise<Result<BundlePreview>>;
  /** A finished verify run as a file to save: self-contained HTML for people, JSON for scripts. */
  renderReport(args: OperationRef & { readonly format: 'html' | 'json' }): Promise<Result<RenderedReport>>;
  /** The IIS plan of one server as a diff and appcmd commands; writes nothing. */
  previewConfigure(args: ConfigureTarget): Promise<Result<IisPreview>>;
  /** Backs up, writes atomically, re-reads and checks; refuses a file changed since the preview. */
  applyConfigure(args: ConfigureTarget & { readonly expectedSha256: string }): Promise<Result<ApplyOutcome>>;
  undoConfigure(args: { readonly configPath: string; readonly backupPath: string }): Promise<Result<UndoOutcome>>;
  generateScripts(args: ScriptsArgs): Promise<Result<GeneratedScripts>>;
  /** The desktop's folder dialog for "Save all scripts"; refused where there is none (the web host), where the page downloads a zip. */
  chooseScriptsFolder(): Promise<Result<{ readonly path: string | null }>>;
  /**
   * Every script, the certificates they name and README.txt into the folder, each written
   * atomically. A file of the same name with other content is refused (scripts.would-replace,
   * naming them) unless `replace` is given after the admin agreed.
   */
  saveScripts(args: ScriptsArgs & { readonly dir: string; readonly replace?: boolean }): Promise<Result<SavedScripts>>;
  /** The same files as one zip, for a page that can only download. */
  zipScripts(args: ScriptsArgs): Promise<Result<ZippedScripts>>;
  /** Keeps the UEM API password in the desktop's secret store; refused where only a plain-text fallback exists. */
  rememberUemPassword(args: { readonly password: string }): Promise<Result<{ readonly remembered: true }>>;
  recallUemPassword(): Promise<Result<{ readonly password: string | null }>>;
  forgetUemPassword(): Promise<Result<{ readonly forgotten: true }>>;
  /** The organization group picker: one page (0-based) of groups whose name contains `query` (all when empty). */
  searchOrganizationGroups(args: OrganizationGroupSearchArgs): Promise<Result<OrganizationGroupPage>>;
  /** File › Open and Save as: the desktop's file dialog; refused where there is none (the web host), where the page asks for a path. */
  chooseSettingsFile(args: { readonly purpose: 'open' | 'save' }): Promise<Result<{ readonly path: string | null }>>;
  /** A settings file the CLI reads, from its full path; certificate paths in it come in as PEM. */
  openSettingsFile(args: { readonly path: string }): Promise<Result<StoredSettings & { readonly settings: Settings }>>;
  /** The settings written to a file of the person's choosing, as the CLI's --config reads them. */
  saveSettingsAs(args: { readonly settings: Settings; readonly path: string }): Promise<Result<SavedSettings>>;
  /** Host pins pasted as "name address" lines, checked; one bad line refuses the paste. */
  parseHostPins(args: { readonly text: string }): Promise<Result<{ readonly hosts: Readonly<Record<string, string>> }>>;
  /**
   * The desktop app on Windows starts itself again as administrator (Windows asks the person)
   * and quits, for the one thing that needs it: writing applicationHost.config (iis.needs-admin).
   * Elsewhere an error saying how to start it so by hand.
   */
  relaunchElevated(): Promise<Result<{ readonly relaunching: true }>>;
}

export type CoreMethod = keyof CoreApi;

/** Every method, for transports that register one handler each (IPC channels, HTTP routes). */
export const CORE_METHODS = [
  'getAppInfo',
  'newSettings',
  'loadSettings',
  'saveSettings',
  'validateSettings',
  'startVerify',
  'getVerify',
  'cancelOperation',
  'importCertificates',
  'exportBundle',
  'importBundle',
  'renderReport',
  'previewConfigure',
  'applyConfigure',
  'undoConfigure',
  'generateScripts',
  'chooseScriptsFolder',
  'saveScripts',
  'zipScripts',
  'rememberUemPassword',
  'recallUemPassword',
  'forgetUemPassword',
  'searchOrganizationGroups',
  'chooseSettingsFile',
  'openSettingsFile',
  'saveSettingsAs',
  'parseHostPins',
  'relaunchElevated',
] as const satisfies readonly CoreMethod[];

// Compile-time completeness: adding a method to CoreApi without listing it above fails the build.
type Unlisted = Exclude<CoreMethod, (typeof CORE_METHODS)[number]>;
const everyMethodListed: [Unlisted] extends [never] ? true : { missing: Unlisted } = true;
void everyMethodListed;

/** The argument type of a method (undefined for methods without one). */
export type ArgsOf<M extends CoreMethod> = Parameters<CoreApi[M]> extends [infer A] ? A : undefined;
/** The value a method's Result carries. */
export type ValueOf<M extends CoreMethod> = Awaited<ReturnType<CoreApi[M]>> extends Result<infer T> ? T : never;

/** Name of the IPC channel for a method (Electron). */
export const ipcChannel = (method: CoreMethod): string => `seg:${method}`;
export const IPC_EVENT_CHANNEL = 'seg:event';
