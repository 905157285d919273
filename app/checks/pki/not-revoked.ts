import { showRevocation } from './ca-commands';
import { normaliseSerial } from '../../pki/crl-walker';
import { certLine, when } from '../../pki/describe';
import { Findings } from './findings';
import { crlCheck } from './pki-run';
import type { CrlDownloadFacts, CrlEntryFacts } from './crl-facts';

type Downloaded = Extract<CrlDownloadFacts, { ok: true }>;

/** CRLs whose signature verified: an unverified file says nothing about revocation. */
function trusted(list: readonly CrlDownloadFacts[]): Downloaded[] {
  return list.filter((d): d is Downloaded => d.ok && d.crl.signature === 'valid');
}

function entryIn(d: Downloaded, serial: string): CrlEntryFacts | undefined {
  return d.crl.found.find((e) => e.serial === serial);
}

export const notRevokedCheck = crlCheck({ id: 'pki.not-revoked', title: 'No certificate of the chain is revoked' }, ({ certificates }) => {
  const f = new Findings();
  let checked = 0;
  for (const [i, c] of certificates.entries()) {
    if (c.issuerUnknown) {
      f.warn(
        `${certLine(c.cert)}: not checked, its issuer was not found (see pki.chain)`,
        'Fix pki.chain first: a CRL can only be trusted once its issuer is known.',
      );
      continue;
    }
    if (c.issuer === null) continue;
    const serial = normaliseSerial(c.cert.serialNumber);
    const bases = trusted(c.base);
    const deltas = trusted(c.delta);
    if (bases.length === 0) {
      f.warn(
        `${certLine(c.cert)}: not checked, no verified CRL (see pki.no-ldap-urls, pki.crl-reachable, pki.crl-valid)`,
        'Fix the CRL checks above; until the SEG can read a valid CRL it refuses this certificate.',
      );
      continue;
    }
    checked++;
    const onDelta = deltas.map((d) => [d, entryIn(d, serial)] as const).find(([, e]) => e !== undefined);
    const onBase = bases.map((d) => [d, entryIn(d, serial)] as const).find(([, e]) => e !== undefined);
    // A delta entry with reason removeFromCRL releases a certificate held on the base (RFC 5280 §5.3.1).
    const released = onDelta?.[1]?.reason === 'removeFromCRL';
    const hit = released ? undefined : (onDelta ?? onBase);
    if (hit !== undefined && hit[1] !== undefined) {
      const [d, entry] = hit;
      const hold = entry.reason === 'certificateHold';
      f.fail(
        `${certLine(c.cert)}: revoked on ${when(entry.revokedAt)}, reason ${entry.reason ?? 'not given'}, on the ${d.kind === 'delta' ? 'delta ' : ''}CRL ${d.url}`,
        hold
          ? 'The certificate is on hold: release it on the CA if the hold was a mistake (certutil -revoke <serial> unrevoke), else issue a new one.'
          : i === 0
            ? 'This device certificate is revoked: the SEG refuses it. Let UEM issue the device a new certificate and use that one as the sample.'
            : 'A CA certificate of the chain is revoked: every certificate below it is refused. Renew that CA and re-issue its certificates.',
        showRevocation(serial),
      );
      continue;
    }
    for (const d of c.delta.filter((x) => !x.ok)) {
      f.warn(
        `${certLine(c.cert)}: the delta CRL ${d.url} could not be read, so revocations since the base CRL are not seen (see pki.crl-reachable)`,
        'Make the delta CRL downloadable (pki.crl-reachable): Windows treats an unreadable delta as "revocation status unknown" and the SEG refuses the certificate.',
      );
    }
    const numbers = [...bases, ...deltas].map((d) => `${d.kind} #${d.crl.crlNumber ?? '?'}`).join(', ');
    f.see(`${certLine(c.cert)}: not on ${numbers}${released ? ' (released from hold by the delta CRL)' : ''}`);
  }
  if (checked === 0 && !f.hasFailure) {
    const outcome = f.outcome();
    return outcome.status === 'warn' ? outcome : { status: 'skip', reason: 'no certificate below the root to check', evidence: outcome.evidence };
  }
  return f.outcome();
});
