import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { easRequest } from '../../../app/eas/eas-request';
import type { EasTarget } from '../../../app/eas/eas-target';
import { inspectTls } from '../../../app/eas/tls-inspect';
import { TlsSessionStore } from '../../../app/net/tls-sessions';
import { trustFor } from '../../../app/net/trust';
import { makeServerCertificate, startTlsServer, type TestCertificate, type TlsTestServer } from '../net/tls-test-server';

let certificate: TestCertificate;
let server: TlsTestServer;

beforeAll(() => {
  certificate = makeServerCertificate(['mail.test.lab', 'owa.test.lab']);
});
beforeEach(async () => {
  server = await startTlsServer(certificate);
});
afterEach(async () => {
  await server.close();
});

function target(host = 'mail.test.lab', roots = [certificate.rootPem]): EasTarget {
  return {
    host,
    address: '127.0.0.1',
    addressSource: 'network.hosts',
    port: server.port,
    tls: true,
    path: '/Microsoft-Server-ActiveSync',
    trust: trustFor(roots),
  };
}

const inspect = (t: EasTarget, sessions?: TlsSessionStore) => inspectTls(t, 5000, new AbortController().signal, sessions);
const request = (t: EasTarget, sessions?: TlsSessionStore) =>
  easRequest(t, { method: 'OPTIONS', timeoutMs: 5000, signal: new AbortController().signal, ...(sessions ? { sessions } : {}) });
const offered = (t: EasTarget, sessions: TlsSessionStore) => sessions.offer({ address: t.address, port: t.port, servername: t.host, trust: t.trust.context });

describe("the eas.* connections with a run's TLS sessions", () => {
  it('eas.tls keeps the session of a verified chain that names the host, and the requests resume it', async () => {
    const sessions = new TlsSessionStore();
    const seen = await inspect(target(), sessions);
    expect(seen.ok && seen.value.trustError === null && seen.value.nameError === null).toBe(true);
    expect(offered(target(), sessions)).toBeDefined();
    const answers = await Promise.all([request(target(), sessions), request(target(), sessions)]);
    expect(answers.map((a) => a.ok && a.value.status)).toEqual([200, 200]);
    expect(server.resumed).toEqual([false, true, true]);
  });

  it('eas.tls always does a full handshake: it reports the chain, which a resumed handshake does not present', async () => {
    const sessions = new TlsSessionStore();
    await request(target(), sessions);
    const seen = await inspect(target(), sessions);
    expect(server.resumed).toEqual([false, false]);
    expect(seen.ok && seen.value.chain[0]?.dnsNames).toEqual(['mail.test.lab', 'owa.test.lab']);
  });

  it('keeps nothing from a chain that does not verify', async () => {
    const sessions = new TlsSessionStore();
    const untrusted = target('mail.test.lab', []);
    const seen = await inspect(untrusted, sessions);
    expect(seen.ok && seen.value.trustError).toBeTruthy();
    const answer = await request(untrusted, sessions);
    expect(answer.ok ? '' : answer.error.code).toBe('eas.request-failed');
    expect(offered(untrusted, sessions)).toBeUndefined();
  });

  it('keeps nothing from a certificate that does not name the host', async () => {
    const sessions = new TlsSessionStore();
    const other = target('autodiscover.test.lab');
    const seen = await inspect(other, sessions);
    expect(seen.ok && seen.value.nameError).toMatch(/autodiscover\.test\.lab/);
    expect(offered(other, sessions)).toBeUndefined();
  });

  it('does not offer a session made for another name of the same server', async () => {
    const sessions = new TlsSessionStore();
    await request(target('mail.test.lab'), sessions);
    await request(target('owa.test.lab'), sessions);
    expect(server.resumed).toEqual([false, false]);
  });

  it('does a full handshake for every request without a store', async () => {
    await request(target());
    await request(target());
    expect(server.resumed).toEqual([false, false]);
  });
});
