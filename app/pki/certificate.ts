import { X509Certificate as NodeCertificate } from 'node:crypto';
import { err, ok, type Result } from '../contract/result';
import { DerError, TAG, children, decodeTimeAt, expectTlv, readWhole, slice, type Tlv } from './der';
import { EKU_NAMES } from './oids';
import type { CertificateSummary } from '../contract/certificate-summary';
import {
  EXTENSION,
  authorityInfoAccess,
  authorityKeyId,
  distributionPointUrls,
  extendedKeyUsages,
  extensionValue,
  extensionValues,
  isCa,
  subjectAltNames,
  subjectKeyId,
} from './x509-extensions';
import { formatName, nameTextAt } from './x509-name';

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

/**
 * A certificate read with Node's X509Certificate (key, fingerprint, signature checks) and our
 * DER reader (names and extensions, as text the product has always shown): no ASN.1 library
 * to load, which was a third of a `verify` process's time (issue 21).
 */
export function parseCertificate(der: Uint8Array): Result<Certificate> {
  const bytes = Buffer.from(der);
  let tbs: Tbs;
  try {
    tbs = tbsOf(bytes);
  } catch (e) {
    return err('pki.cert.malformed', `Not a DER X.509 certificate: ${(e as Error).message}`);
  }
  let node: NodeCertificate;
  try {
    node = new NodeCertificate(bytes);
  } catch (e) {
    return err('pki.cert.malformed', `The certificate cannot be read: ${(e as Error).message}`);
  }
  try {
    return ok(summarise(bytes, node, tbs));
  } catch (e) {
    // node:crypto decodes the public key only when asked; a damaged key or name surfaces here.
    return err('pki.cert.malformed', `The certificate cannot be read: ${(e as Error).message}`);
  }
}

interface Tbs {
  readonly fields: readonly Tlv[];
  readonly issuer: Tlv;
  readonly validity: Tlv;
  readonly subject: Tlv;
}

function summarise(bytes: Buffer, node: NodeCertificate, tbs: Tbs): Certificate {
  const extensions = extensionValues(bytes, tbs.fields);
  /** One extension, decoded; null when absent. A present but undecodable one is shown as absent: the checks that need it then say so. */
  const extension = <T>(oid: string, read: (buf: Uint8Array, value: Tlv) => T): T | null => {
    const octets = extensions.get(oid);
    if (octets === undefined) return null;
    try {
      return read(bytes, extensionValue(bytes, octets));
    } catch {
      return null;
    }
  };
  const ekuOids = extension(EXTENSION.extKeyUsage, extendedKeyUsages);
  const [notBefore, notAfter] = validityOf(bytes, tbs.validity, node);
  const subjectDer = Buffer.from(slice(bytes, tbs.subject));
  const issuerDer = Buffer.from(slice(bytes, tbs.issuer));
  const summary: CertificateSummary = {
    subject: nameTextAt(bytes, tbs.subject),
    issuer: nameTextAt(bytes, tbs.issuer),
    serialNumber: node.serialNumber.toUpperCase(),
    notBefore,
    notAfter,
    san: sanOf(bytes, extensions.get(EXTENSION.subjectAltName)),
    eku: ekuOids === null ? null : ekuOids.map((o) => EKU_NAMES[o] ?? o),
    cdp: extension(EXTENSION.crlDistributionPoints, distributionPointUrls) ?? [],
    freshestCrl: extension(EXTENSION.freshestCrl, distributionPointUrls) ?? [],
    aia: extension(EXTENSION.authorityInfoAccess, authorityInfoAccess) ?? { caIssuers: [], ocsp: [] },
    sha256Fingerprint: node.fingerprint256,
    isCa: extension(EXTENSION.basicConstraints, isCa) ?? false,
    selfIssued: subjectDer.equals(issuerDer),
    keyAlgorithm: keyAlgorithm(node),
    subjectKeyId: extension(EXTENSION.subjectKeyIdentifier, subjectKeyId),
    authorityKeyId: extension(EXTENSION.authorityKeyIdentifier, authorityKeyId),
    pem: node.toString(),
  };
  return { der: bytes, node, summary, subjectDer, issuerDer, ekuOids };
}

/** Certificate ::= SEQUENCE { tbs SEQUENCE { [0] version, serial, signature, issuer, validity, subject, …, [3] extensions } … } */
function tbsOf(bytes: Buffer): Tbs {
  const outer = readWhole(bytes, 0, bytes.length, TAG.sequence, 'Certificate');
  const tbs = expectTlv(bytes, outer.contentStart, outer.end, TAG.sequence, 'TBSCertificate');
  const fields = children(bytes, tbs);
  if (fields.some((f) => f.tag === TAG.utcTime || f.tag === TAG.generalizedTime)) {
    throw new DerError('der.bad-value', tbs.start, 'this is a certificate revocation list (CRL), not a certificate');
  }
  const offset = fields[0]?.tag === TAG.context0 ? 1 : 0;
  const issuer = fields[offset + 2];
  const validity = fields[offset + 3];
  const subject = fields[offset + 4];
  if (issuer?.tag !== TAG.sequence || subject?.tag !== TAG.sequence) {
    throw new DerError('der.bad-value', tbs.start, 'TBSCertificate has no issuer or subject Name');
  }
  if (validity?.tag !== TAG.sequence) throw new DerError('der.bad-value', tbs.start, 'TBSCertificate has no Validity');
  return { fields, issuer, validity, subject };
}

/**
 * Validity as ISO texts. RFC 5280's strict forms are read exactly; an older, looser encoding
 * (no seconds, fractions) falls back to the dates OpenSSL read.
 */
function validityOf(bytes: Buffer, validity: Tlv, node: NodeCertificate): [string, string] {
  const [from, to] = children(bytes, validity);
  const at = (t: Tlv | undefined, fallback: string): string => {
    try {
      if (t === undefined) throw new DerError('der.bad-value', validity.start, 'Validity lacks a time');
      return new Date(decodeTimeAt(bytes, t.tag, t.contentStart, t.end)).toISOString();
    } catch {
      return new Date(fallback).toISOString();
    }
  };
  return [at(from, node.validFrom), at(to, node.validTo)];
}

function sanOf(bytes: Buffer, octets: Tlv | undefined): CertificateSummary['san'] {
  const san = { upn: [] as string[], email: [] as string[], dns: [] as string[], uri: [] as string[], other: [] as string[] };
  if (octets === undefined) return san;
  try {
    for (const n of subjectAltNames(bytes, extensionValue(bytes, octets))) {
      if (n.type === 'upn') san.upn.push(n.value);
      else if (n.type === 'email') san.email.push(n.value);
      else if (n.type === 'dns') san.dns.push(n.value);
      else if (n.type === 'url') san.uri.push(n.value);
      else san.other.push(`${n.type}:${n.value}`);
    }
  } catch (e) {
    // One name the summary cannot show makes the whole extension undecodable, as it always did.
    return { upn: [], email: [], dns: [], uri: [], other: [`undecodable: ${(e as Error).message}`] };
  }
  return san;
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

/** A Name's DER as the same text certificate subjects are shown in. */
export function nameText(der: Buffer): string {
  try {
    return formatName(der);
  } catch {
    return `(undecodable name, ${der.length} bytes)`;
  }
}
