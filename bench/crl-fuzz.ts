/**
 * `npx tsx bench/crl-fuzz.ts [n]`: n (10^5 by default) damaged CRLs through the streaming
 * walker and n damaged certificate files (PEM, DER, PKCS#7, and a share of PFX) through
 * importCertificates. Every input must end in a typed rejection or a clean result; any
 * other exception is a decoder bug and fails the run (exit 1). test/unit/pki/fuzz.test.ts
 * runs a sample of the same generator on every test run.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestPki } from '../test/fixtures/pki/openssl-pki';
import { fuzzImport, fuzzWalker, type FuzzTally } from '../test/fixtures/pki/fuzz';

/** forge's PKCS#12 key derivation is plain JavaScript (~50 ms a file): PFX gets a smaller share. */
const PFX_SHARE = 0.01;

function report(name: string, t: FuzzTally, ms: number): boolean {
  const codes = [...t.rejected.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([c, k]) => `${c} ${k}`)
    .join(', ');
  console.log(
    `${name.padEnd(22)} ${String(t.inputs).padStart(7)} inputs  ${String(t.accepted).padStart(6)} accepted  ${String(t.inputs - t.accepted - t.crashes.length).padStart(7)} rejected (typed)  ${String(t.crashes.length).padStart(3)} crashes  ${(ms / 1000).toFixed(1)} s`,
  );
  console.log(`${''.padEnd(22)} ${codes}`);
  for (const c of t.crashes.slice(0, 5)) console.log(`  CRASH ${c}`);
  return t.crashes.length === 0;
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  const pki = makeTestPki({ baseUrl: 'http://pki.fuzz.lab/CertEnroll', keyType: 'rsa' });
  try {
    execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', 'issuing.pem', '-certfile', 'root.pem', '-outform', 'DER', '-out', 'chain.p7b'], {
      cwd: pki.dir,
    });
    execFileSync(
      'openssl',
      ['pkcs12', '-export', '-in', 'alice.pem', '-inkey', 'alice.key', '-certfile', 'issuing.pem', '-passout', 'pass:fuzz', '-out', 'alice.p12'],
      { cwd: pki.dir },
    );
    const crls = ['issuing.crl', 'issuing+.crl', 'root.crl'].map((f) => pki.files.get(f) as Buffer);
    const certs = [Buffer.from(pki.devicePem), pki.files.get('issuing.crt') as Buffer, readFileSync(join(pki.dir, 'chain.p7b'))];
    const pfxCount = Math.max(1, Math.round(n * PFX_SHARE));

    let t0 = performance.now();
    const walker = fuzzWalker(crls, n, 0x5eed, { issuerKey: new X509Certificate(pki.issuingPem).publicKey, lookFor: ['01'] });
    const okWalker = report('CRL walker', walker, performance.now() - t0);
    t0 = performance.now();
    const imports = await fuzzImport(certs, n - pfxCount, 0x1234);
    const okImport = report('import PEM/DER/P7B', imports, performance.now() - t0);
    t0 = performance.now();
    const pfx = await fuzzImport([readFileSync(join(pki.dir, 'alice.p12'))], pfxCount, 0x4321, 'fuzz');
    const okPfx = report('import PFX', pfx, performance.now() - t0);
    if (!(okWalker && okImport && okPfx)) process.exitCode = 1;
  } finally {
    rmSync(pki.dir, { recursive: true, force: true });
  }
}

void main();
