import { PUBLISH_CRL } from './ca-commands';
import { when } from '../../pki/describe';
import { Findings } from './findings';
import { crlCheck } from './pki-run';
import type { CertFacts } from './cert-facts';
import type { CrlDownloadFacts, IssuerFacts } from './crl-facts';

/**
 * A CRL is "near" its nextUpdate in the last tenth of its validity or last hour: AD CS
 * publishes the next one well before (CRLOverlapPeriod), so this usually means the CA has
 * stopped publishing and the SEG will soon refuse every certificate.
 */
function nearExpiry(thisUpdate: number, nextUpdate: number, now: number): boolean {
  const left = nextUpdate - now;
  return left < Math.max(3_600_000, (nextUpdate - thisUpdate) / 10);
}

const REPUBLISH =
  'Publish a new CRL on the CA (and check that the CertEnroll folder the CDP serves receives it): the CA service must be running and able to write there.';

function checkOne(f: Findings, d: CrlDownloadFacts, base: CrlDownloadFacts | undefined, cert: CertFacts, issuer: IssuerFacts, now: number): void {
  if (!d.ok) {
    f.see(`${d.url}: not downloaded (see pki.crl-reachable)`);
    return;
  }
  const crl = d.crl;
  const label = `${d.kind === 'delta' ? 'delta CRL' : 'CRL'} #${crl.crlNumber ?? '?'} ${d.url}`;
  if (crl.issuerDer !== issuer.subjectDer && crl.issuerName !== issuer.subject) {
    f.fail(
      `${label}: issued by "${crl.issuerName}", not by "${issuer.subject}"`,
      "The CDP URL points at another CA's CRL: correct the CDP on the CA that issued the certificate.",
    );
    return;
  }
  const aki = crl.authorityKeyId;
  if (aki !== null && issuer.subjectKeyId !== null && aki !== issuer.subjectKeyId) {
    f.fail(
      `${label}: signed by key ${aki}, but ${issuer.subject} has key ${issuer.subjectKeyId}`,
      'The CRL was signed by another key of this CA (a renewed CA key): publish CRLs for each CA key (certutil -crl) and give the current CA certificate.',
      PUBLISH_CRL,
    );
    return;
  }
  if (crl.signature !== 'valid') {
    f.fail(
      `${label}: the signature does not verify with ${issuer.subject}'s key${crl.signatureProblem ? ` (${crl.signatureProblem})` : ''}`,
      'The file was changed after signing or comes from another CA: publish the CRL again from the CA.',
      PUBLISH_CRL,
    );
    return;
  }
  if (crl.unknownCritical.length > 0) {
    f.fail(
      `${label}: unknown critical extensions ${crl.unknownCritical.join(', ')} make it unusable (RFC 5280 §5.2)`,
      "Remove the extension from the CA's CRL settings and publish again.",
      PUBLISH_CRL,
    );
    return;
  }
  const idp = crl.issuingDistributionPoint;
  if (idp !== null && ((idp.onlyCaCerts && !cert.isCa) || (idp.onlyUserCerts && cert.isCa))) {
    f.fail(
      `${label}: its Issuing Distribution Point limits it to ${idp.onlyCaCerts ? 'CA' : 'end-entity'} certificates, so it does not cover ${cert.subject}`,
      "Point the certificate's CDP at the CRL that covers it, on the CA.",
      PUBLISH_CRL,
    );
    return;
  }
  if (idp?.onlySomeReasons === true)
    f.warn(`${label}: covers only some revocation reasons (onlySomeReasons)`, 'Publish a CRL for all reasons: the SEG needs a complete CRL.', PUBLISH_CRL);
  const period = `thisUpdate ${when(crl.thisUpdate)}, nextUpdate ${crl.nextUpdate ? when(crl.nextUpdate) : 'none'}`;
  const thisUpdate = Date.parse(crl.thisUpdate);
  if (thisUpdate > now + 5 * 60_000) {
    f.fail(`${label}: ${period}: not valid yet`, "This machine's clock or the CA's is wrong: correct the time (w32tm /resync on Windows).", 'w32tm /resync');
    return;
  }
  const nextUpdate = crl.nextUpdate === null ? null : Date.parse(crl.nextUpdate);
  if (nextUpdate === null) {
    f.warn(`${label}: ${period}: no nextUpdate, so nobody can tell when it is stale`, REPUBLISH, PUBLISH_CRL);
  } else if (nextUpdate <= now) {
    f.fail(`${label}: ${period}: expired`, REPUBLISH, PUBLISH_CRL);
    return;
  } else if (nearExpiry(thisUpdate, nextUpdate, now)) {
    f.warn(`${label}: ${period}: expires soon`, REPUBLISH, PUBLISH_CRL);
  } else {
    f.see(`${label}: signed by ${issuer.subject}, ${period}`);
  }
  if (d.kind === 'delta') checkDelta(f, label, crl, base);
}

/** RFC 5280 §5.2.4: the delta applies to the complete CRL whose number is at least its BaseCRLNumber. */
function checkDelta(
  f: Findings,
  label: string,
  crl: { readonly deltaBase: string | null; readonly crlNumber: string | null },
  base: CrlDownloadFacts | undefined,
): void {
  if (crl.deltaBase === null) {
    f.fail(
      `${label}: named as a delta CRL but has no Delta CRL Indicator`,
      'The Freshest CRL URL points at a base CRL: correct the delta CRL publication URL on the CA.',
      PUBLISH_CRL,
    );
    return;
  }
  const baseNumber = base?.ok ? base.crl.crlNumber : null;
  if (baseNumber === null || baseNumber === undefined) {
    f.see(`${label}: delta of base CRL #${crl.deltaBase}`);
    return;
  }
  if (BigInt(baseNumber) < BigInt(crl.deltaBase)) {
    f.fail(
      `${label}: applies to base CRL #${crl.deltaBase} or later, but the base CRL served is #${baseNumber}`,
      'The base CRL at the CDP is older than the delta: publish both again (certutil -crl) and check that the base CRL file is copied to the CDP.',
      PUBLISH_CRL,
    );
  } else if (crl.crlNumber !== null && BigInt(crl.crlNumber) <= BigInt(baseNumber)) {
    f.fail(
      `${label}: its number #${crl.crlNumber} is not above the base CRL's #${baseNumber}: this delta is stale`,
      'Publish a new delta CRL (certutil -crl) and check that it reaches the CDP.',
      PUBLISH_CRL,
    );
  } else {
    f.see(`${label}: delta of base CRL #${crl.deltaBase} (base served: #${baseNumber})`);
  }
}

export const crlValidCheck = crlCheck({ id: 'pki.crl-valid', title: 'Each CRL is signed by its issuer and current' }, ({ now, certificates }) => {
  const f = new Findings();
  const at = Date.parse(now);
  const done = new Set<string>();
  let checked = 0;
  for (const c of certificates) {
    if (c.issuerUnknown) f.see(`${c.cert.subject}: issuer not found (see pki.chain): its CRL is checked once the chain builds`);
    else if (c.issuer === null && c.cert.cdp.length === 0) f.see(`${c.cert.subject}: root CA without CDP: normal`);
    const issuer = c.issuer;
    if (issuer === null) continue;
    const firstBase = c.base.find((b) => b.ok);
    for (const d of [...c.base, ...c.delta]) {
      const key = `${d.kind} ${d.url}`;
      if (done.has(key)) continue;
      done.add(key);
      if (d.ok) checked++;
      checkOne(f, d, firstBase, c.cert, issuer, at);
    }
  }
  if (checked === 0 && !f.hasFailure)
    return { status: 'skip', reason: 'no CRL could be downloaded (see pki.crl-reachable and pki.no-ldap-urls)', evidence: f.outcome().evidence };
  return f.outcome();
});
