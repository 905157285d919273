import type { CheckId } from '../contract/check-ids';
import type { Settings } from '../contract/settings';
import type { CheckDefinition } from './types';

/** Why a check means nothing for these settings (TLS off, no CAS array); a missing input wins over it. */
export function notApplicableReason(check: CheckDefinition, settings: Settings): string | null {
  return (check.applies?.(settings) ?? null) === null ? (check.notApplicable?.(settings) ?? null) : null;
}

/** The checks that do not apply to these settings: their skips say nothing about a path. */
export function notApplicableIds(settings: Settings, catalogue: readonly CheckDefinition[]): ReadonlySet<CheckId> {
  return new Set(catalogue.filter((c) => notApplicableReason(c, settings) !== null).map((c) => c.id));
}
