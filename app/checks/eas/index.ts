import type { CheckDefinition } from '../types';
import { easBasic } from './basic';
import { kcdEndToEnd } from './kcd-end-to-end';
import { negotiateOffered } from './negotiate-offered';
import { easTls } from './tls';

/** The eas.* checks: one file each. The catalogue runs eas.kcd-end-to-end after the krb.* checks whose ticket it uses. */
export const EAS_CHECKS: readonly CheckDefinition[] = [easTls, negotiateOffered, easBasic, kcdEndToEnd];
