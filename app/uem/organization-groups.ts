import * as z from 'zod';
import type { UemClient } from './client';
import { excerpt } from './json-body';
import { uemErr, uemOk, type UemResult } from './uem-error';

export interface OrganizationGroup {
  /** The numeric id (v1 `Id.Value`, v2 `Id`), as a string: it is what settings.organizationGroup.id holds. */
  readonly id: string;
  readonly name: string;
  /** The "Group ID" (activation code) people type on devices. */
  readonly groupId: string | null;
  readonly uuid: string | null;
  readonly type: string | null;
}

export interface GroupPage {
  readonly groups: readonly OrganizationGroup[];
  /** 0-based, as the API counts. */
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  /** Which response shape came back: 1 `LocationGroups`, 2 `OrganizationGroups`. */
  readonly shape: 1 | 2;
}

export interface GroupQuery {
  readonly name?: string;
  readonly groupId?: string;
  readonly page: number;
  readonly pageSize: number;
}

const MAX_GROUPS_PER_PAGE = 10_000;
const text = z.string().max(1024);
const numericId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,19}$/)]).transform(String);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const commonFields = {
  Name: text,
  GroupId: text.nullish(),
  Uuid: text.nullish(),
  LocationGroupType: text.nullish(),
};

/** Version 1, schema LocationGroupSearchResult: `Id` is an EntityId object `{ Value }` (uem-api-notes.md 5.2). */
const v1Page = z.object({
  LocationGroups: z.array(z.object({ Id: z.object({ Value: numericId }), ...commonFields })).max(MAX_GROUPS_PER_PAGE),
  Page: count.optional(),
  PageSize: count.optional(),
  Total: count,
});

/** Version 2, schema OrganizationGroupPagedSearchResultModel: `Id` is a plain integer, total is `TotalResults` (5.3). */
const v2Page = z.object({
  OrganizationGroups: z.array(z.object({ Id: numericId, ...commonFields })).max(MAX_GROUPS_PER_PAGE),
  TotalResults: count,
});

type Common = { Name: string; GroupId?: string | null | undefined; Uuid?: string | null | undefined; LocationGroupType?: string | null | undefined };

function normalise(id: string, g: Common): OrganizationGroup {
  return { id, name: g.Name, groupId: g.GroupId ?? null, uuid: g.Uuid ?? null, type: g.LocationGroupType ?? null };
}

/** Reads either shape, whatever version was asked for: servers differ in which one they honour. */
export function parseGroupPage(json: unknown, query: GroupQuery): GroupPage | null {
  if (json === undefined) return { groups: [], page: query.page, pageSize: query.pageSize, total: 0, shape: 2 };
  const v2 = v2Page.safeParse(json);
  if (v2.success) {
    return {
      groups: v2.data.OrganizationGroups.map((g) => normalise(g.Id, g)),
      page: query.page,
      pageSize: query.pageSize,
      total: v2.data.TotalResults,
      shape: 2,
    };
  }
  const v1 = v1Page.safeParse(json);
  if (v1.success) {
    return {
      groups: v1.data.LocationGroups.map((g) => normalise(g.Id.Value, g)),
      page: v1.data.Page ?? query.page,
      pageSize: v1.data.PageSize ?? query.pageSize,
      total: v1.data.Total,
      shape: 1,
    };
  }
  return null;
}

/**
 * Statuses with which a server may refuse `version=2` (uem-api-notes.md 2: some gateways answer
 * 503 or 406 to a version they do not serve); the search is then asked again as version 1.
 */
const VERSION_REFUSED = new Set([400, 406, 415, 503]);

/** One page of `GET /api/system/groups/search` (page is 0-based; uem-api-notes.md 5.1). */
export async function searchGroups(client: UemClient, query: GroupQuery, signal?: AbortSignal): Promise<UemResult<GroupPage>> {
  const params = { name: query.name, groupid: query.groupId, page: query.page, pagesize: query.pageSize };
  let answer = await client.get('/api/system/groups/search', {
    accept: 'application/json;version=2',
    query: params,
    passStatuses: [...VERSION_REFUSED],
    ...(signal ? { signal } : {}),
  });
  if (answer.ok && VERSION_REFUSED.has(answer.value.status)) {
    answer = await client.get('/api/system/groups/search', { accept: 'application/json;version=1', query: params, ...(signal ? { signal } : {}) });
  }
  if (!answer.ok) return answer;
  const page = parseGroupPage(answer.value.json, query);
  if (page === null) {
    return uemErr(
      'uem.unexpected-shape',
      `The organization group search answered, but with neither the OrganizationGroups (version 2) nor the LocationGroups (version 1) shape: "${excerpt(answer.value.body.toString('utf8'))}"`,
      'Check that the URL is the UEM API server; if it is, this console version answers in a shape this tool does not know.',
      [`GET /api/system/groups/search: HTTP ${answer.value.status}, unknown shape`],
    );
  }
  return uemOk(page);
}

/** Pages read at most when looking for one group: 20 pages of 500 is 10,000 groups. */
export const MAX_PAGES = 20;
const PAGE_SIZE = 500;

export interface GroupLookup {
  readonly matches: readonly OrganizationGroup[];
  /** Groups searched; fewer than the total when the page limit was reached. */
  readonly searched: number;
  readonly total: number;
  readonly shape: 1 | 2;
}

/** Every group the search returns for a name (or all groups), page after page, up to MAX_PAGES. */
export async function collectGroups(
  client: UemClient,
  filter: { readonly name?: string; readonly pick: (g: OrganizationGroup) => boolean },
  signal?: AbortSignal,
): Promise<UemResult<GroupLookup>> {
  const matches: OrganizationGroup[] = [];
  let searched = 0;
  for (let page = 0; ; page++) {
    const result = await searchGroups(client, { ...(filter.name ? { name: filter.name } : {}), page, pageSize: PAGE_SIZE }, signal);
    if (!result.ok) return result;
    const { groups, total, shape } = result.value;
    searched += groups.length;
    matches.push(...groups.filter(filter.pick));
    // Stop when the server's count is reached, or a page comes back empty (a server whose total lies must not loop us).
    if (searched >= total || groups.length === 0 || page === MAX_PAGES - 1) return uemOk({ matches, searched, total, shape });
  }
}
