import type { Result } from '../contract/result';
import { issuedBy, verifiedBy, type Certificate } from './certificate';

export type ChainEnd =
  /** Ends at one of the roots the person gave. */
  | { readonly kind: 'given-root'; readonly root: Certificate }
  /** Ends at a self-signed certificate that is not among the given roots. */
  | { readonly kind: 'other-root'; readonly root: Certificate }
  /** No issuer found for the last certificate, even through its AIA URLs. */
  | { readonly kind: 'incomplete'; readonly last: Certificate };

export interface ChainResult {
  /** Leaf first; the root last when one was reached. */
  readonly certificates: readonly Certificate[];
  readonly end: ChainEnd;
  /** Where each certificate came from: settings or the AIA URL it was fetched from. */
  readonly fetched: ReadonlyMap<Certificate, string>;
  /** Facts worth showing: AIA downloads that failed, issuers whose name matched but signature did not. */
  readonly notes: readonly string[];
}

export type FetchIssuers = (url: string) => Promise<Result<Certificate[]>>;

const MAX_DEPTH = 8;

/**
 * Builds leaf -> root the way CryptoAPI does: an issuer is a certificate whose subject is the
 * child's issuer, whose key identifier matches, and whose key verifies the child's signature.
 * A missing issuer is fetched from the child's AIA caIssuers HTTP URLs.
 */
export async function buildChain(
  leaf: Certificate,
  given: { readonly roots: readonly Certificate[]; readonly intermediates: readonly Certificate[] },
  fetchIssuers: FetchIssuers,
): Promise<ChainResult> {
  const roots = new Set(given.roots.map((r) => r.summary.sha256Fingerprint));
  const pool: Certificate[] = [...given.roots, ...given.intermediates];
  const fetched = new Map<Certificate, string>();
  const notes: string[] = [];
  const chain: Certificate[] = [leaf];
  const seen = new Set([leaf.summary.sha256Fingerprint]);
  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (roots.has(current.summary.sha256Fingerprint)) {
      return { certificates: chain, end: { kind: 'given-root', root: current }, fetched, notes };
    }
    if (current.summary.selfIssued && verifiedBy(current, current)) {
      return { certificates: chain, end: { kind: 'other-root', root: current }, fetched, notes };
    }
    let issuer = findIssuer(current, pool, notes);
    if (issuer === null) {
      for (const url of current.summary.aia.caIssuers.filter((u) => /^https?:/i.test(u))) {
        const got = await fetchIssuers(url);
        if (!got.ok) {
          notes.push(`AIA ${url}: ${got.error.message}`);
          continue;
        }
        for (const cert of got.value) {
          fetched.set(cert, url);
          pool.push(cert);
        }
        issuer = findIssuer(current, got.value, notes);
        if (issuer !== null) break;
      }
    }
    if (issuer === null || seen.has(issuer.summary.sha256Fingerprint)) {
      return { certificates: chain, end: { kind: 'incomplete', last: current }, fetched, notes };
    }
    seen.add(issuer.summary.sha256Fingerprint);
    chain.push(issuer);
    current = issuer;
  }
  notes.push(`the chain is longer than ${MAX_DEPTH} certificates`);
  return { certificates: chain, end: { kind: 'incomplete', last: current }, fetched, notes };
}

function findIssuer(cert: Certificate, pool: readonly Certificate[], notes: string[]): Certificate | null {
  for (const candidate of pool) {
    if (candidate === cert || candidate.summary.sha256Fingerprint === cert.summary.sha256Fingerprint) continue;
    if (issuedBy(cert, candidate)) return candidate;
    const sameName = cert.issuerDer.equals(candidate.subjectDer);
    if (sameName) {
      const note = `${candidate.summary.subject} (${candidate.summary.sha256Fingerprint.slice(0, 23)}…) has the issuer's name but did not sign ${cert.summary.subject}: a renewed CA key, or a different CA with the same name`;
      if (!notes.includes(note)) notes.push(note);
    }
  }
  return null;
}
