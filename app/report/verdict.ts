import type { CheckResult, CheckStatus } from '../contract/check-result';
import { familyOf, type CheckFamily } from '../contract/check-ids';
import { END_TO_END_CHECK } from '../checks/end-to-end';
import { familyTitle } from '../checks/family-title';

/**
 * What a run says about the gateway, in the order a person needs it: something blocks it;
 * nothing failed but the end-to-end check did not run (no password given, a subset run), so
 * nothing is proven; or a device certificate became a ticket ActiveSync accepted.
 */
export type Verdict =
  | { readonly kind: 'blocked'; readonly failing: readonly CheckResult[] }
  | { readonly kind: 'unproven'; readonly why: string }
  | { readonly kind: 'ready'; readonly warnings: readonly CheckResult[]; readonly notChecked: readonly CheckFamily[] };

/**
 * Families of which no check ran (every one skipped: no IIS file given, offline): a pass proves
 * nothing about them, and the verdict says so next to what it proves. The settings entered are
 * not a part of the gateway and never count.
 */
export function familiesNotChecked(checks: readonly CheckResult[]): CheckFamily[] {
  const families = [...new Set(checks.map((c) => familyOf(c.id)))].filter((f) => f !== 'input');
  return families.filter((f) => checks.every((c) => familyOf(c.id) !== f || c.status === 'skip'));
}

export function verdictOf(checks: readonly CheckResult[]): Verdict {
  const failing = checks.filter((c) => c.status === 'fail');
  if (failing.length > 0) return { kind: 'blocked', failing };
  const proof = checks.find((c) => c.id === END_TO_END_CHECK);
  if (proof === undefined) return { kind: 'unproven', why: `${END_TO_END_CHECK} was not part of this run.` };
  if (proof.status === 'skip') return { kind: 'unproven', why: `${END_TO_END_CHECK} was skipped: ${proof.reason ?? 'no reason given'}.` };
  return { kind: 'ready', warnings: checks.filter((c) => c.status === 'warn'), notChecked: familiesNotChecked(checks) };
}

/** The check status whose colour the verdict wears (each output has its own palette). */
export function verdictTone(v: Verdict): CheckStatus {
  if (v.kind === 'blocked') return 'fail';
  if (v.kind === 'unproven') return 'skip';
  return v.warnings.length > 0 || v.notChecked.length > 0 ? 'warn' : 'pass';
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function verdictHeadline(v: Verdict): string {
  switch (v.kind) {
    case 'blocked':
      return `Not ready: ${plural(v.failing.length, 'problem')} ${v.failing.length === 1 ? 'blocks' : 'block'} the gateway`;
    case 'unproven':
      return 'Not proven: nothing failed, but the end-to-end check did not run';
    case 'ready': {
      const proven =
        v.warnings.length > 0 ? `Ready, with ${plural(v.warnings.length, 'warning')}` : 'Ready: a device certificate became a ticket that ActiveSync accepted';
      return v.notChecked.length > 0 ? `${proven}. Not checked: ${v.notChecked.map(familyTitle).join(', ')}` : proven;
    }
  }
}

/** What to do when nothing is proven: the end-to-end check is the only proof that the gateway works. */
export const UNPROVEN_ADVICE =
  'Give what is missing and verify again: only a device certificate turned into a ticket that ActiveSync accepts shows that the gateway works.';
