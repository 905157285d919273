import type { CheckInfo, CheckResult } from '../../app/contract/core-api';
import { STAGES } from './stages';
import { rowOf, type VerifyModel } from './verify-model';

/** `unproven`: nothing failed, but the end-to-end check (the last stage) did not pass, so sign-in is not shown to work. */
export type Verdict = 'not-run' | 'running' | 'blocked' | 'warnings' | 'passed' | 'incomplete' | 'unproven';

/** ActiveSync accepting the S4U2Proxy ticket: the check whose pass shows that certificate sign-in works. */
const END_TO_END_CHECK = STAGES[STAGES.length - 1]?.checkId ?? '';

export interface Summary {
  readonly verdict: Verdict;
  /** The words of the report and the CLI (app/report/verdict.ts) for the same results. */
  readonly headline: string;
  readonly failing: readonly CheckResult[];
  readonly warning: readonly CheckResult[];
  /** The end-to-end check when it was skipped: opening it says why. */
  readonly unproven: readonly CheckResult[];
  /** Families of which no check ran, named beside what a pass proves. */
  readonly notChecked: readonly string[];
  readonly counts: { readonly pass: number; readonly warn: number; readonly fail: number; readonly skip: number; readonly pending: number };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a person must know in five seconds: does it work, and if not, what blocks it. */
export function summarize(model: VerifyModel, catalogue: readonly CheckInfo[]): Summary {
  const failing: CheckResult[] = [];
  const warning: CheckResult[] = [];
  const counts = { pass: 0, warn: 0, fail: 0, skip: 0, pending: 0 };
  let seen = 0;
  for (const check of catalogue) {
    const row = rowOf(model, check.id);
    if (row.kind === 'waiting' || row.kind === 'running') counts.pending += 1;
    if (row.kind !== 'done') continue;
    seen += 1;
    counts[row.result.status] += 1;
    if (row.result.status === 'fail') failing.push(row.result);
    if (row.result.status === 'warn') warning.push(row.result);
  }
  const base = { failing, warning, unproven: [] as CheckResult[], notChecked: [] as string[], counts };
  if (counts.pending > 0) return { ...base, verdict: 'running', headline: `Checking… ${plural(counts.pending, 'check')} to go` };
  if (seen === 0) return { ...base, verdict: 'not-run', headline: 'Not verified yet' };
  if (failing.length > 0) {
    return {
      ...base,
      verdict: 'blocked',
      headline: `Not ready: ${plural(failing.length, 'problem')} ${failing.length === 1 ? 'blocks' : 'block'} the gateway`,
    };
  }
  if (seen < catalogue.length) return { ...base, verdict: 'incomplete', headline: `No failures in the ${plural(seen, 'check')} run so far` };
  const proof = rowOf(model, END_TO_END_CHECK);
  if (!(proof.kind === 'done' && (proof.result.status === 'pass' || proof.result.status === 'warn'))) {
    return {
      ...base,
      unproven: proof.kind === 'done' ? [proof.result] : [],
      verdict: 'unproven',
      headline: 'Not proven: nothing failed, but the end-to-end check did not run',
    };
  }
  const notChecked = familiesNotChecked(model, catalogue);
  const proven =
    warning.length > 0 ? `Ready, with ${plural(warning.length, 'warning')}` : 'Ready: a device certificate became a ticket that ActiveSync accepted';
  const headline = notChecked.length > 0 ? `${proven}. Not checked: ${notChecked.join(', ')}` : proven;
  return { ...base, notChecked, verdict: warning.length > 0 ? 'warnings' : 'passed', headline };
}

/** Families of which every check was skipped (the settings entered aside): nothing is known of them. */
function familiesNotChecked(model: VerifyModel, catalogue: readonly CheckInfo[]): string[] {
  const titles = new Map(catalogue.filter((c) => c.family !== 'input').map((c) => [c.family, c.familyTitle]));
  return [...titles]
    .filter(([family]) =>
      catalogue.every((c) => {
        const row = rowOf(model, c.id);
        return c.family !== family || (row.kind === 'done' && row.result.status === 'skip');
      }),
    )
    .map(([, title]) => title);
}
