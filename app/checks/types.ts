import type { Settings } from '../contract/settings';
import type { SecretName, Secrets } from '../config/secrets';
import type { CheckId } from '../contract/check-ids';
import type { CommandShell, Evidence } from '../contract/check-result';

/**
 * The fix, when the check does not pass: words for a person and, where one exists, the exact
 * command, with the shell it is quoted for: PowerShell unless the check names another (the
 * quoting helpers of app/scripts/quote.ts quote remedy values for PowerShell).
 */
export interface Remedy {
  readonly remedy: string;
  /**
   * Settings the fix is made in that the remedy's words do not spell out (an input check says
   * "In the KCD step: …"); those it names by their path are found in the words.
   */
  readonly fields?: readonly string[];
  readonly command?: string;
  readonly commandShell?: CommandShell;
}

/**
 * What a check returns. A failure or a warning always carries its remedy, and a skip
 * always carries its reason: the type does not allow one without the other.
 */
export type CheckOutcome =
  | { readonly status: 'pass'; readonly evidence: Evidence }
  | ({ readonly status: 'warn' | 'fail'; readonly evidence: Evidence } & Remedy)
  | { readonly status: 'skip'; readonly reason: string; readonly evidence?: Evidence };

/** A typed name for a value one check produces and a dependent check consumes (a TGT, a UPN). */
export interface ArtifactKey<T> {
  readonly name: string;
  /** Never set: carries T so that provide/artifact are typed. */
  readonly phantom?: T;
}

export function artifactKey<T>(name: string): ArtifactKey<T> {
  return { name };
}

export interface CheckContext {
  readonly settings: Settings;
  readonly secrets: Secrets;
  /** Folder of the settings file: certificate entries that are paths are relative to it. */
  readonly baseDir: string;
  /** Aborted when the run is cancelled or this check's time is up; pass it to every network call. */
  readonly signal: AbortSignal;
  /** Time limit for one network step (settings.network.timeoutMs). */
  readonly stepTimeoutMs: number;
  /** A value a dependency provided; undefined when it did not (e.g. it failed). */
  artifact<T>(key: ArtifactKey<T>): T | undefined;
  provide<T>(key: ArtifactKey<T>, value: T): void;
  /**
   * A value shared by the checks of one run and computed once (parsed certificates, an LDAP
   * session). Concurrent callers get the same promise.
   */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** Runs when the whole run ends, whatever its outcome (close connections). */
  onFinish(cleanup: () => Promise<void> | void): void;
}

export interface CheckDefinition {
  /** Stable id from product.md's catalogue, e.g. `ad.svc-spn`. */
  readonly id: CheckId;
  readonly title: string;
  /** Checks whose failure makes this one meaningless: it is then skipped with the reason. */
  readonly dependsOn?: readonly CheckId[];
  /** Secrets this check cannot run without: when one is missing it is skipped, naming it. */
  readonly needsSecrets?: readonly SecretName[];
  /** True when it talks to a server (for offline runs and the report). */
  readonly network?: boolean;
  /** Whole-check time limit; the runner's default applies otherwise. */
  readonly timeoutMs?: number;
  /**
   * A reason to skip when an input this check needs is not given (no API URL, no sample device
   * certificate), else null. Its dependents are skipped with it: they would lack that input too.
   */
  readonly applies?: (settings: Settings) => string | null;
  /**
   * A reason the check means nothing for these settings (TLS off, no CAS array), else null. It
   * is skipped with that reason, and its dependents run all the same: nothing they need is missing.
   */
  readonly notApplicable?: (settings: Settings) => string | null;
  /**
   * Work this check will need that needs no other check's artifacts (a directory lookup), put in
   * ctx.memo: the runner starts it when the run starts, for every check that will run, so that
   * run() finds it done or under way instead of starting it after its dependencies. run() awaits
   * the same memo, so a failure here reaches it; the runner only waits for the promise. Its
   * signal is this check's: aborted on cancel, when the check's time is up, or when the run ends.
   */
  readonly prefetch?: (ctx: CheckContext) => Promise<unknown>;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}
