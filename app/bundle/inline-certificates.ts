import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { err, ok, type Result } from '../api/result';
import type { Settings } from '../config/settings-schema';
import { decodeCertificates, MAX_IMPORT_BYTES } from '../pki/certificate-import';
import type { CertificateSummary } from '../pki/certificate';

export type CertificateRole = 'root' | 'intermediate' | 'device';

export interface RoledCertificate {
  readonly role: CertificateRole;
  readonly summary: CertificateSummary;
}

const isInlinePem = (entry: string) => entry.trimStart().startsWith('-----BEGIN');

async function entryBytes(entry: string, baseDir: string): Promise<Result<Buffer>> {
  if (isInlinePem(entry)) return ok(Buffer.from(entry, 'latin1'));
  const path = isAbsolute(entry) ? entry : resolve(baseDir, entry);
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_IMPORT_BYTES) return err('bundle.certificate-too-large', `${path} is too large to be a certificate`);
    return ok(bytes);
  } catch (error) {
    return err('bundle.certificate-unreadable', `Cannot read the certificate ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'Check the path in the Certificates step; it is relative to the settings file.');
  }
}

/** PEM of every certificate in one entry (a .p7b may hold several). Private keys are never carried. */
async function entryPem(entry: string, baseDir: string, role: CertificateRole): Promise<Result<RoledCertificate[]>> {
  const bytes = await entryBytes(entry, baseDir);
  if (!bytes.ok) return bytes;
  if (bytes.value.toString('latin1').includes('PRIVATE KEY-----')) {
    return err('bundle.private-key', `The ${role} certificate entry holds a private key`, 'Give the public certificate only (.cer/.crt/.pem without the key); a device private key is never needed.');
  }
  const decoded = decodeCertificates({ bytes: bytes.value });
  if (!decoded.ok) {
    return err(decoded.error.code, `The ${role} certificate: ${decoded.error.message}`, decoded.error.code.includes('pfx') ? 'Import the PFX in the Certificates step first: it keeps only the public certificate.' : decoded.error.remedy);
  }
  return ok(decoded.value.certificates.map((c) => ({ role, summary: c.summary })));
}

/**
 * The settings with every certificate entry replaced by inline PEM, so that a bundle stands
 * alone on another machine, and the certificates it holds.
 */
export async function inlineCertificates(settings: Settings, baseDir: string): Promise<Result<{ settings: Settings; certificates: RoledCertificate[] }>> {
  const all: RoledCertificate[] = [];
  const convert = async (entries: readonly string[], role: CertificateRole): Promise<Result<string[]>> => {
    const out: string[] = [];
    for (const entry of entries) {
      const certs = await entryPem(entry, baseDir, role);
      if (!certs.ok) return certs;
      all.push(...certs.value);
      out.push(certs.value.map((c) => c.summary.pem.trim()).join('\n'));
    }
    return ok(out);
  };
  const roots = await convert(settings.certificates.roots, 'root');
  if (!roots.ok) return roots;
  const intermediates = await convert(settings.certificates.intermediates, 'intermediate');
  if (!intermediates.ok) return intermediates;
  const device = settings.certificates.deviceCertificate.trim() === '' ? ok<string[]>([]) : await convert([settings.certificates.deviceCertificate], 'device');
  if (!device.ok) return device;
  return ok({
    settings: { ...settings, certificates: { ...settings.certificates, roots: roots.value, intermediates: intermediates.value, deviceCertificate: device.value[0] ?? '' } },
    certificates: all,
  });
}

/** On import every entry must already be inline PEM: a bundle must not point at files of the importing machine. */
export function inlineOnly(settings: Settings): Result<RoledCertificate[]> {
  const entries: Array<[string, CertificateRole]> = [
    ...settings.certificates.roots.map((e): [string, CertificateRole] => [e, 'root']),
    ...settings.certificates.intermediates.map((e): [string, CertificateRole] => [e, 'intermediate']),
    ...(settings.certificates.deviceCertificate === '' ? [] : [[settings.certificates.deviceCertificate, 'device'] as [string, CertificateRole]]),
  ];
  const out: RoledCertificate[] = [];
  for (const [entry, role] of entries) {
    if (!isInlinePem(entry) || entry.includes('PRIVATE KEY-----')) return err('bundle.damaged', `The bundle's ${role} certificate is not an inline public certificate`);
    const decoded = decodeCertificates({ bytes: Buffer.from(entry, 'latin1') });
    if (!decoded.ok) return err('bundle.damaged', `The bundle's ${role} certificate cannot be read: ${decoded.error.message}`);
    out.push(...decoded.value.certificates.map((c) => ({ role, summary: c.summary })));
  }
  return ok(out);
}
