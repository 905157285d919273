import type { ClientExtras } from '../../uem/client-from-settings';
import type { CheckDefinition } from '../types';
import { apiCheck } from './api';
import { memConfigCheck } from './mem-config';
import { ogCheck } from './og';

/** The uem.* family (product.md), in catalogue order. `extras` lets a caller trust an internal CA for the API server. */
export function uemChecks(extras: ClientExtras = {}): readonly CheckDefinition[] {
  return [apiCheck(extras), ogCheck(extras), memConfigCheck(extras)];
}

export const UEM_CHECKS: readonly CheckDefinition[] = uemChecks();
