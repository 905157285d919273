import type { CheckInfo } from '../../app/contract/core-api';

export interface FamilyGroup {
  readonly family: string;
  readonly name: string;
  readonly checks: readonly CheckInfo[];
}

/** Checks grouped by family, families in the order the catalogue first names them. */
export function groupByFamily(checks: readonly CheckInfo[]): FamilyGroup[] {
  const groups = new Map<string, CheckInfo[]>();
  for (const check of checks) {
    const list = groups.get(check.family);
    if (list) list.push(check);
    else groups.set(check.family, [check]);
  }
  return [...groups].map(([family, list]) => ({ family, name: list[0]?.familyTitle ?? family, checks: list }));
}
