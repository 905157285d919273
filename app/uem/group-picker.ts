import { err, ok, type Result } from '../contract/result';
import type { Secrets } from '../config/secrets';
import type { Settings } from '../contract/settings';
import { uemClientFor, type ClientExtras } from './client-from-settings';
import { loadPkiInputs } from '../pki/settings-certificates';
import { searchGroups } from './organization-groups';

export interface GroupChoice {
  readonly id: string;
  readonly name: string;
  readonly groupId?: string;
}

export interface GroupChoicePage {
  readonly groups: readonly GroupChoice[];
  /** 0-based, as the API counts. */
  readonly page: number;
  /** Groups matching the query in all pages. */
  readonly total: number;
}

/** Rows per page of the wizard's picker: small, since it is asked again at each keystroke. */
export const PICKER_PAGE_SIZE = 50;

/**
 * The wizard's organization group picker: one page of `/api/system/groups/search` for what the
 * person typed (the API's `name` filter; all groups when empty). Errors carry code, words and
 * remedy only: the evidence lines are for checks.
 */
export async function searchOrganizationGroups(
  settings: Settings,
  secrets: Secrets,
  query: string,
  page: number,
  baseDir: string,
  extras: ClientExtras = {},
): Promise<Result<GroupChoicePage>> {
  // The same trust as uem.api: the Certificates step's roots first (app/net/trust.ts).
  const roots = (await loadPkiInputs(settings.certificates, baseDir)).roots.map((c) => c.summary.pem);
  const made = await uemClientFor(settings, secrets, baseDir, { ...extras, trustedCa: [...(extras.trustedCa ?? []), ...roots] });
  if (!made.ok) return err(made.error.code, made.error.message, made.error.remedy);
  const name = query.trim();
  const found = await searchGroups(made.value, { ...(name ? { name } : {}), page, pageSize: PICKER_PAGE_SIZE });
  if (!found.ok) return err(found.error.code, found.error.message, found.error.remedy);
  return ok({
    groups: found.value.groups.map((g) => ({ id: g.id, name: g.name, ...(g.groupId ? { groupId: g.groupId } : {}) })),
    page: found.value.page,
    total: found.value.total,
  });
}
