import { describe, expect, it } from 'vitest';
import { notRevokedCheck } from '../../../../app/checks/pki/not-revoked';
import type { CrlEntryFacts } from '../../../../app/checks/pki/crl-facts';
import { crlFacts, withCrl } from './crl-variants';
import { ALL_PASS, servedPki, statuses } from './served-pki';

const facts = (scenario: string) => crlFacts(scenario, 'pki.not-revoked');
const healthy = () => facts('healthy');
const entry = (serial: string, reason: CrlEntryFacts['reason']): CrlEntryFacts => ({ serial, revokedAt: '2026-11-30T08:00:00.000Z', reason });
/** The healthy facts with these entries on the device's base and delta CRLs. */
const listed = (base: readonly CrlEntryFacts[], delta: readonly CrlEntryFacts[] = []) =>
  withCrl(withCrl(healthy(), 0, 'base', { found: base }), 0, 'delta', { found: delta });

describe('pki.not-revoked judge, from facts recorded in the lab', () => {
  it('passes against the healthy lab, naming the CRLs each certificate is not on', () => {
    const outcome = notRevokedCheck.judge(healthy());
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.join('\n')).toMatch(/^CN=alice \(serial \w+, SHA-256 .*…\): not on base #1, delta #2$/m);
    expect(outcome.evidence?.join('\n')).toMatch(/^CN=SE-SEDC01-CA \(serial 1000, .*\): not on base #1$/m);
  });

  it('fails on a device certificate revoked on the base CRL, with the date, reason and certutil to look it up', () => {
    const outcome = notRevokedCheck.judge(facts('revokedDeviceCert'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence.join('\n')).toMatch(
      /^FAIL CN=alice \(serial 2006, .*\): revoked on 2026-12-03 14:11:41Z, reason keyCompromise, on the CRL http:\/\/pki\.se\.airwlab\.com\/CertEnroll\/SE-SEDC01-CA\.crl$/m,
    );
    expect(outcome.remedy).toMatch(/^This device certificate is revoked: the SEG refuses it\./);
    expect(outcome.command).toBe('certutil -view -restrict "SerialNumber=2006" -out "RequestID,RevokedWhen,RevokedReason,CommonName"');
  });

  it('fails on a device certificate revoked only on the delta CRL, naming the delta', () => {
    const outcome = notRevokedCheck.judge(facts('revokedDeviceCertDelta'));
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence?.join('\n')).toMatch(/reason keyCompromise, on the delta CRL http:\/\/pki\.se\.airwlab\.com\/CertEnroll\/SE-SEDC01-CA\+\.crl$/m);
  });

  it('warns when the chain is incomplete: a CRL is trusted only once its issuer is known', () => {
    const outcome = notRevokedCheck.judge(facts('aiaMissing'));
    expect(outcome.status).toBe('warn');
    if (outcome.status !== 'warn') return;
    expect(outcome.remedy).toBe('Fix pki.chain first: a CRL can only be trusted once its issuer is known.');
  });

  it.each(['baseCrlUnreachable', 'ldapOnlyCdp'])('warns under %s: no verified CRL to check against', (scenario) => {
    const outcome = notRevokedCheck.judge(facts(scenario));
    expect(outcome.status).toBe('warn');
    expect(outcome.evidence?.join('\n')).toMatch(
      /^WARN CN=alice .*: not checked, no verified CRL \(see pki\.no-ldap-urls, pki\.crl-reachable, pki\.crl-valid\)$/m,
    );
  });

  it('warns when the delta CRL cannot be read: revocations since the base are not seen', () => {
    const outcome = notRevokedCheck.judge(facts('deltaCrlRefused'));
    expect(outcome.status).toBe('warn');
    expect(outcome.evidence?.join('\n')).toMatch(
      /^WARN CN=alice .*: the delta CRL http:\/\/pki\.se\.airwlab\.com\/CertEnroll\/SE-SEDC01-CA\+\.crl could not be read/m,
    );
  });

  it('does not trust a CRL whose signature did not verify', () => {
    const outcome = notRevokedCheck.judge(withCrl(healthy(), 0, 'base', { signature: 'invalid', found: [entry('2003', 'keyCompromise')] }));
    expect(outcome.status).toBe('warn');
    expect(outcome.evidence?.join('\n')).toMatch(/^WARN CN=alice .*: not checked, no verified CRL/m);
  });

  it('fails on a certificate on hold, with the release command in the remedy', () => {
    const outcome = notRevokedCheck.judge(listed([entry('2003', 'certificateHold')]));
    expect(outcome.status).toBe('fail');
    expect(outcome.status === 'fail' && outcome.remedy).toMatch(/^The certificate is on hold: release it on the CA/);
  });

  it('passes a hold on the base that the delta released (removeFromCRL, RFC 5280 §5.3.1)', () => {
    const outcome = notRevokedCheck.judge(listed([entry('2003', 'certificateHold')], [entry('2003', 'removeFromCRL')]));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.join('\n')).toMatch(/: not on base #1, delta #2 \(released from hold by the delta CRL\)$/m);
  });

  it('fails on a revoked CA certificate of the chain, with the CA remedy; an entry without reason says so', () => {
    const outcome = notRevokedCheck.judge(withCrl(healthy(), 1, 'base', { found: [entry('1000', null)] }));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence.join('\n')).toMatch(/^FAIL CN=SE-SEDC01-CA .*: revoked on 2026-11-30 08:00:00Z, reason not given, on the CRL /m);
    expect(outcome.remedy).toMatch(/^A CA certificate of the chain is revoked: every certificate below it is refused\./);
  });

  it('skips when only the root is left to check', () => {
    const f = healthy();
    expect(notRevokedCheck.judge({ ...f, certificates: f.certificates.slice(2) })).toEqual({
      status: 'skip',
      reason: 'no certificate below the root to check',
      evidence: [],
    });
  });

  it('skips without a readable device certificate', () => {
    expect(notRevokedCheck.judge({ now: healthy().now, certificates: null })).toEqual({
      status: 'skip',
      reason: 'no readable device certificate (see pki.device-cert)',
    });
  });
});

describe('pki.not-revoked against a served test PKI', () => {
  const served = servedPki('ec');

  it('revoked on the base CRL: fails with the date and reason', async () => {
    served.serve(served.pki);
    const r = await served.run(served.pki, served.pki.revokedPem);
    expect(statuses(r)).toEqual({ ...ALL_PASS, 'pki.not-revoked': 'fail' });
    expect(r['pki.not-revoked']?.evidence.join('\n')).toMatch(/CN=bob .*revoked on \d{4}-\d\d-\d\d .*reason keyCompromise/);
    expect(r['pki.not-revoked']?.command).toContain('certutil -view -restrict "SerialNumber=');
  });

  it('revoked only on the delta CRL: fails naming the delta', async () => {
    served.serve(served.pki);
    const r = await served.run(served.pki, served.pki.deltaRevokedPem);
    expect(statuses(r)).toEqual({ ...ALL_PASS, 'pki.not-revoked': 'fail' });
    expect(r['pki.not-revoked']?.evidence.join('\n')).toMatch(/reason superseded, on the delta CRL .*issuing\+\.crl/);
  });
});
