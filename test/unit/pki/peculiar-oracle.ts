import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { X509Certificate as NodeCertificate } from 'node:crypto';
import type { CertificateSummary } from '../../../app/contract/certificate-summary';
import { EKU_NAMES, OID } from '../../../app/pki/oids';

/**
 * The certificate summary as app/pki/certificate.ts made it with @peculiar/x509 until issue 21
 * replaced that library on the verify path with our DER reader: the oracle the parity tests
 * compare the new reader with. The key algorithm, fingerprint, serial and PEM came from
 * node:crypto then as now, so they are not part of the comparison.
 */
export type OracleSummary = Omit<CertificateSummary, 'keyAlgorithm' | 'sha256Fingerprint' | 'serialNumber' | 'pem' | 'selfIssued'>;

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

const urls = (names: readonly x509.GeneralName[]): string[] => names.filter((n) => n.type === 'url').map((n) => n.value);

function sanOf(cert: x509.X509Certificate): CertificateSummary['san'] {
  const san = { upn: [] as string[], email: [] as string[], dns: [] as string[], uri: [] as string[], other: [] as string[] };
  let ext: x509.Extension | null;
  try {
    ext = cert.getExtension('2.5.29.17');
  } catch {
    ext = null;
  }
  if (ext === null) return san;
  try {
    for (const n of new x509.SubjectAlternativeNameExtension(ext.rawData).names.items) {
      if (n.type === 'upn') san.upn.push(n.value);
      else if (n.type === 'email') san.email.push(n.value);
      else if (n.type === 'dns') san.dns.push(n.value);
      else if (n.type === 'url') san.uri.push(n.value);
      else san.other.push(`${n.type}:${n.value}`);
    }
  } catch (e) {
    san.other.push(`undecodable: ${(e as Error).message}`);
  }
  return san;
}

/** The old summary, or the Error the old parser threw. */
export function oracleSummary(der: Uint8Array): OracleSummary | Error {
  try {
    new NodeCertificate(Buffer.from(der));
    const cert = new x509.X509Certificate(Uint8Array.from(der).buffer);
    const ekuOids = extension(cert, x509.ExtendedKeyUsageExtension, (e) => e.usages.map(String));
    return {
      subject: cert.subject,
      issuer: cert.issuer,
      notBefore: cert.notBefore.toISOString(),
      notAfter: cert.notAfter.toISOString(),
      san: sanOf(cert),
      eku: ekuOids === null ? null : ekuOids.map((o) => EKU_NAMES[o] ?? o),
      cdp: extension(cert, x509.CRLDistributionPointsExtension, cdpUrls) ?? [],
      freshestCrl: extension(cert, OID.freshestCrl, (e) => cdpUrls(new x509.CRLDistributionPointsExtension(e.rawData))) ?? [],
      aia: extension(cert, x509.AuthorityInfoAccessExtension, (e) => ({ caIssuers: urls(e.caIssuers), ocsp: urls(e.ocsp) })) ?? { caIssuers: [], ocsp: [] },
      isCa: extension(cert, x509.BasicConstraintsExtension, (e) => e.ca) ?? false,
      subjectKeyId: extension(cert, x509.SubjectKeyIdentifierExtension, (e) => e.keyId.toLowerCase()),
      authorityKeyId: extension(cert, x509.AuthorityKeyIdentifierExtension, (e) => e.keyId?.toLowerCase() ?? null),
    };
  } catch (e) {
    return e as Error;
  }
}

/** A Name's text as the old code made it, or the Error it threw. */
export function oracleNameText(der: Uint8Array): string | Error {
  try {
    return new x509.Name(Uint8Array.from(der).buffer).toString();
  } catch (e) {
    return e as Error;
  }
}
