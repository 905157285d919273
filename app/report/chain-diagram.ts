import type { CheckResult } from '../contract/check-result';
import type { CertificateSummary } from '../contract/certificate-summary';
import { escapeHtml } from './html-escape';
import { readCrls } from './crl-status';
import { rollup, STATUS_COLOUR, STATUS_WORD } from './status-rollup';

export interface ChainCertificate {
  readonly role: 'root' | 'intermediate' | 'device';
  readonly summary: CertificateSummary;
}

/**
 * The certificate chain from the root down to the device, each certificate with the CRLs it
 * points to: each base CRL of its CDP and each delta CRL, named by the certificate's Freshest
 * CRL or found through the base CRL's. Each CRL has the colour of what the CRL checks said of
 * its URL; a URL they did not name has the colour of those checks together.
 */
export function chainDiagram(chain: readonly ChainCertificate[], checks: readonly CheckResult[]): string {
  if (chain.length === 0) return '<p class="muted">No certificates were given.</p>';
  const overall = rollup(checks, ['pki.crl-reachable', 'pki.crl-valid', 'pki.not-revoked']);
  const { deltasOf, statusOf } = readCrls(checks);
  const drawn = (kind: 'base' | 'delta', url: string) => {
    // A URL no CRL check named (LDAP, which the SEG cannot use) was not checked, whatever the others say.
    const status = statusOf.get(url) ?? (url.startsWith('http:') ? overall : 'none');
    const label = kind === 'base' ? 'CRL' : 'delta CRL <span class="muted">(Freshest CRL)</span>';
    return `<div class="crl" data-crl-kind="${kind}" data-crl-status="${status}" style="border-color:${STATUS_COLOUR[status]}"><b>${label}</b> ${escapeHtml(url)} <span style="color:${STATUS_COLOUR[status]}">${STATUS_WORD[status]}</span></div>`;
  };
  const items = chain.map((c, i) => {
    const s = c.summary;
    const deltas = [...new Set([...s.freshestCrl, ...s.cdp.flatMap((u) => deltasOf.get(u) ?? [])])];
    const crlList =
      s.cdp.length + deltas.length === 0
        ? `<div class="crl muted">${c.role === 'root' ? 'no CDP (normal for a root)' : 'no CDP'}</div>`
        : [...s.cdp.map((u) => drawn('base', u)), ...deltas.map((u) => drawn('delta', u))].join('');
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
