import { describe, expect, it } from 'vitest';
import { noLdapUrlsCheck, type NoLdapUrlsFacts } from '../../../../app/checks/pki/no-ldap-urls';
import { HOST, servedPki } from './served-pki';
import { recordedFacts } from '../../../support/facts';

const facts = (scenario: string) => recordedFacts<NoLdapUrlsFacts>(scenario, 'pki.no-ldap-urls');

describe('pki.no-ldap-urls judge, from facts recorded in the lab', () => {
  it("passes against the healthy lab, listing each certificate's HTTP URLs", () => {
    const outcome = noLdapUrlsCheck.judge(facts('healthy'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toContain(
      'CN=alice: CDP http://pki.se.airwlab.com/CertEnroll/SE-SEDC01-CA.crl, AIA http://pki.se.airwlab.com/CertEnroll/SE-SEDC01-CA.crt',
    );
    expect(outcome.evidence).toContain('CN=SE Lab Root CA: no CDP or AIA');
  });

  it('fails on LDAP CDP and AIA, with the certutil commands that publish over HTTP only', () => {
    const outcome = noLdapUrlsCheck.judge(facts('ldapOnlyCdp'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence.join('\n')).toMatch(/^FAIL CN=alice: CDP ldap:\/\/\/CN=SE-SEDC01-CA,/m);
    expect(outcome.evidence.join('\n')).toMatch(/^FAIL CN=alice: AIA ldap:\/\/\/CN=SE-SEDC01-CA,CN=AIA,/m);
    expect(outcome.remedy).toMatch(/^The SEG is not in the domain and cannot read LDAP URLs/);
    expect(outcome.command).toContain('6:http://pki.se.airwlab.com/CertEnroll/%3%8%9.crl');
  });

  it('names a Freshest CRL over LDAP too', () => {
    const f = facts('healthy');
    const [device, ...rest] = f.certificates;
    if (device === undefined) throw new Error('no certificate recorded');
    const outcome = noLdapUrlsCheck.judge({ certificates: [{ ...device, freshestCrl: ['ldap:///CN=delta'] }, ...rest] });
    expect(outcome.evidence).toContain('FAIL CN=alice: Freshest CRL ldap:///CN=delta');
  });

  it('skips without any readable certificate', () => {
    expect(noLdapUrlsCheck.judge({ certificates: [] })).toEqual({ status: 'skip', reason: 'no readable certificate (see pki.device-cert)' });
  });
});

describe('pki.no-ldap-urls against a served test PKI', () => {
  const served = servedPki();

  it('LDAP-only CDP and AIA: fails with the certutil fix; the revocation checks do not fail', { timeout: 60_000 }, async () => {
    const pki = served.pkiFor({ keyType: 'ec', cdp: 'ldap-only' });
    served.serve(pki);
    const r = await served.run(pki, pki.devicePem, { intermediates: [pki.issuingPem] });
    expect(r['pki.no-ldap-urls']?.status).toBe('fail');
    expect(r['pki.no-ldap-urls']?.command).toContain('certutil -setreg CA\\CRLPublicationURLs');
    expect(r['pki.no-ldap-urls']?.command).toContain(`http://${HOST}:${served.server.port}/CertEnroll/%3%8%9.crl`);
    for (const id of ['pki.device-cert', 'pki.chain', 'pki.crl-reachable', 'pki.crl-valid', 'pki.not-revoked']) {
      expect(r[id]?.status, id).not.toBe('fail');
    }
    expect(r['pki.not-revoked']?.status).toBe('warn');
  });
});
