import { basename } from 'node:path';
import { err, ok, type Result } from '../contract/result';
import { isInlinePem, readCertificateEntry } from './settings-certificates';

/** One CA certificate named in the settings, as the scripts and the registry refer to it. */
export interface CertificateRef {
  /**
   * The file a script names: the entry's own file when it holds just this certificate, else
   * `<role>-<entry>-<n>.cer`, written beside the scripts (inline PEM, chain files, .p7b).
   */
  readonly fileName: string;
  /** True when the scripts folder must carry the file (it is not the user's own file). */
  readonly written: boolean;
  /** The certificate as PEM: the content of the file when it is written. */
  readonly pem: string;
  readonly subject: string;
  /** SHA-1 thumbprint, upper-case hex without separators: the registry and certutil use this form. */
  readonly thumbprint: string;
}

/** Every certificate of one settings entry, named for the scripts. */
export async function loadCertificateRefs(entry: string, baseDir: string, role: string, index: number): Promise<Result<CertificateRef[]>> {
  const read = await readCertificateEntry(entry, baseDir);
  if (!read.ok) return err(read.error.code, `${isInlinePem(entry) ? `Inline certificate ${index + 1}` : entry}: ${read.error.message}`, read.error.remedy);
  const { certificates: certs, format, inline } = read.value;
  const own = !inline && certs.length === 1 && (format === 'pem' || format === 'der');
  return ok(
    certs.map((cert, n) => ({
      fileName: own ? basename(entry) : `${role}-${index + 1}${certs.length > 1 ? `-${n + 1}` : ''}.cer`,
      written: !own,
      pem: cert.summary.pem,
      subject: cert.summary.subject,
      thumbprint: cert.node.fingerprint.replace(/:/g, '').toUpperCase(),
    })),
  );
}

/** All certificates of a list of entries, in order; the first unreadable entry is the error. */
export async function loadAllCertificateRefs(entries: readonly string[], baseDir: string, role: string): Promise<Result<CertificateRef[]>> {
  const refs: CertificateRef[] = [];
  for (const [index, entry] of entries.entries()) {
    const loaded = await loadCertificateRefs(entry, baseDir, role, index);
    if (!loaded.ok) return loaded;
    refs.push(...loaded.value);
  }
  return ok(refs);
}
