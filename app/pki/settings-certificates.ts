import { readFile, stat } from 'node:fs/promises';
import { resolveSettingsPath } from '../config/settings-path';
import { err, ok, type CoreError, type Result } from '../contract/result';
import type { Settings } from '../contract/settings';
import type { Certificate } from './certificate';
import { MAX_IMPORT_BYTES, decodeCertificates, type ImportedCertificates } from './certificate-import';

/** One settings entry that could not be turned into certificates, with where it is. */
export interface EntryProblem {
  readonly field: string;
  readonly error: CoreError;
}

/** settings.certificates, read and parsed. */
export interface PkiInputs {
  readonly roots: readonly Certificate[];
  readonly intermediates: readonly Certificate[];
  /** The sample device certificate (the first end-entity certificate of its entry). */
  readonly device: Certificate | null;
  readonly problems: readonly EntryProblem[];
}

/** Inline PEM in the settings, rather than a path to a file. */
export function isInlinePem(entry: string): boolean {
  return entry.trimStart().startsWith('-----BEGIN');
}

/** One settings entry decoded, and whether it was inline PEM rather than a file. */
export interface CertificateEntry extends ImportedCertificates {
  readonly inline: boolean;
}

/**
 * One certificate entry of the settings, read and decoded: a path relative to the settings
 * file's folder (a file no larger than MAX_IMPORT_BYTES), or inline PEM. Used by the checks,
 * the bundle and the report (through loadPkiInputs) and by the scripts (certificate-refs).
 */
export async function readCertificateEntry(entry: string, baseDir: string): Promise<Result<CertificateEntry>> {
  const inline = isInlinePem(entry);
  let bytes: Buffer;
  if (inline) {
    bytes = Buffer.from(entry, 'utf8');
  } else {
    const path = resolveSettingsPath(entry, baseDir);
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new Error('not a file');
      if (info.size > MAX_IMPORT_BYTES) throw new Error(`${info.size} bytes, too large for a certificate`);
      bytes = await readFile(path);
    } catch (e) {
      return err(
        'pki.settings.unreadable',
        `${path} cannot be read (${(e as Error).message})`,
        'Give the path of the certificate file, relative to the settings file, or paste the PEM text.',
      );
    }
  }
  const decoded = await decodeCertificates({ bytes });
  return decoded.ok ? ok({ ...decoded.value, inline }) : decoded;
}

async function readEntry(entry: string, field: string, baseDir: string): Promise<{ certs: readonly Certificate[] } | { problem: EntryProblem }> {
  const read = await readCertificateEntry(entry, baseDir);
  if (!read.ok) return { problem: { field, error: { ...read.error, message: `${field}: ${read.error.message}` } } };
  return { certs: read.value.certificates };
}

/**
 * Reads every certificate entry: a path relative to the settings file's folder, or inline PEM.
 * The files are read at the same time (every check of a run waits for them), and the results
 * kept in the settings' order.
 */
export async function loadPkiInputs(certificates: Settings['certificates'], baseDir: string): Promise<PkiInputs> {
  const entries = [
    ...certificates.roots.map((entry, i) => ({ entry, field: `certificates.roots.${i}`, role: 'root' as const })),
    ...certificates.intermediates.map((entry, i) => ({ entry, field: `certificates.intermediates.${i}`, role: 'intermediate' as const })),
    { entry: certificates.deviceCertificate, field: 'certificates.deviceCertificate', role: 'device' as const },
  ].filter((e) => e.entry.trim() !== '');
  const reads = await Promise.all(entries.map(async (e) => ({ ...e, read: await readEntry(e.entry, e.field, baseDir) })));
  const roots: Certificate[] = [];
  const intermediates: Certificate[] = [];
  const problems: EntryProblem[] = [];
  let device: Certificate | null = null;
  for (const { role, read } of reads) {
    if ('problem' in read) problems.push(read.problem);
    else if (role === 'root') roots.push(...read.certs);
    else if (role === 'intermediate') intermediates.push(...read.certs);
    else {
      // A PFX or P7B export of a device usually carries its chain: the leaf is the one that is not a CA.
      device = read.certs.find((c) => !c.summary.isCa) ?? read.certs[0] ?? null;
      intermediates.push(...read.certs.filter((c) => c !== device && !c.summary.selfIssued));
    }
  }
  return { roots, intermediates, device, problems };
}
