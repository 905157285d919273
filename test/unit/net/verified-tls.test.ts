import type { IncomingMessage } from 'node:http';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openVerifiedTls, verifiedHttpsRequest } from '../../../app/net/https-request';
import { TlsSessionStore, type SessionPlace } from '../../../app/net/tls-sessions';
import { trustFor } from '../../../app/net/trust';
import { makeServerCertificate, startTlsServer, type TestCertificate, type TlsTestServer } from './tls-test-server';

let certificate: TestCertificate;
let server: TlsTestServer;

beforeAll(() => {
  certificate = makeServerCertificate(['mail.test.lab']);
});
beforeEach(async () => {
  server = await startTlsServer(certificate);
});
afterEach(async () => {
  await server.close();
});

const place = (servername = 'mail.test.lab', roots = [certificate.rootPem]): SessionPlace => ({
  address: '127.0.0.1',
  port: server.port,
  servername,
  trust: trustFor(roots).context,
});

function get(p: SessionPlace, connection?: import('node:tls').TLSSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = verifiedHttpsRequest(
      { host: p.address, port: p.port, path: '/', method: 'GET', headers: { Host: p.servername, Authorization: 'Negotiate x' } },
      p,
      undefined,
      (res: IncomingMessage) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
      connection,
    );
    req.on('error', reject);
    req.end();
  });
}

describe('a verified TLS connection opened ahead of its request (openVerifiedTls)', () => {
  it('carries the request later: the server sees one connection, and the request on it', async () => {
    const opened = await openVerifiedTls(place(), new TlsSessionStore(), { timeoutMs: 5000 });
    if (!opened.ok) throw new Error(opened.error.message);
    try {
      expect(await get(place(), opened.value)).toBe(200);
      expect(server.connections()).toBe(1);
      expect(server.authorizations).toEqual(['Negotiate x']);
    } finally {
      opened.value.destroy();
    }
  });

  it('keeps the session it got, so that a later connection of the run resumes it', async () => {
    const sessions = new TlsSessionStore();
    const opened = await openVerifiedTls(place(), sessions, { timeoutMs: 5000 });
    if (!opened.ok) throw new Error(opened.error.message);
    // A TLS 1.3 ticket comes after the handshake: the request's answer brings it at the latest.
    expect(await get(place(), opened.value)).toBe(200);
    const again = await openVerifiedTls(place(), sessions, { timeoutMs: 5000 });
    try {
      expect(again.ok && again.value.isSessionReused()).toBe(true);
    } finally {
      opened.value.destroy();
      if (again.ok) again.value.destroy();
    }
  });

  it('is refused for a certificate that does not name the host, or that no trusted root issued', async () => {
    expect(await openVerifiedTls(place('other.test.lab'), undefined, { timeoutMs: 5000 })).toMatchObject({ ok: false, error: { code: 'tls.failed' } });
    expect(await openVerifiedTls(place('mail.test.lab', []), undefined, { timeoutMs: 5000 })).toMatchObject({ ok: false, error: { code: 'tls.failed' } });
  });

  it('a connection closed before its request is not used: the request dials its own', async () => {
    const opened = await openVerifiedTls(place(), undefined, { timeoutMs: 5000 });
    if (!opened.ok) throw new Error('no connection');
    opened.value.destroy();
    expect(await get(place(), opened.value)).toBe(200);
    expect(server.connections()).toBe(2);
  });

  it('stops when the run is cancelled', async () => {
    const controller = new AbortController();
    const pending = openVerifiedTls({ ...place(), address: '127.0.0.1', port: 9 }, undefined, { timeoutMs: 5000, signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ ok: false });
  });
});
