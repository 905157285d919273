import type { CertificateSummary, CoreApi } from '../../app/contract/core-api';
import { errorText } from '../components/error-text';

/**
 * Turning what a person pastes or picks into certificate entries of the settings (inline
 * PEM, one certificate each). The core's importCertificates reads the file (PEM, DER,
 * PKCS#7, PFX), drops any private key, and hands back each public certificate with its PEM.
 */

export type PemOutcome = { readonly ok: true; readonly entries: readonly string[] } | { readonly ok: false; readonly message: string };

export type FileFormat = 'pem' | 'der' | 'pkcs7' | 'pfx';

export type FileOutcome =
  | { readonly kind: 'certificates'; readonly format: FileFormat; readonly certificates: readonly CertificateSummary[] }
  /** A PFX that needs its password, or was given a wrong one: the message says which. */
  | { readonly kind: 'needs-password'; readonly message: string }
  | { readonly kind: 'refused'; readonly message: string };

export type CertificateImporter = (file: File, password?: string) => Promise<FileOutcome>;

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const MAX_FILE_BYTES = 10 * 1024 * 1024;

function pemOf(base64: string): string {
  return ['-----BEGIN CERTIFICATE-----', ...(base64.match(/.{1,64}/g) ?? []), '-----END CERTIFICATE-----', ''].join('\n');
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Every certificate block in a text, normalised to one PEM entry each. */
export function splitPem(text: string): PemOutcome {
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text))
      return { ok: false, message: 'This is a private key. Only the public certificate is needed; never hand out a private key.' };
    return { ok: false, message: 'No certificate found: paste the text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.' };
  }
  const bodies = blocks.map((block) => block.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ''));
  if (bodies.some((b) => !/^[A-Za-z0-9+/]+={0,2}$/.test(b))) return { ok: false, message: 'A certificate block contains characters that are not Base-64.' };
  return { ok: true, entries: bodies.map(pemOf) };
}

/** Reads a picked or dropped file through the core; a PFX password is sent only with this call. */
export function coreImporter(api: Pick<CoreApi, 'importCertificates'>): CertificateImporter {
  return async (file, password) => {
    if (file.size > MAX_FILE_BYTES) return { kind: 'refused', message: `${file.name} is ${Math.round(file.size / 1024)} KB; a certificate file is a few KB.` };
    const bytes = new Uint8Array(await file.arrayBuffer());
    const imported = await api.importCertificates({ base64: toBase64(bytes), ...(password === undefined ? {} : { password }) });
    if (!imported.ok) {
      const message = errorText(imported.error);
      return imported.error.code === 'pki.import.pfx-password' ? { kind: 'needs-password', message: imported.error.message } : { kind: 'refused', message };
    }
    for (const summary of imported.value.certificates) remember(summary);
    return { kind: 'certificates', format: imported.value.format, certificates: imported.value.certificates };
  };
}

/** An entry the person cannot see inside: a path relative to the settings file. */
export function isPathEntry(entry: string): boolean {
  return !entry.includes('-----BEGIN CERTIFICATE-----');
}

/** What the core reads from a PEM entry, asked once per entry text. */
const summaries = new Map<string, Promise<CertificateSummary | string>>();

/** A file import already described its certificates: their entries need no second call. */
function remember(summary: CertificateSummary): void {
  if (!summaries.has(summary.pem)) summaries.set(summary.pem, Promise.resolve(summary));
}

export function summarizeEntry(api: Pick<CoreApi, 'importCertificates'>, entry: string): Promise<CertificateSummary | string> {
  let pending = summaries.get(entry);
  if (pending === undefined) {
    pending = api
      .importCertificates({ base64: btoa(entry) })
      .then((r) => (r.ok ? (r.value.certificates[0] ?? 'No certificate in this entry') : r.error.message));
    summaries.set(entry, pending);
  }
  return pending;
}
