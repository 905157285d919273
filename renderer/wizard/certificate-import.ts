/**
 * Turning what a person pastes or picks into certificate entries of the settings (inline
 * PEM, one certificate each). The page reads files as text, so it accepts PEM only; DER and
 * PFX need the core (an importCertificates call), and this is the one place that will call it.
 */

export type ImportOutcome = { readonly ok: true; readonly entries: readonly string[] } | { readonly ok: false; readonly message: string };

export type CertificateImporter = (file: File) => Promise<ImportOutcome>;

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const MAX_FILE_BYTES = 1_000_000;

/** Every certificate block in a text, normalised to one PEM entry each. */
export function splitPem(text: string): ImportOutcome {
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) return { ok: false, message: 'This is a private key. Only the public certificate is needed; never hand out a private key.' };
    return { ok: false, message: 'No certificate found: paste text that starts with -----BEGIN CERTIFICATE-----' };
  }
  const entries = blocks.map((block) => {
    const body = block.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
    const lines = body.match(/.{1,64}/g) ?? [];
    return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
  });
  const bad = entries.find((e) => !/^[A-Za-z0-9+/=\n-]+$/.test(e.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')));
  if (bad) return { ok: false, message: 'A certificate block contains characters that are not Base-64' };
  return { ok: true, entries };
}

/** Reads a picked file in the page: PEM text only, until the core can read DER and PFX. */
export const importAsText: CertificateImporter = async (file) => {
  if (file.size > MAX_FILE_BYTES) return { ok: false, message: `${file.name} is ${Math.round(file.size / 1024)} KB; a certificate is a few KB` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  // DER starts with a SEQUENCE tag (0x30); a PFX is DER too.
  if (bytes[0] === 0x30) {
    return {
      ok: false,
      message: `${file.name} is binary (DER or PFX). For now, export it as "Base-64 encoded X.509 (.CER)" in the Windows certificate dialog, or run: certutil -encode ${file.name} ${file.name.replace(/\.[^.]+$/, '')}.pem`,
    };
  }
  return splitPem(new TextDecoder().decode(bytes));
};

/** How an entry is described to a person: inline PEM or a path relative to the settings file. */
export function describeEntry(entry: string): { readonly kind: 'pem' | 'path'; readonly text: string } {
  if (entry.includes('-----BEGIN CERTIFICATE-----')) {
    const body = entry.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
    return { kind: 'pem', text: `PEM certificate, ${Math.floor((body.length * 3) / 4).toLocaleString('en')} bytes` };
  }
  return { kind: 'path', text: entry };
}

/** SHA-256 of the DER inside a PEM entry, as the Windows certificate dialog shows thumbprints: hex pairs. */
export async function fingerprint(entry: string): Promise<string | null> {
  const body = entry.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
  if (!entry.includes('-----BEGIN CERTIFICATE-----') || !globalThis.crypto?.subtle) return null;
  try {
    const der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', der));
    return [...digest].map((b) => b.toString(16).padStart(2, '0')).join(':').toUpperCase();
  } catch {
    return null;
  }
}
