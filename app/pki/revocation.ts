import type { Certificate } from './certificate';
import type { ChainResult } from './chain';
import { readCrl, type CrlReadResult } from './crl-source';
import { normaliseSerial } from './crl-walker';
import type { HttpGetOptions } from './http-get';

export type CrlKind = 'base' | 'delta';

/** One CRL download for one CA of the chain. */
export interface CrlDownload {
  readonly url: string;
  readonly kind: CrlKind;
  /** The CA that must have signed it. */
  readonly issuer: Certificate;
  readonly result: CrlReadResult;
}

/** What revocation checking has for one certificate of the chain. */
export interface CertificateCrls {
  readonly cert: Certificate;
  /**
   * null for the chain's last certificate: a root is a trust anchor, checked by no CRL;
   * the top of an incomplete chain has no known issuer to verify a CRL with.
   */
  readonly issuer: Certificate | null;
  /** True when this is the top of a chain that did not reach a root (see pki.chain). */
  readonly issuerUnknown: boolean;
  readonly httpCdps: readonly string[];
  readonly ldapCdps: readonly string[];
  readonly base: readonly CrlDownload[];
  readonly delta: readonly CrlDownload[];
}

export function isLdap(url: string): boolean {
  return /^ldaps?:/i.test(url.trim());
}

export function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url.trim());
}

export function serialOf(cert: Certificate): string {
  return normaliseSerial(cert.summary.serialNumber);
}

/**
 * Downloads, once each, every HTTP CDP of every certificate below the root and every delta
 * CRL they point to (the certificate's Freshest CRL, or the base CRL's), verifying each
 * against the issuer's key and looking up the chain's serials on the way.
 */
export async function collectCrls(chain: ChainResult, http: Omit<HttpGetOptions, 'maxBytes'>, maxBytes: number): Promise<CertificateCrls[]> {
  const serials = chain.certificates.map(serialOf);
  const downloads = new Map<string, Promise<CrlDownload>>();
  const download = (url: string, kind: CrlKind, issuer: Certificate): Promise<CrlDownload> => {
    const key = `${kind} ${issuer.summary.sha256Fingerprint} ${url}`;
    let pending = downloads.get(key);
    if (pending === undefined) {
      pending = readCrl(
        { kind: 'url', url },
        { maxBytes, http, issuerKey: issuer.node.publicKey, lookFor: serials, ...(http.signal ? { signal: http.signal } : {}) },
      ).then((result) => ({ url, kind, issuer, result }));
      downloads.set(key, pending);
    }
    return pending;
  };
  const certs = chain.certificates;
  return Promise.all(
    certs.map(async (cert, i): Promise<CertificateCrls> => {
      const issuer = i + 1 < certs.length ? (certs[i + 1] as Certificate) : null;
      const httpCdps = cert.summary.cdp.filter(isHttp);
      const ldapCdps = cert.summary.cdp.filter(isLdap);
      const issuerUnknown = issuer === null && chain.end.kind === 'incomplete';
      if (issuer === null) return { cert, issuer, issuerUnknown, httpCdps, ldapCdps, base: [], delta: [] };
      const base = await Promise.all(httpCdps.map((url) => download(url, 'base', issuer)));
      const deltaUrls = new Set(cert.summary.freshestCrl.filter(isHttp));
      for (const b of base) {
        if (b.result.ok) for (const url of b.result.value.facts.extensions.freshestCrlUrls.filter(isHttp)) deltaUrls.add(url);
      }
      const delta = await Promise.all([...deltaUrls].map((url) => download(url, 'delta', issuer)));
      return { cert, issuer, issuerUnknown: false, httpCdps, ldapCdps, base, delta };
    }),
  );
}
