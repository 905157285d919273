import { ALLOW_DOUBLE_ESCAPING, PUBLISH_CRL, verifyUrlFetch } from './ca-commands';
import { plural } from '../../pki/describe';
import { Findings } from './findings';
import { crlCheck } from './pki-run';
import type { CrlDownloadFacts } from './crl-facts';

/** AD CS names delta CRLs `<CA name>+.crl`; IIS request filtering refuses a `+` unless double escaping is allowed. */
function plusRefused(d: CrlDownloadFacts): boolean {
  return !d.ok && d.error.httpStatus === 404 && /\+|%2b/i.test(new URL(d.url).pathname);
}

export const crlReachableCheck = crlCheck({ id: 'pki.crl-reachable', title: 'Every HTTP CRL and delta CRL downloads from here' }, ({ certificates }) => {
  const f = new Findings();
  let tried = 0;
  for (const c of certificates) {
    const subject = c.cert.subject;
    if (c.issuerUnknown) {
      f.see(`${subject}: its issuer was not found (see pki.chain), so its CRL cannot be verified yet`);
      continue;
    }
    if (c.issuer === null) {
      f.see(
        `${subject}: ${c.cert.cdp.length === 0 ? 'no CDP, as usual for a root CA (a trust anchor needs no CRL)' : 'top of the chain: its own CDP is not used'}`,
      );
      continue;
    }
    if (c.httpCdps.length === 0) {
      if (c.ldapCdps.length > 0) f.see(`${subject}: only LDAP CDPs, which the SEG cannot use (see pki.no-ldap-urls)`);
      else
        f.fail(
          `${subject}: no CRL Distribution Point at all`,
          'Configure an HTTP CDP on the CA that issued it (Extensions tab) and re-issue the certificate: without one the SEG cannot check its revocation.',
        );
      continue;
    }
    for (const d of [...c.base, ...c.delta]) {
      tried++;
      const label = `${d.kind === 'delta' ? 'delta CRL' : 'CRL'} ${d.url}`;
      if (d.ok) {
        f.see(`${label}: ${d.crl.byteLength} bytes, ${plural(d.crl.entryCount, 'entry', 'entries')}, ${d.ms} ms from ${d.address ?? '?'}`);
      } else if (plusRefused(d)) {
        f.fail(
          `${label}: HTTP 404 for a name with "+": IIS request filtering refuses it (double escaping is off on CertEnroll)`,
          'On the web server of the CDP (usually the CA), allow double escaping for the CertEnroll virtual directory (guide: "Enable Double Escaping in IIS"), so that the delta CRL can be fetched.',
          ALLOW_DOUBLE_ESCAPING,
        );
      } else {
        f.fail(
          `${label}: ${d.error.message}`,
          `${d.error.remedy ?? 'Check that the CDP web server serves the CRL file.'} On the SEG, certutil shows each URL Windows tries for the device certificate.`,
          d.error.code === 'crl.http-status' ? `${PUBLISH_CRL}\n${verifyUrlFetch('device.cer')}` : verifyUrlFetch('device.cer'),
        );
      }
    }
  }
  if (tried === 0 && !f.hasFailure) {
    return { status: 'skip', reason: 'no HTTP CRL to download in this chain (see pki.no-ldap-urls)', evidence: f.outcome().evidence };
  }
  return f.outcome();
});
