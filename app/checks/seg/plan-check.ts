import type { CheckId } from '../../contract/check-ids';
import type { IisPlan, PlanItem } from '../../contract/iis';
import { describeSetting } from '../../iis/setting';
import { appcmdCommands } from '../../scripts/appcmd';
import { defineCheck, type DefinedCheck } from '../define';
import type { CheckContext, CheckOutcome } from '../types';
import { failed, loadIis, noIis, unreadable, type Unreadable } from './seg-copies';

/** The SEG plan cut down to what one check proves: its items and what blocks them (plain data, as plans are). */
export type PlanFacts = Unreadable | { readonly read: 'ok'; readonly plan: IisPlan };

async function gatherPlan(ctx: CheckContext, id: CheckId): Promise<PlanFacts> {
  const iis = await loadIis(ctx);
  if (!iis.ok) return unreadable(iis.error);
  return { read: 'ok', plan: planOf(iis.value.plan, id) };
}

/** The items of the SEG plan that one check proves, and what blocks them. */
export function planOf(plan: IisPlan, id: CheckId): IisPlan {
  return { ...plan, items: plan.items.filter((item) => item.check === id), blocked: plan.blocked.filter((b) => b.id === id) };
}

function evidenceOf(item: PlanItem): string {
  return `${describeSetting(item.setting)}: ${item.current} (${item.currentSource})`;
}

/** Passes when every plan item the check proves already holds; otherwise the appcmd lines for the rest. */
export function judgePlan(plan: IisPlan): CheckOutcome {
  const evidence = plan.items.map(evidenceOf);
  if (plan.blocked.length > 0)
    return {
      status: 'fail',
      evidence: [...evidence, ...plan.blocked.map((b) => b.reason)],
      remedy: plan.blocked.map((b) => `${b.title}: ${b.reason}`).join(' '),
    };
  const pending = plan.items.filter((item) => item.state === 'change');
  if (pending.length === 0) return { status: 'pass', evidence };
  const commands = appcmdCommands({ ...plan, items: pending });
  return {
    status: 'fail',
    evidence,
    remedy: `${pending.map((item) => `${item.title} (guide: ${item.guideStep})`).join('; ')}. Apply the SEG plan (seg-setup configure), or run these on the SEG as administrator.`,
    // appcmd lines are quoted for cmd.exe (%windir%, cmdQuote).
    ...(commands.ok ? { command: commands.value.join('\n'), commandShell: 'cmd' as const } : {}),
  };
}

/** A seg.* check that the SEG plan's items prove, nothing more. */
export function planCheck(id: CheckId, title: string): DefinedCheck<PlanFacts> {
  return defineCheck<PlanFacts>({
    id,
    title,
    dependsOn: ['seg.iis-config'],
    applies: noIis,
    gather: (ctx) => gatherPlan(ctx, id),
    judge: (facts) => (facts.read === 'failed' ? failed(facts) : judgePlan(facts.plan)),
  });
}
