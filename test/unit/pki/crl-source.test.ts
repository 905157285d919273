import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCrl } from '../../../app/pki/crl-source';

/** Responses that never end: a refusal must come from the first bytes, not from the end of the body. */
const open: ServerResponse[] = [];
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    open.push(res);
    if (req.url === '/declared-huge.crl') {
      res.writeHead(200, { 'content-length': String(500 * 1024 * 1024) });
      res.write(Buffer.alloc(1024));
    } else if (req.url === '/der-huge.crl') {
      // Chunked, no Content-Length: the CRL's own outer length says 256 MiB.
      res.writeHead(200);
      res.write(Buffer.from([0x30, 0x84, 0x10, 0x00, 0x00, 0x00, 0x30, 0x84]));
    } else if (req.url === '/silent.crl') {
      res.writeHead(200);
      res.write(Buffer.from([0x30, 0x82]));
    } else if (req.url === '/html.crl') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Login</body></html>');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const res of open) res.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const http = (timeoutMs = 2000) => ({ hosts: { 'cdp.test.lab': '127.0.0.1' }, dnsServer: '', timeoutMs, totalMs: 10_000 });

describe('readCrl over HTTP', () => {
  it('refuses a declared Content-Length over the cap before reading the body', async () => {
    const started = Date.now();
    const r = await readCrl({ kind: 'url', url: `http://cdp.test.lab:${port}/declared-huge.crl` }, { maxBytes: 10 * 1024 * 1024, http: http() });
    expect(r.ok ? null : r.error.code).toBe('crl.too-large');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('refuses a CRL whose DER length is over the cap from its first bytes', async () => {
    const started = Date.now();
    const r = await readCrl({ kind: 'url', url: `http://cdp.test.lab:${port}/der-huge.crl` }, { maxBytes: 10 * 1024 * 1024, http: http() });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'crl.too-large', message: expect.stringContaining('268435462 bytes') });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('gives up on a server that stops sending, after the idle time limit', async () => {
    const started = Date.now();
    const r = await readCrl({ kind: 'url', url: `http://cdp.test.lab:${port}/silent.crl` }, { maxBytes: 1024 * 1024, http: http(300) });
    expect(r.ok ? null : r.error.code).toMatch(/crl\.(timeout|unreachable)/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('names an HTML page served as a CRL as malformed, and keeps the 404 status', async () => {
    const html = await readCrl({ kind: 'url', url: `http://cdp.test.lab:${port}/html.crl` }, { maxBytes: 1024 * 1024, http: http() });
    expect(html.ok ? null : html.error.code).toBe('crl.malformed');
    const missing = await readCrl({ kind: 'url', url: `http://cdp.test.lab:${port}/nothing.crl` }, { maxBytes: 1024 * 1024, http: http() });
    expect(missing.ok ? null : missing.error.httpStatus).toBe(404);
  });

  it('refuses an ldap:// URL as not fetchable over HTTP', async () => {
    const ldap = await readCrl({ kind: 'url', url: 'ldap:///CN=x' }, { maxBytes: 1024, http: http() });
    expect(ldap.ok ? null : ldap.error.code).toBe('crl.bad-url');
  });
});
