import { familyOf, type CheckFamily, type CheckId } from '../contract/check-ids';
import type { CheckResult, CheckStatus } from '../contract/check-result';

/**
 * `none` when no check of the group ran: drawn grey, "not checked", never as a pass.
 * `partial` when some passed and the others were skipped: a path whose Kerberos checks were
 * skipped for want of a password has not been shown to work, whatever else passed on it.
 */
export type RollupStatus = CheckStatus | 'none' | 'partial';

const RANK: Record<CheckStatus | 'none', number> = { fail: 4, warn: 3, pass: 2, skip: 1, none: 0 };

/** The worst status among the named checks and families (`partial` for passes beside skips). */
export function rollup(checks: readonly CheckResult[], members: readonly (CheckId | CheckFamily)[]): RollupStatus {
  let worst: CheckStatus | 'none' = 'none';
  let skipped = false;
  for (const c of checks) {
    if (!members.some((m) => c.id === m || familyOf(c.id) === m)) continue;
    if (RANK[c.status] > RANK[worst]) worst = c.status;
    skipped ||= c.status === 'skip';
  }
  return worst === 'pass' && skipped ? 'partial' : worst;
}

export const STATUS_COLOUR: Record<RollupStatus, string> = {
  pass: '#2e7d32',
  partial: '#2e7d32',
  warn: '#b26a00',
  fail: '#c62828',
  skip: '#78909c',
  none: '#b0bec5',
};

export const STATUS_WORD: Record<RollupStatus, string> = {
  pass: 'passed',
  partial: 'partly checked',
  warn: 'warning',
  fail: 'failed',
  skip: 'skipped',
  none: 'not checked',
};
