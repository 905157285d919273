import type { Settings } from '../contract/settings';
import { SECRET_ENV, type Secrets } from '../config/secrets';
import type { ArtifactKey, CheckContext, CheckDefinition, CheckOutcome } from './types';
import type { CheckResult } from '../contract/check-result';
import { notApplicableReason } from './not-applicable';
import { remedyFieldsOf } from './remedy-fields';

export type RunEvent =
  { readonly type: 'check-started'; readonly id: string; readonly title: string } | { readonly type: 'check-finished'; readonly result: CheckResult };

export interface RunOptions {
  readonly settings: Settings;
  readonly secrets: Secrets;
  readonly baseDir: string;
  /** Cancels the whole run: running checks are aborted, waiting ones skipped. */
  readonly signal?: AbortSignal;
  /** Whole-check limit for checks that do not set their own. */
  readonly checkTimeoutMs?: number;
  readonly onEvent?: (event: RunEvent) => void;
}

const DEFAULT_CHECK_TIMEOUT_MS = 30_000;

const noop = () => undefined;

/** The reason a check's signal carries when its time is up (a cancel carries the caller's reason). */
class CheckTimeout extends Error {}

function toResult(check: CheckDefinition, outcome: CheckOutcome, durationMs: number): CheckResult {
  const base = { id: check.id, title: check.title, durationMs: Math.round(durationMs) };
  switch (outcome.status) {
    case 'pass':
      return { ...base, status: 'pass', evidence: outcome.evidence, remedy: null, remedyFields: [], command: null, commandShell: null, reason: null };
    case 'warn':
    case 'fail':
      return {
        ...base,
        status: outcome.status,
        evidence: outcome.evidence,
        remedy: outcome.remedy,
        remedyFields: remedyFieldsOf(outcome.remedy, outcome.fields),
        command: outcome.command ?? null,
        commandShell: outcome.command === undefined ? null : (outcome.commandShell ?? 'powershell'),
        reason: null,
      };
    case 'skip':
      return {
        ...base,
        status: 'skip',
        evidence: outcome.evidence ?? [],
        remedy: null,
        // A skip for a missing input names the setting to fill in ("No copy of the SEG’s applicationHost.config is set (seg.iisConfigPath)").
        remedyFields: remedyFieldsOf(outcome.reason),
        command: null,
        commandShell: null,
        reason: outcome.reason,
      };
  }
}

/**
 * A dependency that failed or was skipped, named as the root cause: a chain of skips says
 * "krb.as was skipped (needs SEG_KCD_PASSWORD …)" at every link rather than nesting one
 * reason inside the next. `inherited` holds the reasons already passed down that way. A
 * dependency that does not apply (`notApplicable`) takes nothing down.
 */
function dependencySkip(
  check: CheckDefinition,
  done: ReadonlyMap<string, CheckResult>,
  inherited: ReadonlyMap<string, string>,
  inapplicable: ReadonlySet<string>,
): string | null {
  for (const dep of check.dependsOn ?? []) {
    const result = done.get(dep);
    if (result === undefined || inapplicable.has(dep)) continue;
    if (result.status === 'fail') return `${dep} failed: fix it first`;
    if (result.status === 'skip') return inherited.get(dep) ?? `${dep} was skipped (${result.reason ?? 'no reason'})`;
  }
  return null;
}

/** Why a check cannot run though its dependencies ran: an input or a secret it needs is missing. */
function ownSkip(check: CheckDefinition, options: RunOptions): string | null {
  const missingInput = check.applies?.(options.settings) ?? null;
  if (missingInput !== null) return missingInput;
  const missing = (check.needsSecrets ?? []).filter((name) => options.secrets[name] === undefined);
  if (missing.length > 0) {
    return `needs ${missing.map((name) => SECRET_ENV[name]).join(' and ')}: give it in the wizard, the environment or --secrets-stdin`;
  }
  return null;
}

/**
 * Runs checks as soon as their dependencies have finished, independent ones at the same
 * time. Each check gets an abort signal that fires on cancel or when its time is up; a
 * check that throws is a bug and is reported as a failure naming it, never a crash of the run.
 */
export async function runChecks(checks: readonly CheckDefinition[], options: RunOptions): Promise<CheckResult[]> {
  const ids = new Set(checks.map((c) => c.id));
  const done = new Map<string, CheckResult>();
  const inherited = new Map<string, string>();
  const inapplicable = new Set<string>();
  const artifacts = new Map<string, unknown>();
  const memos = new Map<string, Promise<unknown>>();
  const cleanups: Array<() => Promise<void> | void> = [];
  /** How to stop each running check when the run is cancelled. */
  const active = new Set<() => void>();
  const stepTimeoutMs = options.settings.network.timeoutMs;
  /** Each check's abort controller: made when it starts, or when the run starts for a check that prefetches. */
  const controllers = new Map<string, AbortController>();
  const controllerOf = (check: CheckDefinition): AbortController => {
    const made = controllers.get(check.id) ?? new AbortController();
    controllers.set(check.id, made);
    return made;
  };
  /** Every prefetch, settled whatever its outcome; and the controllers of those still under way. */
  const prefetched: Promise<void>[] = [];
  const prefetching = new Set<AbortController>();

  const context = (signal: AbortSignal): CheckContext => ({
    settings: options.settings,
    secrets: options.secrets,
    baseDir: options.baseDir,
    signal,
    stepTimeoutMs,
    artifact: <T>(key: ArtifactKey<T>) => artifacts.get(key.name) as T | undefined,
    provide: <T>(key: ArtifactKey<T>, value: T) => void artifacts.set(key.name, value),
    memo: <T>(key: string, make: () => Promise<T>) => {
      let promise = memos.get(key) as Promise<T> | undefined;
      if (promise === undefined) {
        promise = make();
        memos.set(key, promise);
      }
      return promise;
    },
    onFinish: (cleanup) => void cleanups.push(cleanup),
  });

  const runOne = async (check: CheckDefinition): Promise<CheckResult> => {
    const started = performance.now();
    if (options.signal?.aborted) return toResult(check, { status: 'skip', reason: 'the run was cancelled' }, 0);
    const inheritedSkip = dependencySkip(check, done, inherited, inapplicable);
    if (inheritedSkip !== null) {
      inherited.set(check.id, inheritedSkip);
      return toResult(check, { status: 'skip', reason: inheritedSkip }, 0);
    }
    const notApplicable = notApplicableReason(check, options.settings);
    if (notApplicable !== null) {
      inapplicable.add(check.id);
      return toResult(check, { status: 'skip', reason: notApplicable }, 0);
    }
    const skip = ownSkip(check, options);
    if (skip !== null) return toResult(check, { status: 'skip', reason: skip }, 0);
    options.onEvent?.({ type: 'check-started', id: check.id, title: check.title });
    const limitMs = options.checkTimeoutMs ?? check.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    const controller = controllerOf(check);
    // Settled by the runner (time up, run cancelled) rather than by an abort listener per check:
    // a check that returns normally is done, and its signal is left alone.
    let stop!: (outcome: CheckOutcome) => void;
    const stopped = new Promise<CheckOutcome>((resolve) => (stop = resolve));
    // The outcome is settled before the signal is aborted: a check that answers its abort at
    // once must not win the race with a result of its own.
    const cancel = () => {
      stop({ status: 'skip', reason: 'the run was cancelled' });
      controller.abort(options.signal?.reason);
    };
    active.add(cancel);
    const timer = setTimeout(() => {
      stop({
        status: 'fail',
        evidence: [`no answer within ${limitMs} ms`],
        remedy:
          'A server this check talks to did not answer in time. Check that it is running and reachable from here (see net.paths), or raise network.timeoutMs for slow links.',
      });
      controller.abort(new CheckTimeout());
    }, limitMs);
    let outcome: CheckOutcome;
    try {
      outcome = await Promise.race([check.run(context(controller.signal)), stopped]);
    } catch (error) {
      outcome = {
        status: 'fail',
        evidence: [`internal error: ${error instanceof Error ? error.message : String(error)}`],
        remedy: 'This is a fault in SEG KCD Setup, not in your servers. Please report it with the JSON output of this run.',
      };
    } finally {
      clearTimeout(timer);
      active.delete(cancel);
    }
    return toResult(check, outcome, performance.now() - started);
  };

  // Started before any check, for the checks that will run (their dependencies permitting):
  // a prefetch for a check that is then skipped is aborted when the run ends. The runner
  // catches its promise, so a failure nobody awaits is never an unhandled rejection.
  const startPrefetch = (check: CheckDefinition, prefetch: NonNullable<CheckDefinition['prefetch']>) => {
    if (notApplicableReason(check, options.settings) !== null || ownSkip(check, options) !== null) return;
    const controller = controllerOf(check);
    prefetching.add(controller);
    const work = (async () => prefetch(context(controller.signal)))();
    prefetched.push(work.then(noop, noop).finally(() => prefetching.delete(controller)));
  };

  const pending = new Set(checks);
  let running = 0;
  // One listener on the caller's signal for the whole run (not one per check, which trips
  // Node's MaxListeners warning on a catalogue of fifty): cancelling aborts every running check
  // (settling its outcome first), then every prefetch still under way.
  const cancelAll = () => {
    active.forEach((cancel) => cancel());
    prefetching.forEach((controller) => controller.abort(options.signal?.reason));
  };
  options.signal?.addEventListener('abort', cancelAll, { once: true });
  let ended = false;
  // A turn of the event loop after the checks that can start now: their first requests (the
  // AS-REQ) go out first, and the prefetches' work (certificates parsed, TLS set up) fills the
  // wait for the answers instead of holding the requests back (issue 21).
  const prefetchesStarted = new Promise<void>((resolve) =>
    setImmediate(() => {
      if (!ended && !options.signal?.aborted) for (const check of checks) if (check.prefetch) startPrefetch(check, check.prefetch);
      resolve();
    }),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      // Starts every check whose dependencies are done; called again each time one finishes.
      const startReady = () => {
        for (const check of pending) {
          if ((check.dependsOn ?? []).some((dep) => ids.has(dep) && !done.has(dep))) continue;
          pending.delete(check);
          running++;
          void runOne(check)
            .then((result) => {
              done.set(check.id, result);
              running--;
              options.onEvent?.({ type: 'check-finished', result });
              startReady();
            })
            .catch(reject);
        }
        if (running > 0) return;
        if (pending.size === 0) resolve();
        // Only a dependency cycle can leave checks pending with nothing running.
        else reject(new Error(`dependency cycle among: ${[...pending].map((c) => c.id).join(', ')}`));
      };
      startReady();
    });
  } finally {
    ended = true;
    options.signal?.removeEventListener('abort', cancelAll);
    await prefetchesStarted;
    // A prefetch nobody awaited (its check was skipped) must not open a connection after the cleanups closed them.
    prefetching.forEach((controller) => controller.abort(new Error('the run has ended')));
    await Promise.all(prefetched);
    for (const cleanup of cleanups.reverse())
      await Promise.resolve()
        .then(cleanup)
        .catch(() => undefined);
  }
  return checks.map((c) => done.get(c.id) as CheckResult);
}
