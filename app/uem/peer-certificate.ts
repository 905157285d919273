import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';

/** The server certificate as a person compares it with the console's: who, issued by whom, which one exactly. */
export interface CertificateSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly fingerprintSha256: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly subjectAltNames: string;
}

function distinguishedName(fields: Readonly<Record<string, string | string[] | undefined>> | undefined): string {
  if (!fields) return '(none)';
  const parts = Object.entries(fields).flatMap(([key, value]) =>
    value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => `${key}=${v}`),
  );
  return parts.length === 0 ? '(empty)' : parts.join(', ');
}

export function summarizeCertificate(cert: PeerCertificate | DetailedPeerCertificate): CertificateSummary | null {
  // getPeerCertificate() returns an empty object when the peer sent none.
  if (!cert || cert.raw === undefined) return null;
  return {
    subject: distinguishedName(cert.subject as unknown as Record<string, string>),
    issuer: distinguishedName(cert.issuer as unknown as Record<string, string>),
    fingerprintSha256: cert.fingerprint256,
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    subjectAltNames: cert.subjectaltname ?? '(none)',
  };
}

/** One evidence line per field, for checks and error messages. */
export function describeCertificate(summary: CertificateSummary): string[] {
  return [
    `server certificate subject: ${summary.subject}`,
    `server certificate issuer: ${summary.issuer}`,
    `server certificate SHA-256 fingerprint: ${summary.fingerprintSha256}`,
    `server certificate valid: ${summary.validFrom} to ${summary.validTo}`,
    `server certificate names: ${summary.subjectAltNames}`,
  ];
}
