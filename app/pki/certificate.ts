import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { X509Certificate as NodeCertificate } from 'node:crypto';
import { err, ok, type Result } from '../contract/result';
import { DerError, TAG, children, expectTlv, readWhole, slice } from './der';
import { EKU_NAMES, OID } from './oids';
import type { CertificateSummary } from '../contract/certificate-summary';

/** A parsed public certificate: the summary plus what chain building and CRL checks need. */
export interface Certificate {
  readonly der: Buffer;
  readonly node: NodeCertificate;
  readonly summary: CertificateSummary;
  /** DER of the subject and issuer Names, compared byte for byte with a CRL's issuer. */
  readonly subjectDer: Buffer;
  readonly issuerDer: Buffer;
  readonly ekuOids: readonly string[] | null;
}

export function parseCertificate(der: Uint8Array): Result<Certificate> {
  const bytes = Buffer.from(der);
  let names: { subject: Buffer; issuer: Buffer };
  try {
    names = namesOf(bytes);
  } catch (e) {
    return err('pki.cert.malformed', `Not a DER X.509 certificate: ${(e as Error).message}`);
  }
  let node: NodeCertificate;
  let cert: x509.X509Certificate;
  try {
    node = new NodeCertificate(bytes);
    cert = new x509.X509Certificate(bytes);
  } catch (e) {
    return err('pki.cert.malformed', `The certificate cannot be read: ${(e as Error).message}`);
  }
  try {
    return ok(summarise(bytes, node, cert, names));
  } catch (e) {
    // node:crypto decodes the public key only when asked; a damaged key surfaces here.
    return err('pki.cert.malformed', `The certificate cannot be read: ${(e as Error).message}`);
  }
}

function summarise(bytes: Buffer, node: NodeCertificate, cert: x509.X509Certificate, names: { subject: Buffer; issuer: Buffer }): Certificate {
  const ekuOids = extension(cert, x509.ExtendedKeyUsageExtension, (e) => e.usages.map(String));
  const summary: CertificateSummary = {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: node.serialNumber.toUpperCase(),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    san: sanOf(cert),
    eku: ekuOids === null ? null : ekuOids.map((o) => EKU_NAMES[o] ?? o),
    cdp: extension(cert, x509.CRLDistributionPointsExtension, cdpUrls) ?? [],
    freshestCrl: extension(cert, OID.freshestCrl, (e) => cdpUrls(new x509.CRLDistributionPointsExtension(e.rawData))) ?? [],
    aia: extension(cert, x509.AuthorityInfoAccessExtension, (e) => ({ caIssuers: urls(e.caIssuers), ocsp: urls(e.ocsp) })) ?? { caIssuers: [], ocsp: [] },
    sha256Fingerprint: node.fingerprint256,
    isCa: extension(cert, x509.BasicConstraintsExtension, (e) => e.ca) ?? false,
    selfIssued: names.subject.equals(names.issuer),
    keyAlgorithm: keyAlgorithm(node),
    subjectKeyId: extension(cert, x509.SubjectKeyIdentifierExtension, (e) => e.keyId.toLowerCase()),
    authorityKeyId: extension(cert, x509.AuthorityKeyIdentifierExtension, (e) => e.keyId?.toLowerCase() ?? null),
    pem: node.toString(),
  };
  return { der: bytes, node, summary, subjectDer: names.subject, issuerDer: names.issuer, ekuOids };
}

/** Certificate ::= SEQUENCE { tbs SEQUENCE { [0] version, serial, signature, issuer, validity, subject, … } … } */
function namesOf(bytes: Buffer): { subject: Buffer; issuer: Buffer } {
  const outer = readWhole(bytes, 0, bytes.length, TAG.sequence, 'Certificate');
  const tbs = expectTlv(bytes, outer.contentStart, outer.end, TAG.sequence, 'TBSCertificate');
  const fields = children(bytes, tbs);
  if (fields.some((f) => f.tag === TAG.utcTime || f.tag === TAG.generalizedTime)) {
    throw new DerError('der.bad-value', tbs.start, 'this is a certificate revocation list (CRL), not a certificate');
  }
  const offset = fields[0]?.tag === TAG.context0 ? 1 : 0;
  const issuer = fields[offset + 2];
  const subject = fields[offset + 4];
  if (issuer?.tag !== TAG.sequence || subject?.tag !== TAG.sequence) {
    throw new DerError('der.bad-value', tbs.start, 'TBSCertificate has no issuer or subject Name');
  }
  return { issuer: Buffer.from(slice(bytes, issuer)), subject: Buffer.from(slice(bytes, subject)) };
}

/**
 * One extension, decoded; null when absent. A present but undecodable extension is shown
 * as absent rather than failing the whole import: the checks that need it then say so.
 */
function extension<E extends x509.Extension, T>(cert: x509.X509Certificate, type: (new (raw: BufferSource) => E) | string, read: (e: E) => T): T | null {
  try {
    const found = typeof type === 'string' ? cert.getExtension<E>(type) : cert.getExtension(type);
    return found === null ? null : read(found);
  } catch {
    return null;
  }
}

function cdpUrls(e: x509.CRLDistributionPointsExtension): string[] {
  return e.distributionPoints.flatMap((dp) =>
    (dp.distributionPoint?.fullName ?? []).flatMap((name) => (name.uniformResourceIdentifier === undefined ? [] : [name.uniformResourceIdentifier])),
  );
}

function urls(names: readonly x509.GeneralName[]): string[] {
  return names.filter((n) => n.type === 'url').map((n) => n.value);
}

function sanOf(cert: x509.X509Certificate): CertificateSummary['san'] {
  const upn: string[] = [];
  const email: string[] = [];
  const dns: string[] = [];
  const uri: string[] = [];
  const other: string[] = [];
  let ext: x509.Extension | null;
  try {
    ext = cert.getExtension('2.5.29.17');
  } catch {
    ext = null;
  }
  if (ext === null) return { upn, email, dns, uri, other };
  try {
    const names = new x509.SubjectAlternativeNameExtension(ext.rawData).names.items;
    for (const n of names) {
      if (n.type === 'upn') upn.push(n.value);
      else if (n.type === 'email') email.push(n.value);
      else if (n.type === 'dns') dns.push(n.value);
      else if (n.type === 'url') uri.push(n.value);
      else other.push(`${n.type}:${n.value}`);
    }
  } catch (e) {
    other.push(`undecodable: ${(e as Error).message}`);
  }
  return { upn, email, dns, uri, other };
}

function keyAlgorithm(node: NodeCertificate): string {
  const key = node.publicKey;
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'ec') return `EC ${details?.namedCurve ?? ''}`.trim();
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    return `${key.asymmetricKeyType.toUpperCase()} ${details?.modulusLength ?? '?'}`;
  }
  return key.asymmetricKeyType ?? 'unknown';
}

/** Whether `issuer` issued `cert`: names match, key identifiers agree, and the signature verifies. */
export function issuedBy(cert: Certificate, issuer: Certificate): boolean {
  if (!cert.issuerDer.equals(issuer.subjectDer) && cert.summary.issuer !== issuer.summary.subject) return false;
  const aki = cert.summary.authorityKeyId;
  const ski = issuer.summary.subjectKeyId;
  if (aki !== null && ski !== null && aki !== ski) return false;
  return verifiedBy(cert, issuer);
}

export function verifiedBy(cert: Certificate, issuer: Certificate): boolean {
  try {
    return cert.node.verify(issuer.node.publicKey);
  } catch {
    return false;
  }
}

/** A Name's DER as the same text @peculiar/x509 gives for certificate subjects. */
export function nameText(der: Buffer): string {
  try {
    return new x509.Name(arrayBuffer(der)).toString();
  } catch {
    return `(undecodable name, ${der.length} bytes)`;
  }
}

/** A copy of the bytes as an ArrayBuffer, the BufferSource @peculiar/x509 accepts. */
export function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return Uint8Array.from(bytes).buffer;
}
