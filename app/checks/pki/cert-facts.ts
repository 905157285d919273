import type { Certificate } from '../../pki/certificate';
import type { CertificateSummary } from '../../contract/certificate-summary';

/** A certificate as the PKI checks' facts record it: its summary, without the PEM the judges never read. */
export type CertFacts = Omit<CertificateSummary, 'pem'>;

export function certFacts(cert: Certificate): CertFacts {
  const { pem: _pem, ...rest } = cert.summary;
  return rest;
}

/** The time a gather ran at: judges compare validity periods with it, not with their own clock. */
export function checkedAt(): string {
  return new Date().toISOString();
}
