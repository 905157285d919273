import { createHash } from 'node:crypto';

/**
 * SHA-1 thumbprint as Windows shows it (certutil's "Cert Hash(sha1)", the MMC): upper-case
 * hex. NTAuth entries are matched by their bytes; the thumbprint is what a person compares.
 */
export function thumbprint(der: Uint8Array): string {
  return createHash('sha1').update(der).digest('hex').toUpperCase();
}
