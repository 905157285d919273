import type { CheckDefinition } from './types';
import { INPUT_CHECKS } from './input';
import { KRB_CHECKS } from './krb';
import { PKI_CHECKS } from './pki';
import { UEM_CHECKS } from './uem';

/**
 * Every check the product knows, in catalogue order (product.md). Each family lives in its
 * own file under app/checks/ and is added here once.
 */
export const CATALOGUE: readonly CheckDefinition[] = [...INPUT_CHECKS, ...PKI_CHECKS, ...KRB_CHECKS, ...UEM_CHECKS];
