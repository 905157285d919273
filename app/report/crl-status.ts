import type { CheckResult, CheckStatus } from '../contract/check-result';
import type { CheckId } from '../contract/check-ids';

/** The checks that speak of single CRLs, one evidence line per CRL URL. */
const CRL_CHECKS: readonly CheckId[] = ['pki.crl-reachable', 'pki.crl-valid'];

/**
 * One evidence line of those checks about one CRL: `[FAIL |WARN ](CRL|delta CRL)[ #n] <url>: …`
 * (app/checks/pki/crl-reachable.ts and crl-valid.ts write them so, via Findings).
 */
const LINE = /^(?:(FAIL|WARN) )?(delta CRL|CRL)(?: #\S+)? (\S+): /;

const RANK: Record<CheckStatus, number> = { fail: 3, warn: 2, pass: 1, skip: 0 };

export interface CrlReadings {
  /** The delta CRLs found through each base CRL's Freshest CRL extension, by base URL. */
  readonly deltasOf: ReadonlyMap<string, readonly string[]>;
  /** What the CRL checks said of each URL they named: the worst of their lines. */
  readonly statusOf: ReadonlyMap<string, CheckStatus>;
}

/**
 * A report holds check results, not CRLs: what the chain drawing needs is read back from the
 * CRL checks' evidence. A delta CRL is listed right after the base CRL that points to it
 * (RFC 5280 §5.2.6: the Freshest CRL extension of the base CRL), so it belongs to the base
 * line before it.
 */
export function readCrls(checks: readonly CheckResult[]): CrlReadings {
  const deltasOf = new Map<string, string[]>();
  const statusOf = new Map<string, CheckStatus>();
  for (const check of checks) {
    if (!CRL_CHECKS.includes(check.id)) continue;
    let base: string | null = null;
    for (const line of check.evidence) {
      const m = LINE.exec(line);
      if (!m) continue;
      const [, mark, kind, url] = m as unknown as [string, string | undefined, string, string];
      const status: CheckStatus = mark === 'FAIL' ? 'fail' : mark === 'WARN' ? 'warn' : 'pass';
      const before = statusOf.get(url);
      if (before === undefined || RANK[status] > RANK[before]) statusOf.set(url, status);
      if (kind === 'CRL') base = url;
      else if (base !== null) {
        const deltas = deltasOf.get(base) ?? [];
        if (!deltas.includes(url)) deltasOf.set(base, [...deltas, url]);
      }
    }
  }
  return { deltasOf, statusOf };
}
