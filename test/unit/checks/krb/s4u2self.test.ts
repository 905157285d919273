import { describe, expect, it } from 'vitest';
import { krbS4u2self, type S4u2SelfFacts } from '../../../../app/checks/krb/s4u2self';
import { recordedFacts } from '../../../support/facts';
import { recordedOutcome } from '../recorded-outcome';

const facts = (scenario: string) => recordedFacts<S4u2SelfFacts>(scenario, 'krb.s4u2self');
const refused = (scenario: string) => recordedOutcome<S4u2SelfFacts, 'refused'>(scenario, 'krb.s4u2self', 'refused');

describe('krb.s4u2self judge, from facts recorded in the lab', () => {
  it("passes with a forwardable ticket for the certificate's user, asked of the realm its UPN's suffix names, without the directory", () => {
    const outcome = krbS4u2self.judge(facts('healthy'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.slice(0, 5)).toEqual([
      'UPN from the device certificate: alice@se.airwlab.com',
      'realm of the user: SE.AIRWLAB.COM, the realm of kcd.domains[0] in the settings',
      'requested as: alice@SE.AIRWLAB.COM (PA-FOR-USER, name-type 1)',
      'client: alice@SE.AIRWLAB.COM',
      'service: aw_KCDsvc@SE.AIRWLAB.COM',
    ]);
    expect(outcome.evidence?.join('\n')).toMatch(/^flags: F.* \(forwardable, /m);
  });

  it("fails on a non-forwardable ticket when the user is not delegable, naming the user's flag", () => {
    const outcome = krbS4u2self.judge(facts('userNotDelegable'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toContain('S4U2Self ticket for alice@se.airwlab.com: NOT forwardable (as issued by the KDC)');
    expect(outcome.evidence.join('\n')).toMatch(/alice@se\.airwlab\.com userAccountControl 0x[0-9a-f]+: NOT_DELEGATED set/);
    expect(outcome.command).toBe("Set-ADAccountControl -Identity 'alice' -AccountNotDelegated $false");
  });

  it('fails on a non-forwardable ticket when protocol transition is off, with the command that turns it on', () => {
    const outcome = krbS4u2self.judge(facts('protocolTransitionOff'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence.join('\n')).toMatch(/aw_KCDsvc userAccountControl 0x[0-9a-f]+: TRUSTED_TO_AUTH_FOR_DELEGATION NOT set/);
    expect(outcome.command).toBe("Set-ADAccountControl -Identity 'aw_KCDsvc' -TrustedToAuthForDelegation $true");
  });

  it("fails with the KDC's words when the service account has no SPN", () => {
    const outcome = krbS4u2self.judge(facts('serviceSpnMissing'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toContain('error: KRB_KDC_ERR_S_PRINCIPAL_UNKNOWN');
    expect(outcome.remedy).toMatch(/^Likely causes: /);
    expect(outcome.command).toBeUndefined();
  });

  it('fails naming the UPN and the LDAP filter to look for it when the KDC knows no such user', () => {
    const f = refused('serviceSpnMissing');
    const outcome = krbS4u2self.judge({
      ...f,
      failure: { code: 'KRB_KDC_ERR_C_PRINCIPAL_UNKNOWN', message: 'unknown', krbError: { errorCode: 6, stime: '2026-12-03T14:00:00.000Z' } },
    });
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: "The KDC knows no user alice@se.airwlab.com: the certificate's UPN must be the userPrincipalName of an account in SE.AIRWLAB.COM.",
      command: "Get-ADUser -LDAPFilter '(userPrincipalName=alice@se.airwlab.com)'",
    });
  });

  it('falls back to "see the error" with the command for the code (a skewed KDC: w32tm)', () => {
    const f = refused('serviceSpnMissing');
    const outcome = krbS4u2self.judge({ ...f, failure: { code: 'KRB_KRB_AP_ERR_SKEW', message: 'skew' } });
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: 'See the error above.',
      command: 'w32tm /stripchart /computer:sedc01.se.airwlab.com /samples:3 /dataonly',
    });
  });

  // A user of another realm (cross-realm-s4u.ts): the hops as the MIT realms' lab test sees them.
  const kdcA = { host: 'kdc.a.test', address: '127.0.50.1', port: 88 };
  const kdcB = { host: 'kdc.b.test', address: '127.0.50.2', port: 88 };
  const hops = [
    { step: 'cross-realm TGT', realm: 'A.TEST', kdc: kdcA, asked: 'krbtgt/B.TEST@A.TEST', got: 'svc@A.TEST -> krbtgt/B.TEST@A.TEST [FR]' },
    { step: 'S4U2Self', realm: 'B.TEST', kdc: kdcB, asked: 'svc@A.TEST@B.TEST', got: 'svc@A.TEST -> krbtgt/A.TEST@B.TEST [FR]' },
  ] as const;
  const acrossRealms = {
    upn: 'bob@b.test',
    requestedAs: 'bob@B.TEST',
    realm: 'B.TEST',
    nameType: 1,
    mapping: { suffix: 'b.test', realm: 'B.TEST', from: 'settings', source: 'kcd.domains[1]' },
  } as const;

  it('across realms: every hop between the request and the ticket, numbered, with its KDC and what it got', () => {
    const healthy = recordedOutcome<S4u2SelfFacts, 'forwardable'>('healthy', 'krb.s4u2self', 'forwardable');
    const last = { step: 'S4U2Self', realm: 'A.TEST', kdc: kdcA, asked: 'svc@A.TEST', got: 'bob@B.TEST -> svc@A.TEST [FR]' } as const;
    const outcome = krbS4u2self.judge({ ...healthy, ...acrossRealms, hops: [...hops, last] });
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.slice(0, 6)).toEqual([
      'UPN from the device certificate: bob@b.test',
      'realm of the user: B.TEST, the realm of kcd.domains[1] in the settings',
      'requested as: bob@B.TEST (PA-FOR-USER, name-type 1)',
      'hop 1: cross-realm TGT from A.TEST (KDC kdc.a.test 127.0.50.1:88), asked for krbtgt/B.TEST@A.TEST: svc@A.TEST -> krbtgt/B.TEST@A.TEST [FR]',
      'hop 2: S4U2Self from B.TEST (KDC kdc.b.test 127.0.50.2:88), asked for svc@A.TEST@B.TEST: svc@A.TEST -> krbtgt/A.TEST@B.TEST [FR]',
      'hop 3: S4U2Self from A.TEST (KDC kdc.a.test 127.0.50.1:88), asked for svc@A.TEST: bob@B.TEST -> svc@A.TEST [FR]',
    ]);
    expect(outcome.evidence?.[6]).toMatch(/^client: /);
  });

  it('says when the directory could not be searched for the user, so the realm rests on the settings alone', () => {
    const healthy = recordedOutcome<S4u2SelfFacts, 'forwardable'>('healthy', 'krb.s4u2self', 'forwardable');
    const outcome = krbS4u2self.judge({ ...healthy, ...acrossRealms, lookupFailure: 'Searching the global catalogue for bob@b.test timed out' });
    expect(outcome.evidence?.slice(1, 3)).toEqual([
      'realm of the user: B.TEST, the realm of kcd.domains[1] in the settings',
      'directory not searched for the user: Searching the global catalogue for bob@b.test timed out',
    ]);
  });

  it("says which realm was asked first, when the suffix's realm refused and the directory placed the user elsewhere", () => {
    const f = refused('serviceSpnMissing');
    const outcome = krbS4u2self.judge({
      ...f,
      ...acrossRealms,
      mapping: { suffix: 'a.test', realm: 'B.TEST', from: 'account', source: 'CN=bob,CN=Users,DC=b,DC=test' },
      upn: 'bob@a.test',
      firstTry: { realm: 'A.TEST', requestedAs: 'bob@A.TEST', source: 'kcd.domains[0]', code: 'KRB_KDC_ERR_C_PRINCIPAL_UNKNOWN' },
      hops: [hops[0]],
    });
    expect(outcome.evidence?.slice(1, 4)).toEqual([
      'realm of the user: B.TEST, the domain of the account CN=bob,CN=Users,DC=b,DC=test',
      "asked first of A.TEST, the realm of the UPN's suffix (kcd.domains[0]), as bob@A.TEST: KRB_KDC_ERR_C_PRINCIPAL_UNKNOWN",
      'requested as: bob@B.TEST (PA-FOR-USER, name-type 1)',
    ]);
  });

  it("across realms: a failure names its hop, and the home KDC's C_PRINCIPAL_UNKNOWN keeps the chain's remedy (not 'no such user')", () => {
    const f = refused('serviceSpnMissing');
    const failed = { step: 'S4U2Self', realm: 'A.TEST', kdc: kdcA, asked: 'svc@A.TEST' } as const;
    const failure = {
      code: 'KRB_XREALM_S4U_REFUSED',
      message: 'Hop 3 (S4U2Self from A.TEST, asking for svc@A.TEST): KDC_ERR_C_PRINCIPAL_UNKNOWN (6)',
      remedy: 'The KDC of A.TEST does not take the user from the referral of B.TEST.',
      krbError: { errorCode: 6, stime: '2026-12-03T14:00:00.000Z' },
    };
    const outcome = krbS4u2self.judge({ ...f, ...acrossRealms, failure, hops: [...hops, failed] });
    expect(outcome).toMatchObject({ status: 'fail', remedy: failure.remedy });
    expect(outcome.evidence).toContain('hop 3: S4U2Self from A.TEST (KDC kdc.a.test 127.0.50.1:88), asked for svc@A.TEST: failed');
    expect(outcome.evidence).toContain('error: KRB_XREALM_S4U_REFUSED');
    expect(outcome.evidence).toContain(failure.message);
  });

  it('across realms: a realm with no DC in the settings shows the hop without an address', () => {
    const f = refused('serviceSpnMissing');
    const noKdc = { step: 'S4U2Self', realm: 'B.TEST', kdc: { host: '(unknown)', address: '', port: 0 }, asked: 'svc@A.TEST@B.TEST' } as const;
    const failure = {
      code: 'KRB_XREALM_NO_KDC',
      message: 'Hop 2 (S4U2Self from B.TEST, asking for svc@A.TEST@B.TEST): no DC',
      remedy: 'Add B.TEST under KCD (kcd.domains) with the host name of one of its domain controllers.',
    };
    const outcome = krbS4u2self.judge({ ...f, ...acrossRealms, failure, hops: [hops[0], noKdc] });
    expect(outcome).toMatchObject({ status: 'fail', remedy: failure.remedy });
    expect(outcome.evidence).toContain('hop 2: S4U2Self from B.TEST (KDC (unknown)), asked for svc@A.TEST@B.TEST: failed');
  });

  it('fails asking for the device certificate when none could be read', () => {
    const outcome = krbS4u2self.judge({ outcome: 'no-device-certificate', problems: ['device.pem: not a certificate'] });
    expect(outcome).toEqual({
      status: 'fail',
      evidence: ['device certificate: none could be read', 'device.pem: not a certificate'],
      remedy: 'Give the sample device certificate (PEM, DER or PFX) in certificates.deviceCertificate: its UPN names the user to impersonate.',
    });
  });

  it('fails asking for the UPN in the SAN when the certificate has none', () => {
    const outcome = krbS4u2self.judge({ outcome: 'no-upn' });
    expect(outcome).toMatchObject({
      status: 'fail',
      evidence: ['device certificate: no SAN otherName UPN (1.3.6.1.4.1.311.20.2.3)'],
      remedy: expect.stringMatching(/add "User Principal Name" to the SAN/),
    });
  });

  it('skips without a TGT from krb.as', () => {
    expect(krbS4u2self.judge({ outcome: 'no-tgt' })).toEqual({ status: 'skip', reason: 'krb.as provided no TGT' });
  });
});
