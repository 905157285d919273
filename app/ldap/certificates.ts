import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { createHash, X509Certificate as NodeX509 } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { SubjectAlternativeNameExtension, X509Certificate } from '@peculiar/x509';
import { err, ok, type Result } from '../api/result';

/**
 * The little certificate handling the directory checks need: the CA certificates that the
 * DC's TLS certificate must chain to, the NTAuth comparison by bytes, and the UPN of the
 * device certificate. Full chain building and PFX import belong to app/pki/.
 */

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;

/** Every certificate in a PEM text or one DER blob. */
export function certificatesIn(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1');
  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64'));
  if (blocks.length > 0) return blocks;
  return bytes[0] === 0x30 ? [bytes] : [];
}

/** A certificate entry of the settings: inline PEM, or a file path relative to the settings file. */
export async function loadCertificateRef(ref: string, baseDir: string): Promise<Result<Buffer[]>> {
  if (ref.includes('-----BEGIN')) {
    const found = certificatesIn(Buffer.from(ref, 'latin1'));
    return found.length > 0 ? ok(found) : err('cert.bad-pem', 'An inline certificate is not valid PEM', 'Paste the whole PEM block, BEGIN and END lines included.');
  }
  const path = isAbsolute(ref) ? ref : resolve(baseDir, ref);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return err('cert.unreadable', `Cannot read the certificate file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'Check the path in the Certificates step; relative paths start at the settings file.');
  }
  const found = certificatesIn(bytes);
  if (found.length === 0) return err('cert.bad-file', `${path} holds no PEM or DER certificate`, 'Export the certificate as Base-64 (PEM) or DER (.cer).');
  for (const der of found) {
    try {
      new NodeX509(der);
    } catch {
      return err('cert.bad-file', `${path} holds something that is not an X.509 certificate`, 'Export the certificate as Base-64 (PEM) or DER (.cer).');
    }
  }
  return ok(found);
}

/** The root and intermediate CA certificates of the Certificates step, DER, in order. */
export async function loadCaCertificates(refs: readonly string[], baseDir: string): Promise<Result<Buffer[]>> {
  const all: Buffer[] = [];
  for (const ref of refs) {
    const loaded = await loadCertificateRef(ref, baseDir);
    if (!loaded.ok) return loaded;
    all.push(...loaded.value);
  }
  return ok(all);
}

export function toPem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

/** SHA-1 thumbprint as Windows shows it (certutil, the MMC): upper-case hex. */
export function thumbprint(der: Uint8Array): string {
  return createHash('sha1').update(der).digest('hex').toUpperCase();
}

export function subjectOf(der: Buffer): string {
  return new NodeX509(der).subject.replace(/\n/g, ', ');
}

/**
 * The user principal names in a certificate's SAN (otherName 1.3.6.1.4.1.311.20.2.3):
 * what AD's certificate mapping and the SEG use to find the user.
 */
export function upnsOf(der: Buffer): Result<string[]> {
  try {
    const cert = new X509Certificate(new Uint8Array(der));
    const san = cert.getExtension(SubjectAlternativeNameExtension);
    return ok(san === null ? [] : san.names.items.filter((n) => n.type === 'upn').map((n) => n.value));
  } catch (error) {
    return err('cert.unparsable', `The device certificate cannot be read (${(error as Error).message})`, 'Give the device certificate as PEM or DER in the Certificates step.');
  }
}
