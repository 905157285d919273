import type { CheckContext, CheckDefinition, CheckOutcome } from './types';

/**
 * A check in two halves. `gather` does the I/O and returns plain facts: JSON data with no
 * secrets and no keys, so the lab can record them as fixtures. `judge` turns those facts into
 * the outcome (evidence, remedy, command) and is pure, so every verdict is unit-tested from
 * recorded facts without root or servers. Values a later check needs (a TGT) are handed on
 * with ctx.provide inside gather, never through the facts.
 */
export interface SplitCheck<Facts> extends Omit<CheckDefinition, 'run'> {
  gather(ctx: CheckContext): Promise<Facts>;
  judge(facts: Facts): CheckOutcome;
}

export type DefinedCheck<Facts> = CheckDefinition & SplitCheck<Facts>;

export function defineCheck<Facts>(spec: SplitCheck<Facts>): DefinedCheck<Facts> {
  return { ...spec, run: async (ctx) => spec.judge(await spec.gather(ctx)) };
}

/** True for checks made with defineCheck: the lab records their facts. */
export function isSplitCheck(check: CheckDefinition): check is DefinedCheck<unknown> {
  return 'gather' in check && 'judge' in check;
}
