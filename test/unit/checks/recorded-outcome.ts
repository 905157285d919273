import type { CheckId } from '../../../app/contract/check-ids';
import { recordedFacts } from '../../support/facts';

/**
 * The facts a check recorded under a scenario, held to one variant of its facts union (`outcome`),
 * so that a test can derive a variant from them; throws when the lab recorded another outcome.
 */
export function recordedOutcome<F extends { readonly outcome: string }, O extends F['outcome']>(
  scenario: string,
  id: CheckId,
  outcome: O,
): Extract<F, { readonly outcome: O }> {
  const f = recordedFacts<F>(scenario, id);
  if (f.outcome !== outcome) throw new Error(`${scenario}/${id}: the recorded outcome is ${f.outcome}, not ${outcome}`);
  return f as Extract<F, { readonly outcome: O }>;
}
