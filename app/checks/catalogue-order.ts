import { CHECK_IDS } from '../contract/check-ids';
import type { CheckDefinition } from './types';

/**
 * Checks in the order of CHECK_IDS: a family's checks need not stand together in it
 * (eas.kcd-end-to-end runs after the krb.* checks whose ticket it uses).
 */
export function inCatalogueOrder(families: readonly (readonly CheckDefinition[])[]): CheckDefinition[] {
  const byId = new Map(families.flat().map((c) => [c.id, c]));
  return CHECK_IDS.flatMap((id) => byId.get(id) ?? []);
}
