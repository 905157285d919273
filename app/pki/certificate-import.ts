import { err, ok, type Result } from '../contract/result';
import type { Secret } from '../config/secrets';
import { TAG, children, decodeOid, readTlv, readWhole } from './der';
import { parseCertificate, type Certificate } from './certificate';
import { type CertificateSummary } from '../contract/certificate-summary';
import { OID } from './oids';
import { certificatesFromPfx } from './pfx';

/** Bigger than any real certificate bundle; a guard against a wrong file, not a limit anyone meets. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const MAX_CERTIFICATES = 256;

export type ContainerFormat = 'pem' | 'der' | 'pkcs7' | 'pfx';

export interface ImportInput {
  /** The file's bytes: PEM (certificates or PKCS#7), DER certificate, PKCS#7 (.p7b/.p7c) or PFX/P12. */
  readonly bytes: Uint8Array;
  /** Only for PFX/P12. The private keys in it are decrypted by the PFX reader and dropped at once. */
  readonly password?: Secret;
}

export interface ImportedCertificates {
  readonly format: ContainerFormat;
  readonly certificates: readonly Certificate[];
}

/**
 * What the API's importCertificates returns: one summary per public certificate in the file,
 * in file order. Private keys are never returned, kept or counted.
 */
export async function importCertificates(input: ImportInput): Promise<Result<{ format: ContainerFormat; certificates: CertificateSummary[] }>> {
  const decoded = await decodeCertificates(input);
  if (!decoded.ok) return decoded;
  return ok({ format: decoded.value.format, certificates: decoded.value.certificates.map((c) => c.summary) });
}

export async function decodeCertificates(input: ImportInput): Promise<Result<ImportedCertificates>> {
  const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  if (bytes.length === 0) return err('pki.import.empty', 'The file is empty.', 'Choose the certificate file (.cer, .crt, .pem, .p7b or .pfx).');
  if (bytes.length > MAX_IMPORT_BYTES) {
    return err(
      'pki.import.too-large',
      `The file is ${bytes.length} bytes; certificate files are far smaller.`,
      'Choose the certificate file itself, not an archive or a CRL.',
    );
  }
  const text = asText(bytes);
  if (text !== null && text.includes('-----BEGIN')) return fromPem(text);
  return fromDer(bytes, input.password);
}

/** Text when the bytes are ASCII (PEM), else null. A leading UTF-8 BOM is allowed. */
function asText(bytes: Buffer): string | null {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b > 0x7e || (b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09)) return null;
  }
  return bytes.toString('latin1', start);
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

async function fromPem(text: string): Promise<Result<ImportedCertificates>> {
  const certificates: Certificate[] = [];
  let sawPkcs7 = false;
  let sawRequest = false;
  for (const match of text.matchAll(PEM_BLOCK)) {
    const label = match[1] as string;
    const body = (match[2] as string).replace(/^[A-Za-z-]+:.*$/gm, '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) {
      return err('pki.import.bad-pem', `The ${label} block is not valid Base64.`, 'Export the certificate again as Base-64 encoded X.509 (.CER).');
    }
    const der = Buffer.from(body, 'base64');
    if (label === 'CERTIFICATE' || label === 'X509 CERTIFICATE' || label === 'TRUSTED CERTIFICATE') {
      const cert = parseCertificate(label === 'TRUSTED CERTIFICATE' ? trustedPrefix(der) : der);
      if (!cert.ok) return cert;
      certificates.push(cert.value);
    } else if (label === 'PKCS7' || label === 'CMS') {
      sawPkcs7 = true;
      const inner = await fromPkcs7(der);
      if (!inner.ok) return inner;
      certificates.push(...inner.value);
    } else if (label.includes('CERTIFICATE REQUEST')) {
      sawRequest = true;
    }
    if (certificates.length > MAX_CERTIFICATES) return tooMany();
  }
  if (certificates.length === 0) {
    return sawRequest
      ? err('pki.import.request', 'This is a certificate request, not a certificate.', 'Import the certificate the CA issued for this request.')
      : err('pki.import.no-certificates', 'The file holds no certificate.', 'Choose a file with a BEGIN CERTIFICATE block, or a .cer/.p7b/.pfx file.');
  }
  return ok({ format: sawPkcs7 ? 'pkcs7' : 'pem', certificates });
}

/** OpenSSL's TRUSTED CERTIFICATE is the certificate followed by its trust settings. */
function trustedPrefix(der: Buffer): Buffer {
  try {
    return der.subarray(0, readTlv(der, 0, der.length).end);
  } catch {
    return der;
  }
}

async function fromDer(bytes: Buffer, password: Secret | undefined): Promise<Result<ImportedCertificates>> {
  let first: { tag: number; oid: string | null };
  try {
    const outer = readWhole(bytes, 0, bytes.length, TAG.sequence, 'file');
    const head = readTlv(bytes, outer.contentStart, outer.end);
    first = { tag: head.tag, oid: head.tag === TAG.oid ? decodeOid(bytes, head) : null };
  } catch {
    return unknownFormat();
  }
  if (first.tag === TAG.sequence) {
    const cert = parseCertificate(bytes);
    return cert.ok ? ok({ format: 'der', certificates: [cert.value] }) : cert;
  }
  if (first.oid === OID.pkcs7SignedData) {
    const certs = await fromPkcs7(bytes);
    return certs.ok ? ok({ format: 'pkcs7', certificates: certs.value }) : certs;
  }
  if (first.tag === TAG.integer) {
    const ders = await certificatesFromPfx(bytes, password);
    if (!ders.ok) return ders;
    const certs = parseAll(ders.value);
    return certs.ok ? ok({ format: 'pfx', certificates: certs.value }) : certs;
  }
  return unknownFormat();
}

/**
 * @peculiar/x509 reads PKCS#7 (BER included, as some tools write it); it is loaded here, on the
 * first bundle, since compiling it cost every `verify` process ~100 ms (issue 21).
 */
async function fromPkcs7(der: Buffer): Promise<Result<Certificate[]>> {
  let raws: ArrayBuffer[];
  try {
    // The ContentInfo must be SignedData (RFC 5652 §5.1); certificates-only bundles have no signers.
    const outer = readWhole(der, 0, der.length, TAG.sequence, 'ContentInfo');
    const [type] = children(der, outer);
    if (type === undefined || decodeOid(der, type) !== OID.pkcs7SignedData) return unknownFormat();
    await import('reflect-metadata');
    const x509 = await import('@peculiar/x509');
    raws = new x509.X509Certificates(Uint8Array.from(der).buffer).map((c) => c.rawData);
  } catch (e) {
    return err(
      'pki.import.bad-pkcs7',
      `The PKCS#7 bundle cannot be read: ${(e as Error).message}`,
      'Export the chain again as PKCS #7 (.P7B) or as separate .cer files.',
    );
  }
  if (raws.length === 0) return err('pki.import.no-certificates', 'The PKCS#7 bundle holds no certificate.');
  return parseAll(raws.map((r) => Buffer.from(r)));
}

function parseAll(ders: readonly Uint8Array[]): Result<Certificate[]> {
  if (ders.length > MAX_CERTIFICATES) return tooMany();
  const out: Certificate[] = [];
  for (const der of ders) {
    const cert = parseCertificate(der);
    if (!cert.ok) return cert;
    out.push(cert.value);
  }
  return ok(out);
}

function tooMany<T>(): Result<T> {
  return err(
    'pki.import.too-many',
    `The file holds more than ${MAX_CERTIFICATES} certificates.`,
    'Choose the file with the root, intermediate or device certificate only.',
  );
}

function unknownFormat<T>(): Result<T> {
  return err(
    'pki.import.unknown-format',
    'This is not a certificate file the tool reads (PEM, DER .cer, PKCS#7 .p7b, PFX/P12).',
    'Export the certificate from Windows as DER or Base-64 X.509 (.CER), or the chain as PKCS #7 (.P7B).',
  );
}
