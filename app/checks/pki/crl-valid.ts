import { PUBLISH_CRL } from './ca-commands';
import { nameText, type Certificate } from '../../pki/certificate';
import { when } from '../../pki/describe';
import { Findings } from './findings';
import { crlCheck } from './pki-run';
import type { CrlDownload } from '../../pki/revocation';

/**
 * A CRL is "near" its nextUpdate in the last tenth of its validity or last hour: AD CS
 * publishes the next one well before (CRLOverlapPeriod), so this usually means the CA has
 * stopped publishing and the SEG will soon refuse every certificate.
 */
function nearExpiry(thisUpdate: Date, nextUpdate: Date, now: number): boolean {
  const left = nextUpdate.getTime() - now;
  return left < Math.max(3_600_000, (nextUpdate.getTime() - thisUpdate.getTime()) / 10);
}

const REPUBLISH = 'Publish a new CRL on the CA (and check that the CertEnroll folder the CDP serves receives it): the CA service must be running and able to write there.';

function checkOne(f: Findings, d: CrlDownload, base: CrlDownload | undefined, cert: Certificate, now: number): void {
  if (!d.result.ok) {
    f.see(`${d.url}: not downloaded (see pki.crl-reachable)`);
    return;
  }
  const facts = d.result.value.facts;
  const issuer = d.issuer.summary;
  const label = `${d.kind === 'delta' ? 'delta CRL' : 'CRL'} #${facts.extensions.crlNumber?.toString() ?? '?'} ${d.url}`;
  const crlIssuer = nameText(facts.issuer);
  if (!facts.issuer.equals(d.issuer.subjectDer) && crlIssuer !== issuer.subject) {
    f.fail(`${label}: issued by "${crlIssuer}", not by "${issuer.subject}"`, 'The CDP URL points at another CA\'s CRL: correct the CDP on the CA that issued the certificate.');
    return;
  }
  const aki = facts.extensions.authorityKeyId;
  if (aki !== null && issuer.subjectKeyId !== null && aki !== issuer.subjectKeyId) {
    f.fail(`${label}: signed by key ${aki}, but ${issuer.subject} has key ${issuer.subjectKeyId}`, 'The CRL was signed by another key of this CA (a renewed CA key): publish CRLs for each CA key (certutil -crl) and give the current CA certificate.', PUBLISH_CRL);
    return;
  }
  if (facts.signature !== 'valid') {
    f.fail(`${label}: the signature does not verify with ${issuer.subject}'s key${facts.signatureProblem ? ` (${facts.signatureProblem})` : ''}`, 'The file was changed after signing or comes from another CA: publish the CRL again from the CA.', PUBLISH_CRL);
    return;
  }
  if (facts.extensions.unknownCritical.length > 0) {
    f.fail(`${label}: unknown critical extensions ${facts.extensions.unknownCritical.join(', ')} make it unusable (RFC 5280 §5.2)`, 'Remove the extension from the CA\'s CRL settings and publish again.', PUBLISH_CRL);
    return;
  }
  const idp = facts.extensions.issuingDistributionPoint;
  if (idp !== null && ((idp.onlyCaCerts && !cert.summary.isCa) || (idp.onlyUserCerts && cert.summary.isCa))) {
    f.fail(`${label}: its Issuing Distribution Point limits it to ${idp.onlyCaCerts ? 'CA' : 'end-entity'} certificates, so it does not cover ${cert.summary.subject}`, 'Point the certificate\'s CDP at the CRL that covers it, on the CA.', PUBLISH_CRL);
    return;
  }
  if (idp?.onlySomeReasons === true) f.warn(`${label}: covers only some revocation reasons (onlySomeReasons)`, 'Publish a CRL for all reasons: the SEG needs a complete CRL.', PUBLISH_CRL);
  const period = `thisUpdate ${when(facts.thisUpdate)}, nextUpdate ${facts.nextUpdate ? when(facts.nextUpdate) : 'none'}`;
  if (facts.thisUpdate.getTime() > now + 5 * 60_000) {
    f.fail(`${label}: ${period}: not valid yet`, 'This machine\'s clock or the CA\'s is wrong: correct the time (w32tm /resync on Windows).', 'w32tm /resync');
    return;
  }
  if (facts.nextUpdate === null) {
    f.warn(`${label}: ${period}: no nextUpdate, so nobody can tell when it is stale`, REPUBLISH, PUBLISH_CRL);
  } else if (facts.nextUpdate.getTime() <= now) {
    f.fail(`${label}: ${period}: expired`, REPUBLISH, PUBLISH_CRL);
    return;
  } else if (nearExpiry(facts.thisUpdate, facts.nextUpdate, now)) {
    f.warn(`${label}: ${period}: expires soon`, REPUBLISH, PUBLISH_CRL);
  } else {
    f.see(`${label}: signed by ${issuer.subject}, ${period}`);
  }
  if (d.kind === 'delta') checkDelta(f, label, facts.extensions, base);
}

/** RFC 5280 §5.2.4: the delta applies to the complete CRL whose number is at least its BaseCRLNumber. */
function checkDelta(f: Findings, label: string, ext: { readonly deltaBase: bigint | null; readonly crlNumber: bigint | null }, base: CrlDownload | undefined): void {
  if (ext.deltaBase === null) {
    f.fail(`${label}: named as a delta CRL but has no Delta CRL Indicator`, 'The Freshest CRL URL points at a base CRL: correct the delta CRL publication URL on the CA.', PUBLISH_CRL);
    return;
  }
  const baseNumber = base?.result.ok ? base.result.value.facts.extensions.crlNumber : null;
  if (baseNumber === null || baseNumber === undefined) {
    f.see(`${label}: delta of base CRL #${ext.deltaBase.toString()}`);
    return;
  }
  if (baseNumber < ext.deltaBase) {
    f.fail(`${label}: applies to base CRL #${ext.deltaBase.toString()} or later, but the base CRL served is #${baseNumber.toString()}`, 'The base CRL at the CDP is older than the delta: publish both again (certutil -crl) and check that the base CRL file is copied to the CDP.', PUBLISH_CRL);
  } else if (ext.crlNumber !== null && ext.crlNumber <= baseNumber) {
    f.fail(`${label}: its number #${ext.crlNumber.toString()} is not above the base CRL's #${baseNumber.toString()}: this delta is stale`, 'Publish a new delta CRL (certutil -crl) and check that it reaches the CDP.', PUBLISH_CRL);
  } else {
    f.see(`${label}: delta of base CRL #${ext.deltaBase.toString()} (base served: #${baseNumber.toString()})`);
  }
}

export const crlValidCheck = crlCheck({ id: 'pki.crl-valid', title: 'Each CRL is signed by its issuer and current' }, (perCert) => {
  const f = new Findings();
  const now = Date.now();
  const done = new Set<string>();
  let checked = 0;
  for (const c of perCert) {
    if (c.issuerUnknown) f.see(`${c.cert.summary.subject}: issuer not found (see pki.chain): its CRL is checked once the chain builds`);
    else if (c.issuer === null && c.cert.summary.cdp.length === 0) f.see(`${c.cert.summary.subject}: root CA without CDP: normal`);
    const firstBase = c.base.find((b) => b.result.ok);
    for (const d of [...c.base, ...c.delta]) {
      const key = `${d.kind} ${d.url}`;
      if (done.has(key)) continue;
      done.add(key);
      if (d.result.ok) checked++;
      checkOne(f, d, firstBase, c.cert, now);
    }
  }
  if (checked === 0 && !f.hasFailure) return { status: 'skip', reason: 'no CRL could be downloaded (see pki.crl-reachable and pki.no-ldap-urls)', evidence: f.outcome().evidence };
  return f.outcome();
});
