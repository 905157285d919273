import { X509Certificate } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TlsSessionStore } from '../../../app/net/tls-sessions';
import { trustFor } from '../../../app/net/trust';
import { httpsExchange, type TransportOptions } from '../../../app/uem/https-exchange';
import { makeServerCertificate, startTlsServer, type TestCertificate, type TlsTestServer } from '../net/tls-test-server';

const NAMES = ['uem.test.lab', 'api.test.lab'];
let certificate: TestCertificate;
let server: TlsTestServer;

beforeAll(() => {
  certificate = makeServerCertificate(NAMES);
});
beforeEach(async () => {
  server = await startTlsServer(certificate);
});
afterEach(async () => {
  await server.close();
});

function transport(extra: Partial<TransportOptions> = {}): TransportOptions {
  return {
    timeoutMs: 5000,
    names: { hosts: Object.fromEntries(NAMES.map((n) => [n, '127.0.0.1'])), dnsServer: '' },
    ignoreTlsErrors: false,
    trustedCa: [certificate.rootPem],
    maxResponseBytes: 1024,
    ...extra,
  };
}

const get = (host: string, options: TransportOptions) =>
  httpsExchange({ url: new URL(`https://${host}:${server.port}/api/system/info`), method: 'GET', headers: {} }, options);

describe("httpsExchange with a run's TLS sessions", () => {
  it('resumes the session of the first exchange and still reports the certificate it was made with', async () => {
    const sessions = new TlsSessionStore();
    const first = await get('uem.test.lab', transport({ sessions }));
    const second = await get('uem.test.lab', transport({ sessions }));
    expect(server.resumed).toEqual([false, true]);
    if (!first.ok || !second.ok) throw new Error(JSON.stringify([first, second]));
    expect(second.value.status).toBe(200);
    expect(second.value.tls).toEqual(first.value.tls);
    expect(second.value.tls.problem).toBeNull();
    expect(second.value.tls.certificate?.subject).toBe('CN=uem.test.lab');
  });

  it('does a full handshake each time without a store', async () => {
    await get('uem.test.lab', transport());
    await get('uem.test.lab', transport());
    expect(server.resumed).toEqual([false, false]);
  });

  it('never keeps a session from an untrusted certificate, even when "ignore TLS errors" proceeds', async () => {
    const sessions = new TlsSessionStore();
    const untrusted = transport({ sessions, ignoreTlsErrors: true, pinnedSha256: new X509Certificate(certificate.certPem).fingerprint256, trustedCa: [] });
    const first = await get('uem.test.lab', untrusted);
    const second = await get('uem.test.lab', untrusted);
    expect(first.ok && first.value.tls.problem).toMatch(/not trusted/);
    expect(second.ok && second.value.tls.problem).toMatch(/not trusted/);
    expect(server.resumed).toEqual([false, false]);
    expect(sessions.offer({ address: '127.0.0.1', port: server.port, servername: 'uem.test.lab', trust: trustFor([]).context })).toBeUndefined();
  });

  it('offers a session only to the name it was verified for', async () => {
    const sessions = new TlsSessionStore();
    await get('uem.test.lab', transport({ sessions }));
    await get('api.test.lab', transport({ sessions }));
    await get('api.test.lab', transport({ sessions }));
    expect(server.resumed).toEqual([false, false, true]);
  });

  it('offers a session only with the trust anchors that verified it', async () => {
    const sessions = new TlsSessionStore();
    await get('uem.test.lab', transport({ sessions }));
    // Proceeding past the untrusted certificate lets the server finish its handshake and be asked.
    const other = await get(
      'uem.test.lab',
      transport({ sessions, trustedCa: [], ignoreTlsErrors: true, pinnedSha256: new X509Certificate(certificate.certPem).fingerprint256 }),
    );
    expect(server.resumed).toEqual([false, false]);
    expect(other.ok && other.value.tls.problem).toMatch(/not trusted/);
  });
});
