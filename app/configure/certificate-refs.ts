import { X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { err, ok, type Result } from '../api/result';

/** A certificate named in the settings: a file path (relative to the settings file) or inline PEM. */
export interface CertificateRef {
  /** The file name a script refers to: the entry's own name, or `<role>-<n>.cer` for inline PEM. */
  readonly fileName: string;
  readonly inline: boolean;
  readonly der: Buffer;
  readonly subject: string;
  /** SHA-1 thumbprint, upper-case hex without separators: the registry and certutil use this form. */
  readonly thumbprint: string;
}

const PEM = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/;

function derOf(bytes: Buffer): Buffer {
  const pem = PEM.exec(bytes.toString('latin1'));
  return pem ? Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64') : bytes;
}

export function isInlinePem(entry: string): boolean {
  return entry.includes('-----BEGIN CERTIFICATE-----');
}

export async function loadCertificateRef(entry: string, baseDir: string, role: string, index: number): Promise<Result<CertificateRef>> {
  const inline = isInlinePem(entry);
  let bytes: Buffer;
  try {
    bytes = inline ? Buffer.from(entry, 'latin1') : await fs.readFile(isAbsolute(entry) ? entry : resolve(baseDir, entry));
  } catch {
    return err('cert.unreadable', `The certificate file ${entry} cannot be read.`, 'Check the path in the Certificates step (paths are relative to the settings file).');
  }
  try {
    const cert = new X509Certificate(derOf(bytes));
    return ok({
      fileName: inline ? `${role}-${index + 1}.cer` : basename(entry),
      inline,
      der: Buffer.from(cert.raw),
      subject: cert.subject.replace(/\n/g, ', '),
      thumbprint: cert.fingerprint.replace(/:/g, '').toUpperCase(),
    });
  } catch {
    return err('cert.unparseable', `${inline ? `Inline certificate ${index + 1}` : entry} is not a certificate (PEM or DER).`, 'Export the CA certificate as .cer (DER or Base-64).');
  }
}

export function pemOf(der: Buffer): string {
  const body = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}
