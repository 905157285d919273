import type { CheckDefinition } from '../types';
import { easBasic } from './basic';
import { negotiateOffered } from './negotiate-offered';
import { easTls } from './tls';

/**
 * The eas.* checks of the SEG console's email step, in catalogue order: one file each.
 * eas.kcd-end-to-end (kcd-end-to-end.ts) comes after the krb.* checks whose ticket it uses,
 * so the Kerberos family's list places it.
 */
export const EAS_CHECKS: readonly CheckDefinition[] = [easTls, negotiateOffered, easBasic];
