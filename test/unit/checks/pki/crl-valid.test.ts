import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crlValidCheck } from '../../../../app/checks/pki/crl-valid';
import { parseCertificate } from '../../../../app/pki/certificate';
import { buildCrl, der, extension, integer } from '../../../fixtures/pki/crl-builder';
import { crlFacts, withCert, withCrl, type Chain } from './crl-variants';
import { ALL_PASS, servedPki, statuses } from './served-pki';

const facts = (scenario: string) => crlFacts(scenario, 'pki.crl-valid');
const healthy = () => facts('healthy');
const BASE = 'CRL #1 http://pki.se.airwlab.com/CertEnroll/SE-SEDC01-CA.crl';
const DELTA = 'delta CRL #2 http://pki.se.airwlab.com/CertEnroll/SE-SEDC01-CA+.crl';
const lines = (f: Chain) => crlValidCheck.judge(f).evidence ?? [];
const IDP = { urls: [], onlyUserCerts: false, onlyCaCerts: false, onlySomeReasons: false, indirect: false };
/** The facts judged `ms` after they were gathered. */
const later = (f: Chain, ms: number): Chain => ({ ...f, now: new Date(Date.parse(f.now) + ms).toISOString() });

describe('pki.crl-valid judge, from facts recorded in the lab', () => {
  it('passes against the healthy lab: each CRL signed by its CA and current, the delta applying to the base served', () => {
    const outcome = crlValidCheck.judge(healthy());
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.join('\n')).toMatch(
      new RegExp(`^${BASE.replace(/[.+]/g, '\\$&')}: signed by CN=SE-SEDC01-CA, thisUpdate .*, nextUpdate .*$`, 'm'),
    );
    expect(outcome.evidence).toContain(`${DELTA}: delta of base CRL #1 (base served: #1)`);
    expect(outcome.evidence).toContain('CN=SE Lab Root CA: root CA without CDP: normal');
  });

  it('fails on an expired CRL, asking the CA to publish', () => {
    const outcome = crlValidCheck.judge(facts('expiredCrl'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence.join('\n')).toMatch(/^FAIL CRL #1 .*SE-SEDC01-CA\.crl: thisUpdate .*, nextUpdate .*: expired$/m);
    expect(outcome.remedy).toMatch(/^Publish a new CRL on the CA/);
    expect(outcome.command).toBe('certutil -crl');
  });

  it('skips while the chain is incomplete', () => {
    expect(crlValidCheck.judge(facts('aiaMissing'))).toEqual({
      status: 'skip',
      reason: 'no CRL could be downloaded (see pki.crl-reachable and pki.no-ldap-urls)',
      evidence: ['CN=alice: issuer not found (see pki.chain): its CRL is checked once the chain builds'],
    });
  });

  it('notes a CRL that was not downloaded, leaving it to pki.crl-reachable', () => {
    expect(lines(facts('deltaCrlRefused'))).toContain('http://pki.se.airwlab.com/CertEnroll/SE-SEDC01-CA+.crl: not downloaded (see pki.crl-reachable)');
  });

  it('fails on a CRL another CA issued', () => {
    const outcome = crlValidCheck.judge(withCrl(healthy(), 0, 'base', { issuerDer: '3000', issuerName: 'CN=Other CA' }));
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toContain(`FAIL ${BASE}: issued by "CN=Other CA", not by "CN=SE-SEDC01-CA"`);
  });

  it('accepts an issuer whose DER differs but whose name reads the same (another string encoding)', () => {
    expect(crlValidCheck.judge(withCrl(healthy(), 0, 'base', { issuerDer: '3000' })).status).toBe('pass');
  });

  it('fails on a CRL signed by another key of the CA', () => {
    const outcome = crlValidCheck.judge(withCrl(healthy(), 0, 'base', { authorityKeyId: 'abcd' }));
    expect(outcome.evidence?.join('\n')).toMatch(
      new RegExp(`^FAIL ${BASE.replace(/[.+]/g, '\\$&')}: signed by key abcd, but CN=SE-SEDC01-CA has key [0-9a-f]+$`, 'm'),
    );
  });

  it("fails on a signature that does not verify, with the verifier's reason", () => {
    const outcome = crlValidCheck.judge(withCrl(healthy(), 0, 'base', { signature: 'invalid', signatureProblem: 'the key is RSA, the signature ECDSA' }));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toContain(`FAIL ${BASE}: the signature does not verify with CN=SE-SEDC01-CA's key (the key is RSA, the signature ECDSA)`);
    expect(outcome.remedy).toBe('The file was changed after signing or comes from another CA: publish the CRL again from the CA.');
  });

  it('fails on unknown critical extensions (RFC 5280 §5.2)', () => {
    expect(lines(withCrl(healthy(), 0, 'base', { unknownCritical: ['1.2.3.4'] }))).toContain(
      `FAIL ${BASE}: unknown critical extensions 1.2.3.4 make it unusable (RFC 5280 §5.2)`,
    );
  });

  it('fails on a CRL whose Issuing Distribution Point does not cover the certificate', () => {
    expect(lines(withCrl(healthy(), 0, 'base', { issuingDistributionPoint: { ...IDP, onlyCaCerts: true } }))).toContain(
      `FAIL ${BASE}: its Issuing Distribution Point limits it to CA certificates, so it does not cover CN=alice`,
    );
    const root = 'CRL #1 http://pki.se.airwlab.com/CertEnroll/SE-Lab-Root-CA.crl';
    expect(lines(withCrl(healthy(), 1, 'base', { issuingDistributionPoint: { ...IDP, onlyUserCerts: true } }))).toContain(
      `FAIL ${root}: its Issuing Distribution Point limits it to end-entity certificates, so it does not cover CN=SE-SEDC01-CA`,
    );
  });

  it('warns on a CRL that covers only some reasons', () => {
    const outcome = crlValidCheck.judge(withCrl(healthy(), 0, 'base', { issuingDistributionPoint: { ...IDP, onlySomeReasons: true } }));
    expect(outcome.status).toBe('warn');
    expect(outcome.evidence).toContain(`WARN ${BASE}: covers only some revocation reasons (onlySomeReasons)`);
  });

  it('fails on a CRL not valid yet, pointing at the clocks', () => {
    const outcome = crlValidCheck.judge(later(healthy(), -2 * 86_400_000));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence.join('\n')).toMatch(/: not valid yet$/m);
    expect(outcome.command).toBe('w32tm /resync');
  });

  it('warns on a CRL without nextUpdate, and on one in the last tenth of its validity', () => {
    const open = crlValidCheck.judge(withCrl(healthy(), 1, 'base', { nextUpdate: null }));
    expect(open.status).toBe('warn');
    expect(open.evidence?.join('\n')).toMatch(/nextUpdate none: no nextUpdate, so nobody can tell when it is stale$/m);
    const f = healthy();
    const next = f.certificates[0]?.base[0];
    if (next === undefined || !next.ok || next.crl.nextUpdate === null) throw new Error('no base CRL recorded');
    const soon = crlValidCheck.judge({ ...f, now: new Date(Date.parse(next.crl.nextUpdate) - 30 * 60_000).toISOString() });
    expect(soon.status).toBe('warn');
    expect(soon.evidence?.join('\n')).toMatch(/: expires soon$/m);
  });

  it('fails on a delta CRL without a Delta CRL Indicator', () => {
    expect(lines(withCrl(healthy(), 0, 'delta', { deltaBase: null }))).toContain(`FAIL ${DELTA}: named as a delta CRL but has no Delta CRL Indicator`);
  });

  it('fails on a delta that needs a newer base than the one served, and on a stale delta', () => {
    expect(lines(withCrl(healthy(), 0, 'delta', { deltaBase: '3', crlNumber: '4' }))).toContain(
      'FAIL delta CRL #4 http://pki.se.airwlab.com/CertEnroll/SE-SEDC01-CA+.crl: applies to base CRL #3 or later, but the base CRL served is #1',
    );
    expect(lines(withCrl(healthy(), 0, 'delta', { crlNumber: '1' }))).toContain(
      "FAIL delta CRL #1 http://pki.se.airwlab.com/CertEnroll/SE-SEDC01-CA+.crl: its number #1 is not above the base CRL's #1: this delta is stale",
    );
  });

  it("names the delta's base when the base CRL has no number", () => {
    expect(lines(withCrl(healthy(), 0, 'base', { crlNumber: null }))).toContain(`${DELTA}: delta of base CRL #1`);
  });

  it('checks a CRL shared by two certificates once', () => {
    const f = healthy();
    const twice = withCert(f, 1, (c) => ({ ...c, base: [...c.base, ...(f.certificates[0]?.base ?? [])] }));
    expect(lines(twice).filter((l) => l.startsWith(`${BASE}:`))).toHaveLength(1);
  });

  it('skips without a readable device certificate', () => {
    expect(crlValidCheck.judge({ now: healthy().now, certificates: null })).toEqual({
      status: 'skip',
      reason: 'no readable device certificate (see pki.device-cert)',
    });
  });
});

describe('pki.crl-valid against a served test PKI', () => {
  const served = servedPki('ec');

  it('a CRL whose signature bytes were changed, issuer intact: fails on the signature', async () => {
    served.serve(served.pki);
    const crl = Buffer.from(served.pki.files.get('issuing.crl') as Buffer);
    // The CRL ends with its signature (BIT STRING, RFC 5280 §5.1): flip a bit of its last byte.
    crl[crl.length - 1] = (crl[crl.length - 1] as number) ^ 0x01;
    served.server.rules.overrides.set('issuing.crl', crl);
    const r = await served.run(served.pki, served.pki.devicePem);
    expect(r['pki.crl-valid']?.status).toBe('fail');
    const evidence = r['pki.crl-valid']?.evidence.join('\n') ?? '';
    expect(evidence).toMatch(
      /^FAIL CRL #\d+ http:\/\/.*\/CertEnroll\/issuing\.crl: the signature does not verify with DC=com, DC=airwlab, CN=SE Lab Issuing CA's key/m,
    );
    expect(evidence).not.toContain('issued by');
    expect(r['pki.crl-valid']?.remedy).toBe('The file was changed after signing or comes from another CA: publish the CRL again from the CA.');
  });

  it('a CRL limited to CA certificates (Issuing Distribution Point): fails for the device', async () => {
    served.serve(served.pki);
    const issuing = parseCertificate(Buffer.from(served.pki.files.get('issuing.crt') as Buffer));
    if (!issuing.ok) throw new Error(issuing.error.message);
    const now = Date.now();
    const crl = buildCrl({
      issuer: issuing.value.subjectDer,
      thisUpdate: new Date(now - 60_000),
      nextUpdate: new Date(now + 7 * 86_400_000),
      entries: Buffer.alloc(0),
      // onlyContainsCACerts [2] TRUE (RFC 5280 §5.2.5)
      extensions: [extension('2.5.29.20', false, integer(4096n)), extension('2.5.29.28', true, der(0x30, Buffer.from([0x82, 0x01, 0xff])))],
      key: createPrivateKey(readFileSync(join(served.pki.dir, 'issuing.key'))),
      algorithm: 'ecdsa-with-SHA256',
    });
    served.server.rules.overrides.set('issuing.crl', crl);
    const r = await served.run(served.pki, served.pki.devicePem);
    expect(r['pki.crl-valid']?.status).toBe('fail');
    expect(r['pki.crl-valid']?.evidence.join('\n')).toContain('limits it to CA certificates, so it does not cover CN=alice');
  });

  it('an expired base CRL: fails and says so', { timeout: 60_000 }, async () => {
    const expired = served.pkiFor({ keyType: 'ec', expiredCrl: true });
    served.serve(expired);
    const r = await served.run(expired, expired.devicePem);
    expect(statuses(r)).toEqual({ ...ALL_PASS, 'pki.crl-valid': 'fail' });
    expect(r['pki.crl-valid']?.evidence.join('\n')).toMatch(/nextUpdate 2024-01-08 00:00:00Z: expired/);
    expect(r['pki.crl-valid']?.command).toBe('certutil -crl');
  });
});
