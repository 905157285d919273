import { describe, expect, it } from 'vitest';
import { crlReachableCheck } from '../../../../app/checks/pki/crl-reachable';
import { ALLOW_DOUBLE_ESCAPING } from '../../../../app/checks/pki/ca-commands';
import { crlFacts, failedDownload, withCert } from './crl-variants';
import { ALL_PASS, servedPki, statuses } from './served-pki';

const facts = (scenario: string) => crlFacts(scenario, 'pki.crl-reachable');

describe('pki.crl-reachable judge, from facts recorded in the lab', () => {
  it('passes against the healthy lab: base and delta CRLs with size, entries and time', () => {
    const outcome = crlReachableCheck.judge(facts('healthy'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.join('\n')).toMatch(
      /^CRL http:\/\/pki\.se\.airwlab\.com\/CertEnroll\/SE-SEDC01-CA\.crl: \d+ bytes, 1 entry, \d+ ms from 127\.0\.41\.2$/m,
    );
    expect(outcome.evidence?.join('\n')).toMatch(/^delta CRL http:\/\/pki\.se\.airwlab\.com\/CertEnroll\/SE-SEDC01-CA\+\.crl: /m);
    expect(outcome.evidence).toContain('CN=SE Lab Root CA: no CDP, as usual for a root CA (a trust anchor needs no CRL)');
  });

  it('fails when the base CRL answers 404, publishing it again and showing what Windows tries', () => {
    const outcome = crlReachableCheck.judge(facts('baseCrlUnreachable'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toContain(
      'FAIL CRL http://pki.se.airwlab.com/CertEnroll/SE-SEDC01-CA.crl: http://pki.se.airwlab.com/CertEnroll/SE-SEDC01-CA.crl answered HTTP 404 Not Found',
    );
    expect(outcome.remedy).toMatch(/On the SEG, certutil shows each URL Windows tries for the device certificate\.$/);
    expect(outcome.command).toBe('certutil -crl\ncertutil -verify -urlfetch device.cer');
  });

  it('fails when the delta CRL\'s "+" is refused, with the IIS double-escaping fix', () => {
    const outcome = crlReachableCheck.judge(facts('deltaCrlRefused'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toContain(
      'FAIL delta CRL http://pki.se.airwlab.com/CertEnroll/SE-SEDC01-CA+.crl: HTTP 404 for a name with "+": IIS request filtering refuses it (double escaping is off on CertEnroll)',
    );
    expect(outcome.command).toBe(ALLOW_DOUBLE_ESCAPING);
  });

  it('fails on a download that timed out, with a default remedy when the error has none', () => {
    const outcome = crlReachableCheck.judge(
      failedDownload(facts('healthy'), 0, 'base', { code: 'http.timeout', message: 'no answer within 3000 ms', remedy: null, httpStatus: null }),
    );
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.remedy).toMatch(/^Check that the CDP web server serves the CRL file\. On the SEG, certutil/);
    expect(outcome.command).toBe('certutil -verify -urlfetch device.cer');
  });

  it('fails on a certificate below the root without any CDP', () => {
    const outcome = crlReachableCheck.judge(withCert(facts('healthy'), 0, (c) => ({ ...c, httpCdps: [], base: [], delta: [] })));
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toContain('FAIL CN=alice: no CRL Distribution Point at all');
  });

  it('leaves LDAP-only CDPs to pki.no-ldap-urls, and skips when no HTTP CRL is left', () => {
    const f = facts('ldapOnlyCdp');
    expect(crlReachableCheck.judge(f).evidence).toContain('CN=alice: only LDAP CDPs, which the SEG cannot use (see pki.no-ldap-urls)');
    const none = withCert(f, 1, (c) => ({ ...c, httpCdps: [], ldapCdps: ['ldap:///CN=root'], base: [], delta: [] }));
    expect(crlReachableCheck.judge(none).status).toBe('skip');
  });

  it('skips when the chain is incomplete, saying why', () => {
    const outcome = crlReachableCheck.judge(facts('aiaMissing'));
    expect(outcome).toEqual({
      status: 'skip',
      reason: 'no HTTP CRL to download in this chain (see pki.no-ldap-urls)',
      evidence: ['CN=alice: its issuer was not found (see pki.chain), so its CRL cannot be verified yet'],
    });
  });

  it('does not use the CDP of the top of the chain', () => {
    const f = facts('healthy');
    const outcome = crlReachableCheck.judge(withCert(f, 2, (c) => ({ ...c, cert: { ...c.cert, cdp: ['http://pki.se.airwlab.com/CertEnroll/root.crl'] } })));
    expect(outcome.evidence).toContain('CN=SE Lab Root CA: top of the chain: its own CDP is not used');
  });

  it('skips without a readable device certificate', () => {
    expect(crlReachableCheck.judge({ now: facts('healthy').now, certificates: null })).toEqual({
      status: 'skip',
      reason: 'no readable device certificate (see pki.device-cert)',
    });
  });
});

describe('pki.crl-reachable against a served test PKI', () => {
  const served = servedPki('ec');

  it('a "+" refused by the web server: fails with the IIS double-escaping fix', async () => {
    served.serve(served.pki);
    served.server.rules.refusePlus = true;
    const r = await served.run(served.pki, served.pki.devicePem);
    expect(statuses(r)).toEqual({ ...ALL_PASS, 'pki.crl-reachable': 'fail', 'pki.not-revoked': 'warn' });
    expect(r['pki.crl-reachable']?.command).toBe(ALLOW_DOUBLE_ESCAPING);
    expect(r['pki.crl-reachable']?.evidence.join('\n')).toContain('double escaping is off');
  });
});
