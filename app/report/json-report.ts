import { redactSettings } from '../config/redact';
import type { Settings } from '../contract/settings';
import type { CheckResult, CheckStatus } from '../contract/check-result';
import { APP_VERSION } from '../version';
import type { VerifyReport } from '../contract/verify-report';

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
