import type { CheckDefinition } from './types';
import { deviceCertCheck } from '../pki/check-device-cert';
import { chainCheck } from '../pki/check-chain';
import { noLdapUrlsCheck } from '../pki/check-no-ldap-urls';
import { crlReachableCheck } from '../pki/check-crl-reachable';
import { crlValidCheck } from '../pki/check-crl-valid';
import { notRevokedCheck } from '../pki/check-not-revoked';

/** The pki.* family of product.md, in catalogue order. Each check lives in app/pki/check-*.ts. */
export const PKI_CHECKS: readonly CheckDefinition[] = [deviceCertCheck, chainCheck, noLdapUrlsCheck, crlReachableCheck, crlValidCheck, notRevokedCheck];
