import { redactSettings } from '../config/redact';
import type { Settings } from '../config/settings-schema';
import type { CheckResult, CheckStatus } from '../checks/types';
import { APP_VERSION } from '../version';

/** The CLI's `--json` document (product.md "CLI"); its field names are a contract. */
export interface VerifyReport {
  readonly version: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly settings: Settings;
  readonly summary: Readonly<Record<CheckStatus, number>>;
  readonly checks: readonly CheckResult[];
}

export function buildReport(settings: Settings, startedAt: Date, checks: readonly CheckResult[], finishedAt = new Date()): VerifyReport {
  const summary: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const c of checks) summary[c.status] += 1;
  return {
    version: APP_VERSION,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    settings: redactSettings(settings),
    summary,
    checks,
  };
}
