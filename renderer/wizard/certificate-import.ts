import type { CertificateSummary, CoreApi } from '../../app/api/contract';

/**
 * Turning what a person pastes or picks into certificate entries of the settings (inline
 * PEM, one certificate each). The core's importCertificates reads the file (PEM, DER,
 * PKCS#7, PFX) and says what is in it; the page keeps the certificates as PEM.
 */

export type ImportOutcome = { readonly ok: true; readonly entries: readonly string[] } | { readonly ok: false; readonly message: string };

export type CertificateImporter = (file: File) => Promise<ImportOutcome>;

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const EXPORT_AS_CER = 'Export each certificate as "Base-64 encoded X.509 (.CER)" or DER (.cer) and choose those files.';

function pemOf(base64: string): string {
  return ['-----BEGIN CERTIFICATE-----', ...(base64.match(/.{1,64}/g) ?? []), '-----END CERTIFICATE-----', ''].join('\n');
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Every certificate block in a text, normalised to one PEM entry each. */
export function splitPem(text: string): ImportOutcome {
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) return { ok: false, message: 'This is a private key. Only the public certificate is needed; never hand out a private key.' };
    return { ok: false, message: 'No certificate found: paste text that starts with -----BEGIN CERTIFICATE-----' };
  }
  const bodies = blocks.map((block) => block.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ''));
  if (bodies.some((b) => !/^[A-Za-z0-9+/]+={0,2}$/.test(b))) return { ok: false, message: 'A certificate block contains characters that are not Base-64' };
  return { ok: true, entries: bodies.map(pemOf) };
}

/**
 * Reads a picked file through the core. PEM and DER become entries directly; a PKCS#7 or
 * PFX file is read by the core, which names what it holds, but hands back summaries only,
 * so for those the person is asked for the certificates as .cer files.
 */
export function coreImporter(api: Pick<CoreApi, 'importCertificates'>): CertificateImporter {
  return async (file) => {
    if (file.size > MAX_FILE_BYTES) return { ok: false, message: `${file.name} is ${Math.round(file.size / 1024)} KB; a certificate file is a few KB` };
    const bytes = new Uint8Array(await file.arrayBuffer());
    const imported = await api.importCertificates({ base64: toBase64(bytes) });
    if (!imported.ok) {
      // A protected PFX could be opened with its password, but its certificates could not be kept anyway (see below).
      if (imported.error.code === 'pki.import.pfx-password') return { ok: false, message: `${file.name} is a password-protected PFX file. ${EXPORT_AS_CER}` };
      return { ok: false, message: `${imported.error.message}${imported.error.remedy ? ` ${imported.error.remedy}` : ''}` };
    }
    const { format, certificates } = imported.value;
    if (format === 'pem') return splitPem(new TextDecoder().decode(bytes));
    if (format === 'der') return { ok: true, entries: [pemOf(toBase64(bytes))] };
    const names = certificates.map((c) => c.subject).join('; ');
    return {
      ok: false,
      message: `${file.name} holds ${certificates.length} ${certificates.length === 1 ? 'certificate' : 'certificates'} (${names}), but certificates cannot yet be taken out of a ${format === 'pfx' ? 'PFX' : 'PKCS#7'} file here. ${EXPORT_AS_CER}`,
    };
  };
}

/** An entry the person cannot see inside: a path relative to the settings file. */
export function isPathEntry(entry: string): boolean {
  return !entry.includes('-----BEGIN CERTIFICATE-----');
}

/** What the core reads from a PEM entry, asked once per entry text. */
const summaries = new Map<string, Promise<CertificateSummary | string>>();

export function summarizeEntry(api: Pick<CoreApi, 'importCertificates'>, entry: string): Promise<CertificateSummary | string> {
  let pending = summaries.get(entry);
  if (pending === undefined) {
    pending = api.importCertificates({ base64: btoa(entry) }).then((r) => (r.ok ? (r.value.certificates[0] ?? 'No certificate in this entry') : r.error.message));
    summaries.set(entry, pending);
  }
  return pending;
}
