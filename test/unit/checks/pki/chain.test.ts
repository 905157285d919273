import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../../app/checks/runner';
import { emptySettings } from '../../../../app/contract/settings';
import { chainCheck, type ChainFacts } from '../../../../app/checks/pki/chain';
import { recordedFacts } from '../../../support/facts';
import { servedPki } from './served-pki';

type Chain = NonNullable<ChainFacts['chain']>;
const facts = (scenario: string) => recordedFacts<ChainFacts>(scenario, 'pki.chain');
const built = (f: ChainFacts): Chain => {
  if (f.chain === null) throw new Error('no chain was recorded');
  return f.chain;
};
/** The healthy chain with its certificate at `i` changed. */
function withCert(i: number, change: Partial<Chain['certificates'][number]['cert']>): ChainFacts {
  const f = facts('healthy');
  const chain = built(f);
  return { ...f, chain: { ...chain, certificates: chain.certificates.map((c, j) => (j === i ? { ...c, cert: { ...c.cert, ...change } } : c)) } };
}

describe('pki.chain judge, from facts recorded in the lab', () => {
  it('passes against the healthy lab: device, CA and the given root, every signature verified', () => {
    const outcome = chainCheck.judge(facts('healthy'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.[0]).toMatch(/^0: device CN=alice \(serial \w+, SHA-256 [0-9A-F:]{23}…\)$/);
    expect(outcome.evidence?.[1]).toMatch(/^1: CA CN=SE-SEDC01-CA /);
    expect(outcome.evidence?.[2]).toMatch(/^2: root CN=SE Lab Root CA /);
    expect(outcome.evidence).toContain('ends at the given root CN=SE Lab Root CA; every signature verifies');
  });

  it('fails when the issuing CA is neither given nor at its AIA URL, naming it and the URL', () => {
    const outcome = chainCheck.judge(facts('aiaMissing'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toContain(
      'FAIL no issuer found for CN=alice: missing CA certificate "CN=SE-SEDC01-CA" (AIA: http://pki.se.airwlab.com/CertEnroll/SE-SEDC01-CA.crt)',
    );
    expect(outcome.remedy).toMatch(/^Add the certificate of "CN=SE-SEDC01-CA" under intermediates/);
    expect(outcome.command).toBe('certutil -ca.cert ca.cer');
  });

  it('says when the certificate without issuer has no AIA URL at all', () => {
    const f = facts('aiaMissing');
    const chain = built(f);
    const outcome = chainCheck.judge({ ...f, chain: { ...chain, end: { ...chain.end, cert: { ...chain.end.cert, aia: { caIssuers: [], ocsp: [] } } } } });
    expect(outcome.evidence).toContain('FAIL no issuer found for CN=alice: missing CA certificate "CN=SE-SEDC01-CA" (the certificate has no AIA URL)');
  });

  it('fails when the chain ends at a root that was not given, with its fingerprint', () => {
    const f = facts('healthy');
    const chain = built(f);
    const outcome = chainCheck.judge({ ...f, givenRoots: [], chain: { ...chain, end: { ...chain.end, kind: 'other-root' } } });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence.join('\n')).toMatch(
      /^FAIL the chain ends at root CN=SE Lab Root CA \(SHA-256 [0-9A-F:]{95}\), which is not among the roots given \(none\)$/m,
    );
    expect(outcome.remedy).toMatch(/^Either add this root to certificates.roots/);
  });

  it('fails on a CA of the chain without basicConstraints CA, or outside its validity', () => {
    expect(chainCheck.judge(withCert(1, { isCa: false })).evidence).toContain(
      'FAIL CN=SE-SEDC01-CA signed the certificate below it but is not a CA (basicConstraints)',
    );
    expect(chainCheck.judge(withCert(1, { notAfter: '2020-01-01T00:00:00.000Z' })).evidence?.join('\n')).toMatch(
      /^FAIL CN=SE-SEDC01-CA is outside its validity \(.* to 2020-01-01 00:00:00Z\)$/m,
    );
  });

  it('shows where a certificate was fetched from, and the notes of the chain builder', () => {
    const f = facts('healthy');
    const chain = built(f);
    const certificates = chain.certificates.map((c, i) => (i === 1 ? { ...c, fetchedFrom: 'http://pki.se.airwlab.com/CertEnroll/SE-SEDC01-CA.crt' } : c));
    const outcome = chainCheck.judge({ ...f, chain: { ...chain, certificates, notes: ['AIA http://x/y.crt: HTTP 404'] } });
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.[1]).toMatch(/, fetched from AIA http:\/\/pki\.se\.airwlab\.com\/CertEnroll\/SE-SEDC01-CA\.crt$/);
    expect(outcome.evidence).toContain('AIA http://x/y.crt: HTTP 404');
  });

  it('fails on an unreadable CA certificate file, with its remedy or a default one', () => {
    const outcome = chainCheck.judge({ ...facts('healthy'), problems: [{ message: 'certificates.roots[1]: not a certificate', remedy: null }] });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence[0]).toBe('FAIL certificates.roots[1]: not a certificate');
    expect(outcome.remedy).toBe('Choose the CA certificate files again (certificates.roots, certificates.intermediates).');
  });

  it('skips without a readable device certificate', () => {
    expect(chainCheck.judge({ ...facts('healthy'), chain: null })).toEqual({ status: 'skip', reason: 'no readable device certificate (see pki.device-cert)' });
  });

  it('fails on an unreadable CA certificate file even without a device certificate, naming the file and its error', () => {
    const problem = { message: 'certificates.roots.0: /srv/seg/root.cer cannot be read (EACCES: permission denied)', remedy: 'Give the path.' };
    const outcome = chainCheck.judge({ ...facts('healthy'), chain: null, problems: [problem] });
    expect(outcome).toEqual({
      status: 'fail',
      evidence: [`FAIL ${problem.message}`, 'chain not built: no readable device certificate (see pki.device-cert)'],
      remedy: 'Give the path.',
    });
  });
});

describe('pki.chain gathers the CA files of the settings', () => {
  it.each([
    ['no device certificate is given', ''],
    ['the device certificate is unreadable too (pki.device-cert names it)', 'missing-device.cer'],
  ])('names an unreadable root file with its error when %s', async (_name, deviceCertificate) => {
    const dir = mkdtempSync(join(tmpdir(), 'pki-chain-'));
    try {
      const settings = emptySettings();
      settings.certificates = { roots: ['missing-root.cer'], intermediates: [], deviceCertificate };
      const [r] = await runChecks([chainCheck], { settings, secrets: {}, baseDir: dir });
      const root = join(dir, 'missing-root.cer');
      expect(r?.status, JSON.stringify(r)).toBe('fail');
      expect(r?.evidence).toEqual([
        `FAIL certificates.roots.0: ${root} cannot be read (ENOENT: no such file or directory, stat '${root}')`,
        'chain not built: no readable device certificate (see pki.device-cert)',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pki.chain against a served test PKI', () => {
  const served = servedPki('ec');

  it('no root given: fails naming the root it reached', async () => {
    served.serve(served.pki);
    const r = await served.run(served.pki, served.pki.devicePem, { roots: [] });
    expect(r['pki.chain']?.status).toBe('fail');
    expect(r['pki.chain']?.evidence.join('\n')).toContain('ends at root DC=com, DC=airwlab, CN=SE Lab Root CA');
  });

  it('issuing CA neither given nor at its AIA URL: fails naming it, and only the chain is red', async () => {
    served.serve(served.pki);
    served.server.files.delete('issuing.crt');
    const r = await served.run(served.pki, served.pki.devicePem);
    expect(r['pki.chain']?.status).toBe('fail');
    expect(r['pki.chain']?.evidence.join('\n')).toContain('missing CA certificate "DC=com, DC=airwlab, CN=SE Lab Issuing CA"');
    // The revocation checks say why they cannot judge yet.
    expect(
      Object.values(r)
        .filter((x) => x.status === 'fail')
        .map((x) => x.id),
    ).toEqual(['pki.chain']);
    expect(r['pki.not-revoked']?.status).toBe('warn');
  });
});
