import { isCheckId, type CheckId } from '../contract/check-ids';
import type { CheckDefinition } from './types';

export type Selection = { readonly ok: true; readonly checks: readonly CheckDefinition[] } | { readonly ok: false; readonly unknown: readonly string[] };

/**
 * The checks named by `--only` (ids, or families as `ad.*`), plus everything they depend
 * on: a check whose dependencies did not run could only be skipped, which answers nothing.
 * Catalogue order is kept.
 */
export function selectChecks(catalogue: readonly CheckDefinition[], patterns: readonly string[] | undefined): Selection {
  if (patterns === undefined || patterns.length === 0) return { ok: true, checks: catalogue };
  const byId = new Map(catalogue.map((c) => [c.id, c]));
  const wanted = new Set<CheckId>();
  const unknown: string[] = [];
  for (const raw of patterns) {
    const pattern = raw.trim();
    if (pattern === '') continue;
    const matches = pattern.endsWith('.*')
      ? catalogue.filter((c) => c.id.startsWith(pattern.slice(0, -1))).map((c) => c.id)
      : isCheckId(pattern) && byId.has(pattern)
        ? [pattern]
        : [];
    if (matches.length === 0) unknown.push(pattern);
    matches.forEach((id) => wanted.add(id));
  }
  if (unknown.length > 0) return { ok: false, unknown };
  const pending = [...wanted];
  while (pending.length > 0) {
    const check = byId.get(pending.pop() as CheckId);
    for (const dep of check?.dependsOn ?? []) {
      if (!wanted.has(dep) && byId.has(dep)) {
        wanted.add(dep);
        pending.push(dep);
      }
    }
  }
  return { ok: true, checks: catalogue.filter((c) => wanted.has(c.id)) };
}
