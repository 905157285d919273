import type { Settings } from '../../contract/settings';
import { offlineReason, uemClientFor, type ClientExtras } from '../../uem/client-from-settings';
import { runTlsSessions } from '../run/tls-sessions';
import { pkiInputs } from '../run/pki-inputs';
import type { TlsObservation } from '../../uem/https-exchange';
import { compareFields, consoleFields, sideBySide } from '../../uem/kcd-console-fields';
import { isGuid, lookupMemConfig } from '../../uem/mem-gateway-settings';
import { collectGroups, type OrganizationGroup } from '../../uem/organization-groups';
import { describeCertificate } from '../../uem/peer-certificate';
import { fetchSystemInfo } from '../../uem/system-info';
import type { UemError } from '../../uem/uem-error';
import { artifactKey, type CheckContext, type CheckDefinition, type CheckOutcome } from '../types';

/** The group uem.og found, for checks that need its numeric id or GUID. */
export const UEM_GROUP = artifactKey<OrganizationGroup>('uem.group');

const CONSOLE_PATH = 'Email > Email Settings > (the configuration) > Advanced';

function failed(error: UemError): CheckOutcome {
  return { status: 'fail', evidence: [error.message, ...error.evidence], remedy: error.remedy ?? 'See the evidence.' };
}

/**
 * One client per run: the checks share it (and, with OAuth, its token, and the run's TLS
 * sessions). An on-premises API server often has a certificate from the company CA, so the
 * Certificates step's roots are trusted beside the system's.
 */
function client(ctx: CheckContext, extras: ClientExtras): ReturnType<typeof uemClientFor> {
  return ctx.memo('uem.client', async () => {
    const roots = (await pkiInputs(ctx)).roots.map((c) => c.summary.pem);
    const sessions = await runTlsSessions(ctx);
    return uemClientFor(ctx.settings, ctx.secrets, ctx.baseDir, { ...extras, trustedCa: [...(extras.trustedCa ?? []), ...roots], sessions });
  });
}

function tlsEvidence(tls: TlsObservation, ignoring: boolean): string[] {
  const cert = tls.certificate ? describeCertificate(tls.certificate) : ['server certificate: none presented'];
  if (tls.problem === null) return [`TLS: the certificate verifies and names the host, ${tls.vouchedBy ?? 'trusted'}`, ...cert];
  return [`TLS: ${tls.problem}${ignoring ? ' — accepted only because "ignore TLS errors" is on' : ''}`, ...cert];
}

function groupLine(g: OrganizationGroup): string {
  return `${g.name} (id ${g.id}${g.groupId ? `, Group ID ${g.groupId}` : ''}${g.type ? `, type ${g.type}` : ''}${g.uuid ? `, uuid ${g.uuid}` : ''})`;
}

function apiCheck(extras: ClientExtras): CheckDefinition {
  return {
    id: 'uem.api',
    title: 'UEM API answers with these credentials',
    dependsOn: ['input.api-url', 'input.api-user', 'input.tenant-code'],
    needsSecrets: ['uemPassword'],
    network: true,
    applies: offlineReason,
    run: async (ctx) => {
      const made = await client(ctx, extras);
      if (!made.ok) return failed(made.error);
      const info = await fetchSystemInfo(made.value, ctx.signal);
      if (!info.ok) return failed(info.error);
      const { productName, productVersion, apiVersion, tls } = info.value;
      const ignoring = ctx.settings.uem.ignoreTlsErrors;
      const evidence = [
        `GET ${ctx.settings.uem.apiUrl.trim()}/api/system/info answered as user ${ctx.settings.uem.user.trim()} with the tenant code (not shown)`,
        `product: ${productName ?? '(no name)'} ${productVersion}${apiVersion ? `, API version ${apiVersion}` : ''}`,
        ...tlsEvidence(tls, ignoring),
      ];
      if (!ignoring) return { status: 'pass', evidence };
      return {
        status: 'warn',
        evidence: ['"ignore TLS errors" is on for the UEM API (this API only): a server posing as it would get the password', ...evidence],
        remedy:
          tls.problem === null
            ? 'The certificate verifies: switch "ignore TLS errors" off on the UEM API step.'
            : 'Give the API server a certificate from a CA this machine trusts, naming the host in the URL, then switch "ignore TLS errors" off.',
      };
    },
  };
}

function groupCheck(extras: ClientExtras): CheckDefinition {
  return {
    id: 'uem.og',
    title: 'Organization group exists',
    dependsOn: ['uem.api'],
    needsSecrets: ['uemPassword'],
    network: true,
    applies: (s: Settings) =>
      offlineReason(s) ?? (s.organizationGroup.id.trim() === '' && s.organizationGroup.name.trim() === '' ? 'No organization group is given (see input.organization-group)' : null),
    run: async (ctx) => {
      const made = await client(ctx, extras);
      if (!made.ok) return failed(made.error);
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
      if (!found.ok) return failed(found.error);
      const { matches, searched, total, shape } = found.value;
      const how = `GET /api/system/groups/search${filtered ? ` name=${wantedName}` : ''}: ${searched} of ${total} group(s) read, version ${shape} shape (${shape === 2 ? 'OrganizationGroups' : 'LocationGroups'})`;
      const wanted = wantedName && wantedId ? `"${wantedName}" with id ${wantedId}` : wantedName ? `"${wantedName}"` : `with id ${wantedId}`;
      const exact = wantedId === '' ? matches : matches.filter((g) => g.id === wantedId);
      if (exact.length === 1) {
        const group = exact[0] as OrganizationGroup;
        ctx.provide(UEM_GROUP, group);
        return { status: 'pass', evidence: [how, `organization group: ${groupLine(group)}`] };
      }
      if (exact.length > 1) {
        return {
          status: 'warn',
          evidence: [how, ...exact.map((g) => `several groups are named "${wantedName}": ${groupLine(g)}`)],
          remedy: 'Pick the group in the wizard (or set organizationGroup.id) so that the one the SEG belongs to is meant.',
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
            : 'Pick the organization group where the SEG\'s MEM configuration is made (the picker searches as you type), or correct the name typed offline.',
      };
    },
  };
}

function memConfigCheck(extras: ClientExtras): CheckDefinition {
  return {
    id: 'uem.mem-config',
    title: 'MEM configuration exists with cross-domain KCD as entered',
    dependsOn: ['uem.api'],
    needsSecrets: ['uemPassword'],
    network: true,
    applies: offlineReason,
    run: async (ctx) => {
      const fields = consoleFields(ctx.settings);
      const id = ctx.settings.organizationGroup.memConfigId.trim();
      const compareAll = (prefix: string[]) => [...prefix, `compare on the console (${CONSOLE_PATH}):`, ...sideBySide(compareFields(fields, []))];
      if (id === '') {
        return {
          status: 'skip',
          reason: 'No MEM configuration id is given, and the public UEM API has no call that lists or returns MEM configurations: compare the fields below on the console',
          evidence: compareAll([]),
        };
      }
      if (!isGuid(id)) {
        return {
          status: 'skip',
          reason: `The MEM configuration id "${id}" is not a GUID; the only public call that takes one (custom gateway settings) needs the GUID: compare the fields below on the console`,
          evidence: compareAll([]),
        };
      }
      const made = await client(ctx, extras);
      if (!made.ok) return failed(made.error);
      const lookup = await lookupMemConfig(made.value, id, ctx.signal);
      if (!lookup.ok) {
        if (lookup.error.code === 'uem.forbidden') {
          return { status: 'skip', reason: `The API refused to show custom gateway settings to this admin: compare the fields below on the console`, evidence: compareAll([lookup.error.message]) };
        }
        return failed(lookup.error);
      }
      const call = `GET /api/system/custom-gateway-settings/MEM/configuration/${id}`;
      if (lookup.value.kind === 'unavailable') {
        return {
          status: 'skip',
          reason: 'This console does not offer custom gateway settings (console 20.10 or later), the only public call that takes a MEM configuration id: compare the fields below on the console',
          evidence: compareAll([`${call}: ${lookup.value.said}`]),
        };
      }
      if (lookup.value.kind === 'not-found') {
        return {
          status: 'fail',
          evidence: compareAll([`${call}: ${lookup.value.said}`, `the console knows no gateway configuration with id ${id}`]),
          remedy: "Copy the MEM configuration's id from the console (Email > Email Settings; UAG asks for the same value as the MEM configuration id), or create the configuration there first.",
        };
      }
      const comparisons = compareFields(fields, lookup.value.settings);
      const observed = [`${call}: the configuration exists (${lookup.value.settings.length} custom gateway setting(s))`];
      const differing = comparisons.filter((c) => c.verdict === 'differs');
      const evidence = [...observed, `side by side (${CONSOLE_PATH}):`, ...sideBySide(comparisons)];
      if (differing.length > 0) {
        return {
          status: 'fail',
          evidence,
          remedy: `On the console (${CONSOLE_PATH}) or in the wizard, make these agree: ${differing.map((c) => `${c.field.label} (console ${c.observed?.value ?? ''}, wizard ${c.field.wizard})`).join('; ')}.`,
        };
      }
      const unseen = comparisons.filter((c) => c.verdict === 'not shown' && c.field.apiKey !== null);
      if (unseen.length === 0) return { status: 'pass', evidence };
      return {
        status: 'skip',
        reason: `The MEM configuration exists, but the public API does not show ${unseen.map((c) => c.field.label).join(', ')}: compare them on the console with the list below`,
        evidence,
      };
    },
  };
}

/** The uem.* family (product.md). `extras` lets a caller trust an internal CA for the API server. */
export function uemChecks(extras: ClientExtras = {}): readonly CheckDefinition[] {
  return [apiCheck(extras), groupCheck(extras), memConfigCheck(extras)];
}

export const UEM_CHECKS: readonly CheckDefinition[] = uemChecks();
