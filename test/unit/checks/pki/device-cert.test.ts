import { describe, expect, it } from 'vitest';
import { deviceCertCheck, type DeviceCertFacts } from '../../../../app/checks/pki/device-cert';
import { PKI_CHECKS } from '../../../../app/checks/pki';
import { runChecks } from '../../../../app/checks/runner';
import { OID } from '../../../../app/pki/oids';
import { recordedFacts } from '../../../support/facts';
import { servedPki } from './served-pki';

type Read = Extract<DeviceCertFacts, { kind: 'read' }>;
const read = (scenario: string): Read => {
  const f = recordedFacts<DeviceCertFacts>(scenario, 'pki.device-cert');
  if (f.kind !== 'read') throw new Error(`${scenario}: no device certificate was read`);
  return f;
};
/** The healthy lab's device certificate with some of its fields changed. */
const changed = (change: Partial<Read['certificate']>, ekuOids?: readonly string[] | null): Read => {
  const f = read('healthy');
  return { ...f, certificate: { ...f.certificate, ...change }, ekuOids: ekuOids === undefined ? f.ekuOids : ekuOids };
};
const text = (facts: DeviceCertFacts) => deviceCertCheck.judge(facts).evidence?.join('\n') ?? '';

describe('pki.device-cert judge, from facts recorded in the lab', () => {
  it('passes against the healthy lab, naming the UPN S4U2Self will impersonate', () => {
    const outcome = deviceCertCheck.judge(read('healthy'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toContain('SAN UPN: alice@se.airwlab.com (the user S4U2Self impersonates)');
    expect(outcome.evidence).toContain('EKU: Client Authentication, Smart Card Logon');
    expect(outcome.evidence).toContain('SAN e-mail: alice@se.airwlab.com');
  });

  it('fails on an expired device certificate', () => {
    const outcome = deviceCertCheck.judge(read('deviceCertExpired'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence.join('\n')).toMatch(/^FAIL valid .* to .*: expired$/m);
    expect(outcome.remedy).toMatch(/^The certificate has expired: let UEM renew/);
  });

  it('fails on a certificate without Client Authentication, with the template and profile fix', () => {
    const outcome = deviceCertCheck.judge(read('deviceCertNoClientAuth'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toContain(`FAIL EKU: Server Authentication, without Client Authentication (${OID.ekuClientAuth})`);
    expect(outcome.remedy).toMatch(/Application Policies include Client Authentication/);
  });

  it('fails on a certificate that is not valid yet, judged at the time the facts were gathered', () => {
    const f = read('healthy');
    const outcome = deviceCertCheck.judge({ ...f, now: new Date(Date.parse(f.certificate.notBefore) - 60_000).toISOString() });
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence?.join('\n')).toMatch(/: not valid yet$/m);
  });

  it('fails on a CA certificate given as the device certificate', () => {
    expect(text(changed({ isCa: true }))).toContain('FAIL the certificate is a CA certificate (basicConstraints CA:TRUE), not a device certificate');
  });

  it('warns on a certificate without an EKU extension, passes on anyExtendedKeyUsage', () => {
    const none = deviceCertCheck.judge(changed({ eku: null }, null));
    expect(none.status).toBe('warn');
    expect(none.evidence).toContain('WARN no Extended Key Usage extension: usable for any purpose, but not what a device template issues');
    const any = deviceCertCheck.judge(changed({ eku: ['Any Purpose'] }, [OID.ekuAny]));
    expect(any.status).toBe('pass');
    expect(any.evidence).toContain('EKU: Any Purpose');
  });

  it('fails on an empty EKU extension', () => {
    expect(text(changed({ eku: [] }, []))).toContain(`FAIL EKU: (empty), without Client Authentication (${OID.ekuClientAuth})`);
  });

  it('fails without a UPN in the SAN and warns without an e-mail', () => {
    const f = read('healthy');
    const outcome = deviceCertCheck.judge(changed({ san: { ...f.certificate.san, upn: [], email: [] } }));
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toContain(`FAIL SAN has no UPN (otherName ${OID.upn}): Kerberos cannot tell which user the device belongs to`);
    expect(outcome.evidence).toContain('WARN SAN has no e-mail (rfc822Name)');
  });

  it('fails naming the unreadable file, with its remedy or a default one', () => {
    expect(deviceCertCheck.judge({ kind: 'unreadable', message: 'certificates.deviceCertificate: no such file', remedy: 'Choose it again.' })).toEqual({
      status: 'fail',
      evidence: ['certificates.deviceCertificate: no such file'],
      remedy: 'Choose it again.',
    });
    const outcome = deviceCertCheck.judge({ kind: 'unreadable', message: 'not a certificate', remedy: null });
    expect(outcome.status === 'fail' && outcome.remedy).toBe('Choose the device certificate file again (certificates.deviceCertificate).');
  });

  it('fails when no device certificate is given', () => {
    expect(deviceCertCheck.judge({ kind: 'absent' })).toEqual({
      status: 'fail',
      evidence: ['certificates.deviceCertificate is empty'],
      remedy: 'Add a sample device certificate in certificates.deviceCertificate (.cer, .pem or .pfx; its private key is not needed).',
    });
  });
});

describe('pki.device-cert against a served test PKI', () => {
  const served = servedPki('ec');

  it('a server certificate as device: fails on EKU and UPN', async () => {
    served.serve(served.pki);
    const r = await served.run(served.pki, served.pki.serverPem, { intermediates: [served.pki.issuingPem] });
    expect(r['pki.device-cert']?.status).toBe('fail');
    const evidence = r['pki.device-cert']?.evidence.join('\n') ?? '';
    expect(evidence).toContain('without Client Authentication');
    expect(evidence).toContain('SAN has no UPN');
  });

  it('an unreadable device certificate path: fails naming the field', async () => {
    served.serve(served.pki);
    const settings = {
      ...served.settingsFor(served.pki, served.pki.devicePem),
      certificates: { roots: [served.pki.rootPem], intermediates: [], deviceCertificate: 'missing.cer' },
    };
    const r = await runChecks(PKI_CHECKS, { settings, secrets: {}, baseDir: served.pki.dir });
    expect(r[0]?.status).toBe('fail');
    expect(r[0]?.evidence.join('\n')).toContain('certificates.deviceCertificate');
  });

  it('an expired device certificate: fails', { timeout: 60_000 }, async () => {
    const expired = served.pkiFor({ keyType: 'ec', deviceValidity: 'expired' });
    served.serve(expired);
    const r = await served.run(expired, expired.devicePem);
    expect(r['pki.device-cert']?.status).toBe('fail');
    expect(r['pki.device-cert']?.evidence.join('\n')).toContain('expired');
  });
});
