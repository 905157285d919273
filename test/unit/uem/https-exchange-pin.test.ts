import { X509Certificate } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpsExchange, type TransportOptions } from '../../../app/uem/https-exchange';
import { makeServerCertificate, startTlsServer, type TestCertificate, type TlsTestServer } from '../net/tls-test-server';

const HOST = 'uem.test.lab';
let certificate: TestCertificate;
let impostor: TestCertificate;
let server: TlsTestServer;
let fingerprint: string;

beforeAll(() => {
  certificate = makeServerCertificate([HOST]);
  impostor = makeServerCertificate([HOST]);
  fingerprint = new X509Certificate(certificate.certPem).fingerprint256;
});
afterEach(async () => {
  await server.close();
});

/** "Ignore TLS errors" on, with nothing trusted: every certificate fails verification. */
function transport(extra: Partial<TransportOptions> = {}): TransportOptions {
  return { timeoutMs: 5000, names: { hosts: { [HOST]: '127.0.0.1' }, dnsServer: '' }, ignoreTlsErrors: true, trustedCa: [], maxResponseBytes: 1024, ...extra };
}

const get = (options: TransportOptions) =>
  httpsExchange({ url: new URL(`https://${HOST}:${server.port}/api/system/info`), method: 'GET', headers: { authorization: 'Basic c2VjcmV0' } }, options);

describe('"ignore TLS errors" trusts only the certificate pinned on first use', () => {
  beforeEach(async () => {
    server = await startTlsServer(certificate);
  });

  it('without a pin, nothing is sent: the error shows the SHA-256 to pin', async () => {
    const r = await get(transport());
    expect(r).toMatchObject({ ok: false, error: { code: 'uem.tls-unpinned' } });
    expect(!r.ok && r.error.message).toContain(fingerprint);
    expect(server.authorizations).toEqual([]);
  });

  it('with the pin of the certificate presented, it continues and says it was pinned', async () => {
    for (const pin of [fingerprint, fingerprint.replace(/:/g, '').toLowerCase()]) {
      const r = await get(transport({ pinnedSha256: pin }));
      expect(r.ok && r.value.status).toBe(200);
      expect(r.ok && r.value.tls.pinned).toBe(true);
    }
    expect(server.authorizations).toEqual(['Basic c2VjcmV0', 'Basic c2VjcmV0']);
  });
});

describe('a later man-in-the-middle', () => {
  beforeEach(async () => {
    server = await startTlsServer(impostor);
  });

  it('is refused before the password is sent, with both fingerprints', async () => {
    const r = await get(transport({ pinnedSha256: fingerprint }));
    expect(r).toMatchObject({ ok: false, error: { code: 'uem.tls-pin-mismatch' } });
    expect(!r.ok && r.error.message).toContain(fingerprint);
    expect(!r.ok && r.error.message).toContain(new X509Certificate(impostor.certPem).fingerprint256);
    expect(server.authorizations).toEqual([]);
  });
});
