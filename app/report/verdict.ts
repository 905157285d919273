import type { CheckResult, CheckStatus } from '../contract/check-result';
import { END_TO_END_CHECK } from '../checks/end-to-end';

/**
 * What a run says about the gateway, in the order a person needs it: something blocks it;
 * nothing failed but the end-to-end check did not run (no password given, a subset run), so
 * nothing is proven; or a device certificate became a ticket ActiveSync accepted.
 */
export type Verdict =
  | { readonly kind: 'blocked'; readonly failing: readonly CheckResult[] }
  | { readonly kind: 'unproven'; readonly why: string }
  | { readonly kind: 'ready'; readonly warnings: readonly CheckResult[] };

export function verdictOf(checks: readonly CheckResult[]): Verdict {
  const failing = checks.filter((c) => c.status === 'fail');
  if (failing.length > 0) return { kind: 'blocked', failing };
  const proof = checks.find((c) => c.id === END_TO_END_CHECK);
  if (proof === undefined) return { kind: 'unproven', why: `${END_TO_END_CHECK} was not part of this run.` };
  if (proof.status === 'skip') return { kind: 'unproven', why: `${END_TO_END_CHECK} was skipped: ${proof.reason ?? 'no reason given'}.` };
  return { kind: 'ready', warnings: checks.filter((c) => c.status === 'warn') };
}

/** The check status whose colour the verdict wears (each output has its own palette). */
export function verdictTone(v: Verdict): CheckStatus {
  if (v.kind === 'blocked') return 'fail';
  if (v.kind === 'unproven') return 'skip';
  return v.warnings.length > 0 ? 'warn' : 'pass';
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function verdictHeadline(v: Verdict): string {
  switch (v.kind) {
    case 'blocked':
      return `Not ready: ${plural(v.failing.length, 'problem')} ${v.failing.length === 1 ? 'blocks' : 'block'} the gateway`;
    case 'unproven':
      return 'Not proven: nothing failed, but the end-to-end check did not run';
    case 'ready':
      return v.warnings.length > 0 ? `Ready, with ${plural(v.warnings.length, 'warning')}` : 'Ready: a device certificate became a ticket that ActiveSync accepted';
  }
}

/** What to do when nothing is proven: the end-to-end check is the only proof that the gateway works. */
export const UNPROVEN_ADVICE = 'Give what is missing and verify again: only a device certificate turned into a ticket that ActiveSync accepts shows that the gateway works.';
