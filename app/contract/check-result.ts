import type { CheckId } from './check-ids';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** What a check observed, one fact a line ("msDS-AllowedToDelegateTo: HTTP/semail01"). */
export type Evidence = readonly string[];

/** One line of the CLI's JSON `checks` array (product.md "CLI"); field names are a contract. */
export interface CheckResult {
  readonly id: CheckId;
  readonly title: string;
  readonly status: CheckStatus;
  readonly evidence: Evidence;
  readonly remedy: string | null;
  readonly command: string | null;
  /** Why a check was skipped; null otherwise. */
  readonly reason: string | null;
  readonly durationMs: number;
}
