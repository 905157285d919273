import type { CheckDefinition } from '../types';
import { appPool } from './app-pool';
import { clientCertMapping } from './client-cert-mapping';
import { iisConfig } from './iis-config';
import { kerberosFilesPath } from './kerberos-files-path';
import { krb5Ini } from './krb5-ini';
import { rootTrusted } from './root-trusted';
import { sslSettings } from './ssl-settings';
import { uploadReadAhead } from './upload-read-ahead';

/** The seg.* checks of product.md's catalogue, in catalogue order: one file each. */
export const SEG_CHECKS: readonly CheckDefinition[] = [
  iisConfig,
  clientCertMapping,
  sslSettings,
  uploadReadAhead,
  appPool,
  kerberosFilesPath,
  krb5Ini,
  rootTrusted,
];
