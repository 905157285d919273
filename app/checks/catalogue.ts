import type { CheckDefinition } from './types';
import { INPUT_CHECKS } from './input';
import { PKI_CHECKS } from './pki';
import { UEM_CHECKS } from './uem';

/**
 * Every check the product knows, in catalogue order (product.md). Each family lives in its
 * own file under app/checks/ and is added here once.
 */
export const CATALOGUE: readonly CheckDefinition[] = [...INPUT_CHECKS, ...PKI_CHECKS, ...UEM_CHECKS];
