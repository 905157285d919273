import { defineCheck, type DefinedCheck, type SplitCheck } from '../define';
import type { CheckOutcome } from '../types';
import { failureOutcome, isReadFailure, type ReadFailure } from './read-failure';

/**
 * An ad.* check: it binds with the KCD password and reads a DC, and facts that say the
 * directory could not be read are its outcome, so its own judge sees only what it judges.
 */
export function adCheck<Facts extends { readonly read: string }>(
  spec: Omit<SplitCheck<Facts>, 'needsSecrets' | 'network' | 'judge'> & { judge(facts: Exclude<Facts, ReadFailure>): CheckOutcome },
): DefinedCheck<Facts> {
  return defineCheck<Facts>({
    ...spec,
    needsSecrets: ['kcdPassword'],
    network: true,
    judge: (facts) => (isReadFailure(facts) ? failureOutcome(facts) : spec.judge(facts as Exclude<Facts, ReadFailure>)),
  });
}
