import type { CheckDefinition } from '../types';
import { deviceCertCheck } from './device-cert';
import { chainCheck } from './chain';
import { noLdapUrlsCheck } from './no-ldap-urls';
import { crlReachableCheck } from './crl-reachable';
import { crlValidCheck } from './crl-valid';
import { notRevokedCheck } from './not-revoked';

/** The pki.* family of product.md, in catalogue order. Each check lives in a file of its own beside this one. */
export const PKI_CHECKS: readonly CheckDefinition[] = [deviceCertCheck, chainCheck, noLdapUrlsCheck, crlReachableCheck, crlValidCheck, notRevokedCheck];
