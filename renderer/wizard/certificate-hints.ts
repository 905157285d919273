import type { CertificateSummary } from '../../app/contract/core-api';

export type CertificateRole = 'root' | 'intermediate' | 'device';

/**
 * What is visibly wrong with a certificate in the place it was put, said at once; the pki.*
 * checks on the Verify step judge the rest (chain, CRLs, revocation).
 */
export function certificateHints(role: CertificateRole, summary: CertificateSummary, now = Date.now()): string[] {
  const hints: string[] = [];
  if (now > Date.parse(summary.notAfter)) hints.push('It has expired.');
  else if (now < Date.parse(summary.notBefore)) hints.push('It is not valid yet.');
  if (role === 'device') {
    if (summary.isCa) hints.push('This is a CA certificate: put it under Root CA or Intermediate CAs, and a device certificate here.');
    if (summary.san.upn.length === 0) hints.push('Its subject alternative name has no UPN, so no user can be found for the device.');
    if (summary.eku !== null && !summary.eku.some((e) => e === 'Client Authentication' || e === 'Any Purpose')) {
      hints.push('Its extended key usage does not include Client Authentication.');
    }
  } else {
    if (!summary.isCa) hints.push('This is not a CA certificate (basic constraints CA:FALSE or absent).');
    if (role === 'root' && !summary.selfIssued) hints.push(`It is not self-issued: its issuer is ${summary.issuer}. The root is the top of the chain.`);
  }
  return hints;
}
