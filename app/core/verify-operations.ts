import { randomUUID } from 'node:crypto';
import { secretsFromRecord } from '../config/secrets';
import { runChecks } from '../checks/runner';
import { selectChecks } from '../checks/selection';
import type { CheckDefinition } from '../checks/types';
import type { CheckResult } from '../contract/check-result';
import { buildReport } from '../report/json-report';
import { err, ok, type Result } from '../contract/result';
import type { OperationRef, VerifyArgs, VerifyState } from '../contract/core-api';
import type { EventHub } from './events';

interface Operation {
  /** Every check of the catalogue, not a selection: the wizard's Export saves the newest such run. */
  readonly full: boolean;
  readonly controller: AbortController;
  readonly results: CheckResult[];
  state: VerifyState;
}

const KEPT_OPERATIONS = 20;

/** Verify runs started from the wizard: each has an id, streams events, and can be cancelled. */
export class VerifyOperations {
  readonly #operations = new Map<string, Operation>();

  constructor(
    private readonly catalogue: readonly CheckDefinition[],
    private readonly events: EventHub,
    private readonly baseDir: string,
  ) {}

  start(args: VerifyArgs): Result<OperationRef> {
    const selection = selectChecks(this.catalogue, args.only);
    if (!selection.ok) {
      return err(
        'verify.unknown-check',
        `Unknown check id or family: ${selection.unknown.join(', ')}`,
        'Use ids from the check catalogue, or a family such as ad.*',
      );
    }
    const operationId = randomUUID();
    const operation: Operation = { full: args.only === undefined, controller: new AbortController(), results: [], state: { state: 'running', results: [] } };
    operation.state = { state: 'running', results: operation.results };
    this.#operations.set(operationId, operation);
    this.#forgetOld();
    const startedAt = new Date();
    void runChecks(selection.checks, {
      settings: args.settings,
      secrets: secretsFromRecord(args.secrets),
      baseDir: this.baseDir,
      signal: operation.controller.signal,
      onEvent: (event) => {
        if (event.type === 'check-started') this.events.emit({ operationId, kind: 'check-started', id: event.id, title: event.title });
        else {
          operation.results.push(event.result);
          this.events.emit({ operationId, kind: 'check-finished', result: event.result });
        }
      },
    }).then((results) => {
      const report = buildReport(args.settings, startedAt, results);
      operation.state = { state: 'finished', report };
      this.events.emit({ operationId, kind: 'verify-finished', report });
    });
    return ok({ operationId });
  }

  get(ref: OperationRef): Result<VerifyState> {
    const operation = this.#operations.get(ref.operationId);
    return operation ? ok(operation.state) : err('operation.unknown', `No verify run with id ${ref.operationId}`, 'Start Verify again.');
  }

  cancel(ref: OperationRef): Result<{ cancelled: boolean }> {
    const operation = this.#operations.get(ref.operationId);
    if (!operation) return err('operation.unknown', `No operation with id ${ref.operationId}`);
    const running = operation.state.state === 'running';
    operation.controller.abort();
    return ok({ cancelled: running });
  }

  /** Forgets the oldest finished runs, but never the newest full one: single checks run again must not push it out. */
  #forgetOld(): void {
    const newestFull = [...this.#operations].reverse().find(([, op]) => op.full && op.state.state === 'finished')?.[0];
    for (const [id, op] of this.#operations) {
      if (this.#operations.size <= KEPT_OPERATIONS) break;
      if (op.state.state === 'finished' && id !== newestFull) this.#operations.delete(id);
    }
  }
}
