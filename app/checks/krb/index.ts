import { kcdEndToEnd } from '../eas/kcd-end-to-end';
import type { CheckDefinition } from '../types';
import { krbAs } from './as';
import { krbS4u2proxy } from './s4u2proxy';
import { krbS4u2self } from './s4u2self';

/**
 * The krb.* checks of product.md's catalogue, in catalogue order: one file each. The catalogue
 * puts eas.kcd-end-to-end right after them (it uses the S4U2Proxy ticket), so its place is the
 * end of this list although it lives with the eas.* checks.
 */
export const KRB_CHECKS: readonly CheckDefinition[] = [krbAs, krbS4u2self, krbS4u2proxy, kcdEndToEnd];
