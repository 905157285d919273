import type { CheckResult } from '../contract/check-result';
import type { CertificateSummary } from '../contract/certificate-summary';
import { escapeHtml } from './html-escape';
import { rollup, STATUS_COLOUR, STATUS_WORD } from './status-rollup';

export interface ChainCertificate {
  readonly role: 'root' | 'intermediate' | 'device';
  readonly summary: CertificateSummary;
}

/**
 * The certificate chain from the root down to the device, each certificate with the CRLs it
 * points to. A CRL's colour is that of the CRL checks: per-URL results live in their evidence.
 */
export function chainDiagram(chain: readonly ChainCertificate[], checks: readonly CheckResult[]): string {
  if (chain.length === 0) return '<p class="muted">No certificates were given.</p>';
  const crlStatus = rollup(checks, ['pki.crl-reachable', 'pki.crl-valid', 'pki.not-revoked']);
  const items = chain.map((c, i) => {
    const s = c.summary;
    const crls = [...s.cdp.map((u) => ['CRL', u] as const), ...s.freshestCrl.map((u) => ['delta CRL', u] as const)];
    const crlList =
      crls.length === 0
        ? `<div class="crl muted">${c.role === 'root' ? 'no CDP (normal for a root)' : 'no CDP'}</div>`
        : crls
            .map(
              ([kind, url]) =>
                `<div class="crl" style="border-color:${STATUS_COLOUR[crlStatus]}"><b>${kind}</b> ${escapeHtml(url)} <span style="color:${STATUS_COLOUR[crlStatus]}">${STATUS_WORD[crlStatus]}</span></div>`,
            )
            .join('');
    return `<div class="cert-row">
  ${i > 0 ? '<div class="arrow" aria-hidden="true">↓ issued</div>' : ''}
  <div class="cert-line"><div class="cert"><div class="role">${c.role}</div><div class="subject">${escapeHtml(s.subject)}</div>
  <div class="muted">valid ${escapeHtml(s.notBefore.slice(0, 10))} to ${escapeHtml(s.notAfter.slice(0, 10))} · ${escapeHtml(s.keyAlgorithm)}</div>
  ${s.san.upn.length > 0 ? `<div>UPN ${s.san.upn.map(escapeHtml).join(', ')}</div>` : ''}
  <div class="fp">SHA-256 ${escapeHtml(s.sha256Fingerprint)}</div></div>
  <div class="crls">${crlList}</div></div>
</div>`;
  });
  return `<div class="chain">${items.join('\n')}</div>`;
}
