import { familyOf, isCheckId, type CheckFamily } from '../contract/check-ids';
import { inCatalogueOrder } from './catalogue-order';
import type { CheckDefinition } from './types';

/**
 * Each family's checks, loaded on demand: a run of `--only eas.kcd-end-to-end` loads the eas,
 * krb and input families and none of LDAP, the UEM client or the IIS parser. The full
 * catalogue (catalogue.ts) is for those who want every check anyway.
 */
const LOADERS: Readonly<Record<CheckFamily, () => Promise<readonly CheckDefinition[]>>> = {
  input: async () => (await import('./input')).INPUT_CHECKS,
  net: async () => (await import('./net')).NET_CHECKS,
  time: async () => (await import('./time')).TIME_CHECKS,
  ad: async () => (await import('./ad')).AD_CHECKS,
  pki: async () => (await import('./pki')).PKI_CHECKS,
  eas: async () => (await import('./eas')).EAS_CHECKS,
  krb: async () => (await import('./krb')).KRB_CHECKS,
  uem: async () => (await import('./uem')).UEM_CHECKS,
  seg: async () => (await import('./seg')).SEG_CHECKS,
};

export const CHECK_FAMILIES = Object.keys(LOADERS) as CheckFamily[];

/** The families `--only` patterns name (`ad.*`, `krb.as`); unknown patterns name none. */
export function familiesNamed(patterns: readonly string[] | undefined): CheckFamily[] {
  if (patterns === undefined || patterns.every((p) => p.trim() === '')) return CHECK_FAMILIES;
  const named = new Set<CheckFamily>();
  for (const raw of patterns) {
    const p = raw.trim();
    const family = p.endsWith('.*') ? p.slice(0, -2) : isCheckId(p) ? familyOf(p) : '';
    if ((CHECK_FAMILIES as string[]).includes(family)) named.add(family as CheckFamily);
  }
  return [...named];
}

/**
 * The checks of these families and of every family their dependencies lead to, in catalogue
 * order: enough for selectChecks to add what a selection depends on.
 */
export async function loadFamilies(wanted: readonly CheckFamily[]): Promise<CheckDefinition[]> {
  const loaded = new Map<CheckFamily, readonly CheckDefinition[]>();
  let pending = [...new Set(wanted)];
  while (pending.length > 0) {
    const lists = await Promise.all(pending.map((f) => LOADERS[f]()));
    pending.forEach((f, i) => loaded.set(f, lists[i] ?? []));
    const needed = lists.flat().flatMap((c) => (c.dependsOn ?? []).map(familyOf));
    pending = [...new Set(needed)].filter((f) => !loaded.has(f));
  }
  return inCatalogueOrder([...loaded.values()]);
}
