import type { CheckId, CheckInfo, CheckResult, CoreError, CoreEvent, VerifyReport, VerifyState } from '../../app/contract/core-api';

/** What one row of the Verify page shows. */
export type RowState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'running'; readonly startedAt: number }
  | { readonly kind: 'done'; readonly result: CheckResult };

export type RunPhase =
  | { readonly phase: 'idle' }
  | { readonly phase: 'starting'; readonly full: boolean; readonly previous: Readonly<Record<string, RowState>> }
  | {
      readonly phase: 'running';
      readonly full: boolean;
      readonly operationId: string;
      readonly previous: Readonly<Record<string, RowState>>;
      readonly cancelling: boolean;
    }
  | ({ readonly phase: 'finished'; readonly full: boolean } & FinishedRun)
  | { readonly phase: 'failed'; readonly error: CoreError };

export interface FinishedRun {
  readonly operationId: string;
  readonly report: VerifyReport;
  readonly cancelled: boolean;
}

export interface VerifyModel {
  readonly rows: Readonly<Record<string, RowState>>;
  readonly run: RunPhase;
  /**
   * The last run of every check: what the verdict line dates and what Export saves. A single
   * check run again (from its row or from the step whose fields it tests) never replaces it.
   */
  readonly lastFull: FinishedRun | null;
}

export type VerifyAction =
  | { readonly type: 'start'; readonly ids: readonly string[]; readonly full: boolean }
  | { readonly type: 'started'; readonly operationId: string }
  | { readonly type: 'start-failed'; readonly error: CoreError }
  | { readonly type: 'event'; readonly event: CoreEvent; readonly now: number }
  | { readonly type: 'state'; readonly operationId: string; readonly state: VerifyState }
  | { readonly type: 'cancel' };

export const initialModel: VerifyModel = { rows: {}, run: { phase: 'idle' }, lastFull: null };

export function rowOf(model: VerifyModel, id: string): RowState {
  return model.rows[id] ?? { kind: 'idle' };
}

/**
 * The ids a run with `only` covers: those named (or matched by `family.*`) and, as the
 * core's selection does, every check they depend on. All checks when `only` is absent.
 */
export function idsCovered(catalogue: readonly CheckInfo[], only: readonly string[] | undefined): CheckId[] {
  if (only === undefined || only.length === 0) return catalogue.map((c) => c.id);
  const byId = new Map(catalogue.map((c) => [c.id, c]));
  const wanted = new Set<CheckId>();
  for (const pattern of only) {
    for (const c of catalogue) if (pattern.endsWith('.*') ? c.id.startsWith(pattern.slice(0, -1)) : c.id === pattern) wanted.add(c.id);
  }
  const pending = [...wanted];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      if (!wanted.has(dep) && byId.has(dep)) {
        wanted.add(dep);
        pending.push(dep);
      }
    }
  }
  return catalogue.filter((c) => wanted.has(c.id)).map((c) => c.id);
}

function finish(model: VerifyModel, report: VerifyReport, run: Extract<RunPhase, { phase: 'running' }>): VerifyModel {
  const rows: Record<string, RowState> = { ...model.rows };
  // A row that was queued but got no result (the run ended early) shows what it showed before.
  for (const [id, row] of Object.entries(rows)) if (row.kind === 'waiting' || row.kind === 'running') rows[id] = run.previous[id] ?? { kind: 'idle' };
  for (const result of report.checks) rows[result.id] = { kind: 'done', result };
  const finished: FinishedRun = { operationId: run.operationId, report, cancelled: run.cancelling };
  return { rows, run: { phase: 'finished', full: run.full, ...finished }, lastFull: run.full ? finished : model.lastFull };
}

export function verifyReducer(model: VerifyModel, action: VerifyAction): VerifyModel {
  switch (action.type) {
    case 'start': {
      const rows: Record<string, RowState> = { ...model.rows };
      for (const id of action.ids) rows[id] = { kind: 'waiting' };
      return { ...model, rows, run: { phase: 'starting', full: action.full, previous: model.rows } };
    }
    case 'started':
      if (model.run.phase !== 'starting') return model;
      return { ...model, run: { phase: 'running', full: model.run.full, operationId: action.operationId, previous: model.run.previous, cancelling: false } };
    case 'start-failed':
      return { ...model, rows: model.run.phase === 'starting' ? model.run.previous : model.rows, run: { phase: 'failed', error: action.error } };
    case 'cancel':
      return model.run.phase === 'running' ? { ...model, run: { ...model.run, cancelling: true } } : model;
    case 'event': {
      const run = model.run;
      if (run.phase !== 'running' || action.event.operationId !== run.operationId) return model;
      const event = action.event;
      switch (event.kind) {
        case 'check-started':
          return { ...model, rows: { ...model.rows, [event.id]: { kind: 'running', startedAt: action.now } } };
        case 'check-finished':
          return { ...model, rows: { ...model.rows, [event.result.id]: { kind: 'done', result: event.result } } };
        case 'verify-finished':
          return finish(model, event.report, run);
      }
      return model;
    }
    case 'state': {
      const run = model.run;
      // A poll answered late may belong to the run before: it must not end this one.
      if (run.phase !== 'running' || action.operationId !== run.operationId) return model;
      if (action.state.state === 'finished') return finish(model, action.state.report, run);
      // Results polled while running fill in events the stream may have missed.
      const rows: Record<string, RowState> = { ...model.rows };
      for (const result of action.state.results) rows[result.id] = { kind: 'done', result };
      return { ...model, rows };
    }
  }
}
