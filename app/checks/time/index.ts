import type { CheckDefinition } from '../types';
import { dcSkew } from './dc-skew';

/** The time.* checks of product.md's catalogue, in catalogue order: one file each. */
export const TIME_CHECKS: readonly CheckDefinition[] = [dcSkew];
