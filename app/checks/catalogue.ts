import { inCatalogueOrder } from './catalogue-order';
import type { CheckDefinition } from './types';
import { AD_CHECKS } from './ad';
import { EAS_CHECKS } from './eas';
import { INPUT_CHECKS } from './input';
import { NET_CHECKS } from './net';
import { KRB_CHECKS } from './krb';
import { PKI_CHECKS } from './pki';
import { TIME_CHECKS } from './time';
import { UEM_CHECKS } from './uem';
import { SEG_CHECKS } from './seg';

/**
 * Every check the product knows, in catalogue order (CHECK_IDS). Each family lives in its
 * own folder under app/checks/ and is added here once; families.ts loads them one by one.
 */
export const CATALOGUE: readonly CheckDefinition[] = inCatalogueOrder([
  INPUT_CHECKS,
  NET_CHECKS,
  TIME_CHECKS,
  AD_CHECKS,
  PKI_CHECKS,
  EAS_CHECKS,
  KRB_CHECKS,
  UEM_CHECKS,
  SEG_CHECKS,
]);
