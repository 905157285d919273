import { offlineReason, type ClientExtras } from '../../uem/client-from-settings';
import { compareFields, consoleFields, sideBySide, type ConsoleField } from '../../uem/kcd-console-fields';
import { isGuid, lookupMemConfig, type MemConfigLookup } from '../../uem/mem-gateway-settings';
import { defineCheck, type DefinedCheck } from '../define';
import type { CheckContext } from '../types';
import { failed, runClient, uemErrorFacts, type UemErrorFacts } from './run-client';

const CONSOLE_PATH = 'Email > Email Settings > (the configuration) > Advanced';

export interface MemConfigFacts {
  /** The KCD fields as the wizard has them, to compare with the console's. */
  readonly fields: readonly ConsoleField[];
  /** settings.organizationGroup.memConfigId, trimmed. */
  readonly id: string;
  /** Not asked when the id is empty or not a GUID: no public call takes anything else. */
  readonly lookup:
    { readonly asked: false } | { readonly asked: true; readonly error: UemErrorFacts } | ({ readonly asked: true; readonly error: null } & MemConfigLookup);
}

async function gather(ctx: CheckContext, extras: ClientExtras): Promise<MemConfigFacts> {
  const fields = consoleFields(ctx.settings);
  const id = ctx.settings.organizationGroup.memConfigId.trim();
  if (id === '' || !isGuid(id)) return { fields, id, lookup: { asked: false } };
  const made = await runClient(ctx, extras);
  if (!made.ok) return { fields, id, lookup: { asked: true, error: uemErrorFacts(made.error) } };
  const lookup = await lookupMemConfig(made.value, id, ctx.signal);
  return { fields, id, lookup: lookup.ok ? { asked: true, error: null, ...lookup.value } : { asked: true, error: uemErrorFacts(lookup.error) } };
}

/** uem.mem-config; `extras` lets a caller trust an internal CA for the API server. */
export function memConfigCheck(extras: ClientExtras): DefinedCheck<MemConfigFacts> {
  return defineCheck<MemConfigFacts>({
    id: 'uem.mem-config',
    title: 'MEM configuration exists with cross-domain KCD as entered',
    dependsOn: ['uem.api'],
    needsSecrets: ['uemPassword'],
    network: true,
    applies: offlineReason,
    gather: (ctx) => gather(ctx, extras),
    judge({ fields, id, lookup }) {
      const compareAll = (prefix: string[]) => [...prefix, `compare on the console (${CONSOLE_PATH}):`, ...sideBySide(compareFields(fields, []))];
      if (!lookup.asked) {
        return id === ''
          ? {
              status: 'skip',
              reason:
                'No MEM configuration id is given, and the public UEM API has no call that lists or returns MEM configurations: compare the fields below on the console',
              evidence: compareAll([]),
            }
          : {
              status: 'skip',
              reason: `The MEM configuration id "${id}" is not a GUID; the only public call that takes one (custom gateway settings) needs the GUID: compare the fields below on the console`,
              evidence: compareAll([]),
            };
      }
      if (lookup.error !== null) {
        if (lookup.error.code === 'uem.forbidden') {
          return {
            status: 'skip',
            reason: `The API refused to show custom gateway settings to this admin: compare the fields below on the console`,
            evidence: compareAll([lookup.error.message]),
          };
        }
        return failed(lookup.error);
      }
      const call = `GET /api/system/custom-gateway-settings/MEM/configuration/${id}`;
      if (lookup.kind === 'unavailable') {
        return {
          status: 'skip',
          reason:
            'This console does not offer custom gateway settings (console 20.10 or later), the only public call that takes a MEM configuration id: compare the fields below on the console',
          evidence: compareAll([`${call}: ${lookup.said}`]),
        };
      }
      if (lookup.kind === 'not-found') {
        return {
          status: 'fail',
          evidence: compareAll([`${call}: ${lookup.said}`, `the console knows no gateway configuration with id ${id}`]),
          remedy:
            "Copy the MEM configuration's id from the console (Email > Email Settings; UAG asks for the same value as the MEM configuration id), or create the configuration there first.",
        };
      }
      const comparisons = compareFields(fields, lookup.settings);
      const observed = [`${call}: the configuration exists (${lookup.settings.length} custom gateway setting(s))`];
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
  });
}
