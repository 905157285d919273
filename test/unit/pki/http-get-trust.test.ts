import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpGet, readBody } from '../../../app/pki/http-get';
import { makeServerCertificate, type TestCertificate } from '../net/tls-test-server';

/** CRL and AIA over HTTPS use the one trust of app/net/trust.ts (issue 16). */
const HOST = 'pki.https.test.lab';
let cert: TestCertificate;
let server: Server;
let url: string;
let dir: string;
const saved = process.env.NODE_EXTRA_CA_CERTS;

beforeAll(async () => {
  cert = makeServerCertificate([HOST]);
  server = createServer({ cert: cert.certPem, key: cert.keyPem }, (_req, res) => res.end('crl bytes'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `https://${HOST}:${(server.address() as AddressInfo).port}/CertEnroll/ca.crl`;
  dir = mkdtempSync(join(tmpdir(), 'seg-http-trust-'));
});

afterEach(() => {
  if (saved === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
  else process.env.NODE_EXTRA_CA_CERTS = saved;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

const get = (trustedCa?: readonly string[]) =>
  httpGet(url, { hosts: { [HOST]: '127.0.0.1' }, dnsServer: '', timeoutMs: 5_000, totalMs: 10_000, maxBytes: 1024, ...(trustedCa ? { trustedCa } : {}) });

async function body(trustedCa?: readonly string[]): Promise<string> {
  const r = await get(trustedCa);
  if (!r.ok) return `failed: ${r.error.message}`;
  const b = await readBody(r.value, 1024);
  return b.ok ? b.value.toString() : 'unreadable';
}

describe('CRL/AIA over HTTPS: the one trust', () => {
  it("trusts the Certificates step's roots", async () => {
    delete process.env.NODE_EXTRA_CA_CERTS;
    expect(await body([cert.rootPem])).toBe('crl bytes');
  });

  it('trusts a CA given only through NODE_EXTRA_CA_CERTS', async () => {
    const file = join(dir, 'extra.pem');
    writeFileSync(file, cert.rootPem);
    process.env.NODE_EXTRA_CA_CERTS = file;
    expect(await body()).toBe('crl bytes');
  });

  it('refuses a CA that is nowhere', async () => {
    delete process.env.NODE_EXTRA_CA_CERTS;
    expect(await body()).toMatch(/^failed: .*(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
  });
});
