import type { CheckDefinition } from '../types';
import { dnsCheck } from './dns';
import { pathsCheck } from './paths';

/** The net.* checks of product.md's catalogue, in catalogue order: one file each. */
export const NET_CHECKS: readonly CheckDefinition[] = [dnsCheck, pathsCheck];
