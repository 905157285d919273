import type { CheckResult, CheckStatus } from '../checks/types';

/** `none` when no check of the group ran: drawn grey, "not checked", never as a pass. */
export type RollupStatus = CheckStatus | 'none';

const RANK: Record<RollupStatus, number> = { fail: 4, warn: 3, pass: 2, skip: 1, none: 0 };

/** The worst status among the checks whose id starts with one of the prefixes. */
export function rollup(checks: readonly CheckResult[], prefixes: readonly string[]): RollupStatus {
  let worst: RollupStatus = 'none';
  for (const c of checks) {
    if (!prefixes.some((p) => c.id === p || (p.endsWith('.') && c.id.startsWith(p)))) continue;
    if (RANK[c.status] > RANK[worst]) worst = c.status;
  }
  return worst;
}

export const STATUS_COLOUR: Record<RollupStatus, string> = {
  pass: '#2e7d32',
  warn: '#b26a00',
  fail: '#c62828',
  skip: '#78909c',
  none: '#b0bec5',
};

export const STATUS_WORD: Record<RollupStatus, string> = {
  pass: 'passed',
  warn: 'warning',
  fail: 'failed',
  skip: 'skipped',
  none: 'not checked',
};
