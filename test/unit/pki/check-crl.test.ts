import { PassThrough } from 'node:stream';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheckCrl } from '../../../app/cli/check-crl';
import type { CliIo } from '../../../app/cli/io';
import { makeTestPki, type TestPki } from '../../fixtures/pki/openssl-pki';
import { startCdpServer, type CdpServer } from '../../fixtures/pki/crl-server';

function io(cwd: string): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdout, stderr, stdin: new PassThrough(), env: {}, cwd }, out: () => out, err: () => err };
}

let server: CdpServer;
let pki: TestPki;
beforeAll(async () => {
  server = await startCdpServer();
  pki = makeTestPki({ baseUrl: `http://crl.test.lab:${server.port}/CertEnroll`, keyType: 'ec' });
  for (const [name, bytes] of pki.files) server.files.set(name, bytes);
}, 60_000);
afterAll(async () => {
  await server.close();
});

describe('seg-setup check-crl', () => {
  it('downloads through a pinned name, verifies with --issuer and reports a revoked --serial (exit 1)', async () => {
    const bob = new X509Certificate(pki.revokedPem).serialNumber;
    const t = io(pki.dir);
    const code = await runCheckCrl(
      [`http://crl.test.lab:${server.port}/CertEnroll/issuing.crl`, '--host', 'crl.test.lab=127.0.0.1', '--issuer', 'issuing.pem', '--serial', bob],
      t.io,
    );
    expect(code).toBe(1);
    expect(t.out()).toMatch(/signature +valid \(ecdsa-with-SHA256/);
    expect(t.out()).toMatch(/entries +1\n/);
    expect(t.out()).toMatch(/REVOKED .* keyCompromise/);
    expect(t.out()).toMatch(new RegExp(`delta CRL at +http://crl\\.test\\.lab:${server.port}/CertEnroll/issuing\\+\\.crl`));
  });

  it('reads a file, lists entries as JSON-free lines and exits 0 when nothing is wrong', async () => {
    const t = io(pki.dir);
    const code = await runCheckCrl(['issuing+.crl', '--issuer', join(pki.dir, 'issuing.pem'), '--list'], t.io);
    expect(code).toBe(0);
    const serial = new X509Certificate(pki.deltaRevokedPem).serialNumber.toLowerCase();
    expect(t.out()).toContain(`${serial}  `);
    expect(t.out()).toMatch(/CRL number +4097 \(delta of base 4096\)/);
  });

  it('prints JSON', async () => {
    const t = io(pki.dir);
    expect(await runCheckCrl(['root.crl', '--issuer', 'root.pem', '--json'], t.io)).toBe(0);
    const json = JSON.parse(t.out()) as { signature: string; entries: number; ok: boolean };
    expect(json).toMatchObject({ signature: 'valid', entries: 0, ok: true });
  });

  it('says invalid when --issuer is the wrong CA', async () => {
    const t = io(pki.dir);
    expect(await runCheckCrl(['issuing.crl', '--issuer', 'root.pem'], t.io)).toBe(1);
    expect(t.out()).toContain('PROBLEM');
  });

  it('refuses a CRL over --max-mb before reading it, and bad arguments, with exit 2', async () => {
    const t = io(pki.dir);
    expect(await runCheckCrl(['issuing.crl', '--max-mb', '0.0001'], t.io)).toBe(2);
    expect(t.err()).toContain('over the limit');
    expect(await runCheckCrl([], io(pki.dir).io)).toBe(2);
    expect(await runCheckCrl(['a.crl', '--serial', 'xyz'], io(pki.dir).io)).toBe(2);
    expect(await runCheckCrl(['issuing.pem'], io(pki.dir).io)).toBe(2);
  });

  it('diagnoses an HTTP 404 as an error with exit 2', async () => {
    const t = io(pki.dir);
    expect(await runCheckCrl([`http://127.0.0.1:${server.port}/CertEnroll/nothing.crl`], t.io)).toBe(2);
    expect(t.err()).toContain('HTTP 404');
  });
});
