import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../../fixtures/pki/openssl-pki';
import { fuzzImport, fuzzWalker } from '../../fixtures/pki/fuzz';

// A sample of the bench's 10^5 inputs (bench/crl-fuzz.ts), small enough for every test run.
let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki({ baseUrl: 'http://pki.fuzz.lab/CertEnroll', keyType: 'ec' });
  execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', 'issuing.pem', '-certfile', 'root.pem', '-outform', 'DER', '-out', 'chain.p7b'], {
    cwd: pki.dir,
  });
  execFileSync(
    'openssl',
    ['pkcs12', '-export', '-in', 'alice.pem', '-inkey', 'alice.key', '-certfile', 'issuing.pem', '-passout', 'pass:fuzz', '-out', 'alice.p12'],
    { cwd: pki.dir },
  );
}, 60_000);

describe('fuzzing', () => {
  it('the CRL walker rejects 3000 damaged CRLs with typed errors only', () => {
    const seeds = ['issuing.crl', 'issuing+.crl', 'root.crl'].map((f) => pki.files.get(f) as Buffer);
    const t = fuzzWalker(seeds, 3000, 0xc0ffee, { issuerKey: new X509Certificate(pki.issuingPem).publicKey, lookFor: ['01'] });
    expect(t.crashes).toEqual([]);
    expect(t.rejected.size).toBeGreaterThan(4);
    expect(t.accepted).toBeLessThan(t.inputs);
  });

  it('certificate import returns a Result for 1500 damaged PEM, DER, PKCS#7 and PFX files', async () => {
    const seeds = [Buffer.from(pki.devicePem), pki.files.get('issuing.crt') as Buffer, readFileSync(join(pki.dir, 'chain.p7b'))];
    const t = await fuzzImport(seeds, 1470, 0xbadcafe);
    const pfx = await fuzzImport([readFileSync(join(pki.dir, 'alice.p12'))], 30, 0xfeed, 'fuzz');
    expect([...t.crashes, ...pfx.crashes]).toEqual([]);
    expect(t.rejected.size).toBeGreaterThan(2);
    expect(pfx.rejected.size).toBeGreaterThan(0);
  }, 60_000);
});
