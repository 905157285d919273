import type { CheckResult, CheckStatus } from './check-result';
import type { Settings } from './settings';

/** The CLI's `--json` document (product.md "CLI"); its field names are a contract. */
export interface VerifyReport {
  readonly version: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly settings: Settings;
  readonly summary: Readonly<Record<CheckStatus, number>>;
  readonly checks: readonly CheckResult[];
}
