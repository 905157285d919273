import type { CheckDefinition } from '../types';
import { krbAs } from './as';
import { krbS4u2proxy } from './s4u2proxy';
import { krbS4u2self } from './s4u2self';

/** The krb.* checks of product.md's catalogue: one file each. */
export const KRB_CHECKS: readonly CheckDefinition[] = [krbAs, krbS4u2self, krbS4u2proxy];
