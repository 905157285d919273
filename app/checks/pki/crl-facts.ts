import { nameText } from '../../pki/certificate';
import type { CertificateCrls, CrlDownload, CrlKind } from '../../pki/revocation';
import type { IssuingDistributionPoint } from '../../pki/crl-extensions';
import type { RevocationReason, SignatureStatus } from '../../pki/crl-walker';
import { certFacts, type CertFacts } from './cert-facts';

/** A chain serial found on a CRL. */
export interface CrlEntryFacts {
  readonly serial: string;
  readonly revokedAt: string;
  readonly reason: RevocationReason | null;
}

/** What one pass over a downloaded CRL learned, as JSON: times as ISO strings, CRL numbers as decimal strings, DER as hex. */
export interface CrlFacts {
  readonly issuerName: string;
  readonly issuerDer: string;
  readonly thisUpdate: string;
  readonly nextUpdate: string | null;
  readonly entryCount: number;
  readonly byteLength: number;
  readonly crlNumber: string | null;
  /** Delta CRL Indicator (RFC 5280 §5.2.4): the base CRL number this delta applies to. */
  readonly deltaBase: string | null;
  readonly authorityKeyId: string | null;
  readonly issuingDistributionPoint: IssuingDistributionPoint | null;
  readonly unknownCritical: readonly string[];
  readonly signature: SignatureStatus;
  readonly signatureProblem: string | null;
  /** The chain's serials that are on this CRL. */
  readonly found: readonly CrlEntryFacts[];
}

export type CrlDownloadFacts = {
  readonly url: string;
  readonly kind: CrlKind;
} & (
  | { readonly ok: true; readonly crl: CrlFacts; readonly ms: number; readonly address: string | null }
  | {
      readonly ok: false;
      readonly error: { readonly code: string; readonly message: string; readonly remedy: string | null; readonly httpStatus: number | null };
    }
);

/** The CA that must have signed a certificate's CRLs; its subject's DER (hex) is compared with each CRL's issuer. */
export type IssuerFacts = CertFacts & { readonly subjectDer: string };

/** What revocation checking has for one certificate of the chain (see app/pki/revocation.ts). */
export interface CrlCertFacts {
  readonly cert: CertFacts;
  /** null for the chain's last certificate (a root, or the top of an incomplete chain). */
  readonly issuer: IssuerFacts | null;
  readonly issuerUnknown: boolean;
  readonly httpCdps: readonly string[];
  readonly ldapCdps: readonly string[];
  readonly base: readonly CrlDownloadFacts[];
  readonly delta: readonly CrlDownloadFacts[];
}

/** The facts the three CRL checks share: every CRL of the chain, or null without a device certificate. */
export interface CrlChainFacts {
  readonly now: string;
  readonly certificates: readonly CrlCertFacts[] | null;
}

function downloadFacts(d: CrlDownload): CrlDownloadFacts {
  const head = { url: d.url, kind: d.kind };
  if (!d.result.ok) {
    const { code, message, remedy, httpStatus } = d.result.error;
    return { ...head, ok: false, error: { code, message, remedy: remedy ?? null, httpStatus: httpStatus ?? null } };
  }
  const { facts, ms, address } = d.result.value;
  const ext = facts.extensions;
  return {
    ...head,
    ok: true,
    ms,
    address,
    crl: {
      issuerName: nameText(facts.issuer),
      issuerDer: facts.issuer.toString('hex'),
      thisUpdate: facts.thisUpdate.toISOString(),
      nextUpdate: facts.nextUpdate?.toISOString() ?? null,
      entryCount: facts.entryCount,
      byteLength: facts.byteLength,
      crlNumber: ext.crlNumber?.toString() ?? null,
      deltaBase: ext.deltaBase?.toString() ?? null,
      authorityKeyId: ext.authorityKeyId,
      issuingDistributionPoint: ext.issuingDistributionPoint,
      unknownCritical: ext.unknownCritical,
      signature: facts.signature,
      signatureProblem: facts.signatureProblem,
      found: [...facts.found.values()].map((e) => ({ serial: e.serial, revokedAt: e.revokedAt.toISOString(), reason: e.reason })),
    },
  };
}

export function crlCertFacts(c: CertificateCrls): CrlCertFacts {
  return {
    cert: certFacts(c.cert),
    issuer: c.issuer === null ? null : { ...certFacts(c.issuer), subjectDer: c.issuer.subjectDer.toString('hex') },
    issuerUnknown: c.issuerUnknown,
    httpCdps: c.httpCdps,
    ldapCdps: c.ldapCdps,
    base: c.base.map(downloadFacts),
    delta: c.delta.map(downloadFacts),
  };
}
