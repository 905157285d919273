import type { Settings } from '../../contract/settings';
import { offlineReason, type ClientExtras } from '../../uem/client-from-settings';
import { collectGroups, type GroupLookup, type OrganizationGroup } from '../../uem/organization-groups';
import { defineCheck, type DefinedCheck } from '../define';
import { artifactKey, type CheckContext } from '../types';
import { failed, runClient, uemErrorFacts, type UemErrorFacts } from './run-client';

/** The group uem.og found, for checks that need its numeric id or GUID. */
export const UEM_GROUP = artifactKey<OrganizationGroup>('uem.group');

export type OgFacts =
  | { readonly answered: false; readonly error: UemErrorFacts }
  | (GroupLookup & {
      readonly answered: true;
      /** settings.organizationGroup.id and .name, trimmed. */
      readonly wantedId: string;
      readonly wantedName: string;
      /** True when the API's name filter found the matches; false when the whole list was read. */
      readonly filtered: boolean;
    });

type Found = Extract<OgFacts, { answered: true }>;

/** The matches that are the group asked for: by id when one is given. */
function exactMatches(f: Pick<Found, 'matches' | 'wantedId'>): readonly OrganizationGroup[] {
  return f.wantedId === '' ? f.matches : f.matches.filter((g) => g.id === f.wantedId);
}

async function gather(ctx: CheckContext, extras: ClientExtras): Promise<OgFacts> {
  const made = await runClient(ctx, extras);
  if (!made.ok) return { answered: false, error: uemErrorFacts(made.error) };
  const wantedId = ctx.settings.organizationGroup.id.trim();
  const wantedName = ctx.settings.organizationGroup.name.trim();
  const byName = (g: OrganizationGroup) => g.name.toLowerCase() === wantedName.toLowerCase();
  let filtered = wantedName !== '';
  let found = await collectGroups(made.value, filtered ? { name: wantedName, pick: byName } : { pick: (g) => g.id === wantedId }, ctx.signal);
  // How the API's name filter matches is not documented (uem-api-notes.md 5.1): before saying
  // a group does not exist, read the list without it.
  if (found.ok && filtered && found.value.matches.length === 0) {
    filtered = false;
    found = await collectGroups(made.value, { pick: byName }, ctx.signal);
  }
  if (!found.ok) return { answered: false, error: uemErrorFacts(found.error) };
  const exact = exactMatches({ matches: found.value.matches, wantedId });
  if (exact.length === 1) ctx.provide(UEM_GROUP, exact[0] as OrganizationGroup);
  return { answered: true, ...found.value, wantedId, wantedName, filtered };
}

function groupLine(g: OrganizationGroup): string {
  return `${g.name} (id ${g.id}${g.groupId ? `, Group ID ${g.groupId}` : ''}${g.type ? `, type ${g.type}` : ''}${g.uuid ? `, uuid ${g.uuid}` : ''})`;
}

/** uem.og; `extras` lets a caller trust an internal CA for the API server. */
export function ogCheck(extras: ClientExtras): DefinedCheck<OgFacts> {
  return defineCheck<OgFacts>({
    id: 'uem.og',
    title: 'Organization group exists',
    dependsOn: ['uem.api'],
    needsSecrets: ['uemPassword'],
    network: true,
    applies: (s: Settings) =>
      offlineReason(s) ??
      (s.organizationGroup.id.trim() === '' && s.organizationGroup.name.trim() === '' ? 'No organization group is given (see input.organization-group)' : null),
    gather: (ctx) => gather(ctx, extras),
    judge(facts) {
      if (!facts.answered) return failed(facts.error);
      const { matches, searched, total, shape, wantedId, wantedName, filtered } = facts;
      const how = `GET /api/system/groups/search${filtered ? ` name=${wantedName}` : ''}: ${searched} of ${total} group(s) read, version ${shape} shape (${shape === 2 ? 'OrganizationGroups' : 'LocationGroups'})`;
      const wanted = wantedName && wantedId ? `"${wantedName}" with id ${wantedId}` : wantedName ? `"${wantedName}"` : `with id ${wantedId}`;
      const exact = exactMatches(facts);
      if (exact.length === 1) return { status: 'pass', evidence: [how, `organization group: ${groupLine(exact[0] as OrganizationGroup)}`] };
      if (exact.length > 1) {
        return {
          status: 'warn',
          evidence: [how, ...exact.map((g) => `several groups are named "${wantedName}": ${groupLine(g)}`)],
          remedy: 'Give the group’s id (organizationGroup.id), or pick the group from the list, so that the one the SEG belongs to is meant.',
        };
      }
      if (searched < total) {
        return { status: 'skip', reason: `the group ${wanted} is not among the first ${searched} of ${total} groups; the rest were not read`, evidence: [how] };
      }
      return {
        status: 'fail',
        evidence: [how, `no organization group ${wanted} exists`, ...matches.map((g) => `a group of that name exists with another id: ${groupLine(g)}`)],
        remedy:
          matches.length > 0
            ? `Use the id of the group named "${wantedName}" (${matches.map((g) => g.id).join(', ')}), or pick it again in the wizard.`
            : "Pick the organization group where the SEG's MEM configuration is made (the picker searches as you type), or correct the name typed offline.",
      };
    },
  });
}
