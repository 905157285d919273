import type { CrlCertFacts, CrlChainFacts, CrlDownloadFacts, CrlFacts } from '../../../../app/checks/pki/crl-facts';
import { recordedFacts } from '../../../support/facts';

/** Facts of the CRL checks, derived from a recording: the three checks gather the same. */
export type Chain = CrlChainFacts & { readonly certificates: readonly CrlCertFacts[] };

export function crlFacts(scenario: string, id: 'pki.crl-reachable' | 'pki.crl-valid' | 'pki.not-revoked'): Chain {
  const f = recordedFacts<CrlChainFacts>(scenario, id);
  if (f.certificates === null) throw new Error(`${scenario}/${id}: no chain was recorded`);
  return { ...f, certificates: f.certificates };
}

/** The facts with one certificate (by index in the chain) changed. */
export function withCert(f: Chain, i: number, change: (c: CrlCertFacts) => CrlCertFacts): Chain {
  return { ...f, certificates: f.certificates.map((c, j) => (j === i ? change(c) : c)) };
}

/** The facts with every downloaded CRL of the certificate at `i` that `which` picks changed. */
export function withCrl(f: Chain, i: number, which: 'base' | 'delta', change: Partial<CrlFacts>): Chain {
  const edit = (d: CrlDownloadFacts): CrlDownloadFacts => (d.ok ? { ...d, crl: { ...d.crl, ...change } } : d);
  return withCert(f, i, (c) => ({ ...c, [which]: c[which].map(edit) }));
}

/** The facts with the certificate's downloads of one kind replaced by a failed download. */
export function failedDownload(f: Chain, i: number, which: 'base' | 'delta', error: Extract<CrlDownloadFacts, { ok: false }>['error']): Chain {
  return withCert(f, i, (c) => ({ ...c, [which]: c[which].map((d) => ({ url: d.url, kind: d.kind, ok: false, error })) }));
}
