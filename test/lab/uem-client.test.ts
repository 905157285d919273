import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../app/config/secrets';
import { UemClient, type UemAuth, type UemClientOptions } from '../../app/uem/client';
import { collectGroups, searchGroups } from '../../app/uem/organization-groups';
import { fetchSystemInfo } from '../../app/uem/system-info';
import { makeFixtureCertificates, startUemFixture, type FixtureCertificates, type UemFixture, type UemFixtureOptions } from './uem-fixture';

const HOST = 'uem.lab.test';
const PASSWORD = 'S3cret-Pa55word!';
const TENANT = 'TenantKey0123456789ABCDEF';

let certs: FixtureCertificates;
const running: UemFixture[] = [];

beforeAll(() => {
  certs = makeFixtureCertificates([HOST]);
});

afterEach(async () => {
  while (running.length > 0) await running.pop()?.close();
});

const groups = Array.from({ length: 120 }, (_, i) => ({
  id: 1000 + i,
  name: i === 77 ? 'SE Lab' : `Branch ${String(i).padStart(3, '0')}`,
  groupId: i === 77 ? 'selab' : `br${i}`,
  type: i === 0 ? 'Customer' : 'Container',
}));

async function fixture(extra: Partial<UemFixtureOptions> = {}): Promise<UemFixture> {
  const f = await startUemFixture({
    tls: { cert: certs.serverCertPem, key: certs.serverKeyPem },
    users: [
      { user: 'api-admin', password: PASSWORD },
      { user: 'helpdesk', password: PASSWORD, apiAccess: false },
    ],
    tenantCode: TENANT,
    groups,
    ...extra,
  });
  running.push(f);
  return f;
}

function client(f: UemFixture, overrides: Partial<UemClientOptions> = {}, auth?: UemAuth): UemClient {
  return new UemClient({
    apiUrl: `https://${HOST}:${f.port}`,
    tenantCode: TENANT,
    auth: auth ?? { kind: 'basic', user: 'api-admin', password: new Secret(PASSWORD) },
    timeoutMs: 3000,
    hosts: { [HOST]: '127.0.0.1' },
    ignoreTlsErrors: false,
    trustedCa: [certs.caPem],
    ...overrides,
  });
}

describe('UEM client against the fixture: TLS and pinned hosts', () => {
  it('reads /api/system/info over a verified connection to the pinned address, keeping the name for SNI and Host', async () => {
    const f = await fixture({ productVersion: '24.10.0.7' });
    const info = await fetchSystemInfo(client(f));
    expect(info.ok && info.value.productVersion).toBe('24.10.0.7');
    expect(info.ok && info.value.tls.problem).toBeNull();
    expect(f.requests).toHaveLength(1);
    expect(f.requests[0]).toMatchObject({ servername: HOST, host: `${HOST}:${f.port}`, tenantCode: TENANT, authScheme: 'Basic', accept: 'application/json' });
  });

  it('refuses an untrusted certificate before sending any credential, and shows subject, issuer and fingerprint', async () => {
    const f = await fixture();
    const info = await fetchSystemInfo(client(f, { trustedCa: [] }));
    expect(info.ok).toBe(false);
    if (info.ok) return;
    const fingerprint = new X509Certificate(certs.serverCertPem).fingerprint256;
    expect(info.error.code).toBe('uem.tls-untrusted');
    expect(info.error.message).toContain(`CN=${HOST}`);
    expect(info.error.message).toContain('CN=UEM Fixture Test CA');
    expect(info.error.message).toContain(fingerprint);
    expect(info.error.evidence.join('\n')).toContain(`DNS:${HOST}`);
    expect(f.requests).toHaveLength(0);
  });

  it('refuses a certificate that does not name the host even when its issuer is trusted', async () => {
    const f = await fixture();
    const info = await fetchSystemInfo(client(f, { apiUrl: `https://other.lab.test:${f.port}`, hosts: { 'other.lab.test': '127.0.0.1' } }));
    expect(!info.ok && info.error.code).toBe('uem.tls-untrusted');
    expect(!info.ok && info.error.message).toContain('does not name other.lab.test');
    expect(f.requests).toHaveLength(0);
  });

  it('with "ignore TLS errors" proceeds for this client only and still reports what was wrong', async () => {
    const f = await fixture();
    const unpinned = await fetchSystemInfo(client(f, { trustedCa: [], ignoreTlsErrors: true }));
    expect(!unpinned.ok && unpinned.error.code).toBe('uem.tls-unpinned');
    expect(f.requests).toHaveLength(0);
    const info = await fetchSystemInfo(
      client(f, { trustedCa: [], ignoreTlsErrors: true, pinnedSha256: new X509Certificate(certs.serverCertPem).fingerprint256 }),
    );
    expect(info.ok).toBe(true);
    expect(info.ok && info.value.tls.pinned).toBe(true);
    expect(info.ok && info.value.tls.problem).toMatch(/not trusted/);
    expect(info.ok && info.value.tls.certificate?.fingerprintSha256).toBe(new X509Certificate(certs.serverCertPem).fingerprint256);
    const strict = await fetchSystemInfo(client(f, { trustedCa: [] }));
    expect(!strict.ok && strict.error.code).toBe('uem.tls-untrusted');
  });

  it('says the port does not speak TLS when a plain HTTP server answers there', async () => {
    const f = await fixture({ tls: undefined });
    const info = await fetchSystemInfo(client(f));
    expect(!info.ok && info.error.code).toBe('uem.tls-handshake');
    expect(f.requests).toHaveLength(0);
  });

  it('resolves the name as every connection does (network.hosts first), and says when the pin is wrong', async () => {
    const f = await fixture();
    const info = await fetchSystemInfo(client(f, { hosts: { [HOST.toUpperCase()]: 'not-an-address' } }));
    expect(!info.ok && info.error.code).toBe('uem.dns');
    expect(!info.ok && info.error.message).toContain('not-an-address');
    expect(f.requests).toHaveLength(0);
  });

  it('says so when nothing listens on the port', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const c = new UemClient({
      apiUrl: `https://${HOST}:${port}`,
      tenantCode: TENANT,
      auth: { kind: 'basic', user: 'a', password: new Secret('b') },
      timeoutMs: 2000,
      hosts: { [HOST]: '127.0.0.1' },
      ignoreTlsErrors: false,
    });
    const info = await fetchSystemInfo(c);
    expect(!info.ok && info.error.code).toBe('uem.unreachable');
    expect(!info.ok && info.error.message).toContain('connection refused');
  });
});

describe('UEM client against the fixture: who is at fault', () => {
  it.each([
    ['a wrong password', { kind: 'basic', user: 'api-admin', password: new Secret('wrong') }, TENANT, 'uem.unauthorized'],
    ['an unknown user', { kind: 'basic', user: 'nobody', password: new Secret(PASSWORD) }, TENANT, 'uem.unauthorized'],
    ['a wrong tenant code', { kind: 'basic', user: 'api-admin', password: new Secret(PASSWORD) }, 'WrongTenant', 'uem.tenant-code'],
    ['no tenant code', { kind: 'basic', user: 'api-admin', password: new Secret(PASSWORD) }, '', 'uem.tenant-code'],
    ['a role without API access', { kind: 'basic', user: 'helpdesk', password: new Secret(PASSWORD) }, TENANT, 'uem.forbidden'],
  ] as const)('%s gives %s', async (_what, auth, tenantCode, code) => {
    const f = await fixture();
    const info = await fetchSystemInfo(client(f, { tenantCode }, auth));
    expect(info.ok).toBe(false);
    if (info.ok) return;
    expect(info.error.code).toBe(code);
    expect(info.error.remedy).toBeTruthy();
    expect(JSON.stringify(info.error)).not.toContain(PASSWORD);
  });

  it('tells "API access disabled" apart from a wrong role', async () => {
    const f = await fixture({ apiDisabled: true });
    const info = await fetchSystemInfo(client(f));
    expect(!info.ok && info.error.code).toBe('uem.api-disabled');
    expect(!info.ok && info.error.message).toContain('errorCode 1014');
  });

  it('never repeats a password, tenant code or Authorization value that a server echoes back', async () => {
    const f = await fixture({ hostile: 'echo-secrets' });
    const info = await fetchSystemInfo(client(f));
    expect(!info.ok && info.error.code).toBe('uem.unauthorized');
    const shown = JSON.stringify(!info.ok && info.error);
    expect(shown).not.toContain(TENANT);
    expect(shown).not.toContain(Buffer.from(`api-admin:${PASSWORD}`).toString('base64'));
    expect(shown).toContain('[redacted]');
  });

  it('calls a server without the UEM API "not a UEM API"', async () => {
    const f = await fixture({ hostile: 'not-found' });
    const info = await fetchSystemInfo(client(f));
    expect(!info.ok && info.error.code).toBe('uem.not-found');
  });
});

describe('UEM client against the fixture: organization group search', () => {
  it('pages across more than one page in the version 2 shape', async () => {
    const f = await fixture();
    const c = client(f);
    const pages = await Promise.all([0, 1, 2, 3].map((page) => searchGroups(c, { page, pageSize: 50 })));
    const sizes = pages.map((p) => (p.ok ? p.value.groups.length : -1));
    expect(sizes).toEqual([50, 50, 20, 0]);
    expect(pages.every((p) => p.ok && p.value.total === 120 && p.value.shape === 2)).toBe(true);
    const ids = new Set(pages.flatMap((p) => (p.ok ? p.value.groups.map((g) => g.id) : [])));
    expect(ids.size).toBe(120);
    expect(f.requests.every((r) => r.accept === 'application/json;version=2')).toBe(true);
  });

  it('falls back to version 1 (LocationGroups, Id.Value) when version 2 is refused', async () => {
    const f = await fixture({ hostile: 'v1-only' });
    const page = await searchGroups(client(f), { name: 'SE Lab', page: 0, pageSize: 10 });
    expect(page.ok && page.value.shape).toBe(1);
    expect(page.ok && page.value.groups).toEqual([{ id: '1077', name: 'SE Lab', groupId: 'selab', uuid: expect.any(String), type: 'Container' }]);
    expect(f.requests.map((r) => r.accept)).toEqual(['application/json;version=2', 'application/json;version=1']);
  });

  it('collects every match across pages, and reads 204 No Content as no groups', async () => {
    const f = await fixture();
    const all = await collectGroups(client(f), { pick: (g) => g.name.startsWith('Branch 1') });
    expect(all.ok && all.value.matches.length).toBe(20);
    expect(all.ok && all.value.searched).toBe(120);
    const empty = await fixture({ emptySearchNoContent: true });
    const none = await searchGroups(client(empty), { name: 'no such group', page: 0, pageSize: 50 });
    expect(none.ok && none.value).toMatchObject({ groups: [], total: 0 });
  });
});

describe('UEM client against the fixture: slow and hostile servers', () => {
  it.each([['slow-headers'], ['slow-body']] as const)('gives up on %s within the timeout', async (hostile) => {
    const f = await fixture({ hostile, slowMs: 5000 });
    const started = performance.now();
    const info = await fetchSystemInfo(client(f, { timeoutMs: 300 }));
    expect(!info.ok && info.error.code).toBe('uem.timeout');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops reading an endless answer at the size cap', async () => {
    const f = await fixture({ hostile: 'oversized' });
    const page = await searchGroups(client(f, { maxResponseBytes: 1024 * 1024 }), { page: 0, pageSize: 50 });
    expect(!page.ok && page.error.code).toBe('uem.response-too-large');
  });

  it.each([
    ['malformed-json', 'uem.malformed'],
    ['html', 'uem.not-json'],
    ['deep-json', 'uem.not-uem-api'],
    ['wrong-shape', 'uem.not-uem-api'],
  ] as const)('turns %s into the typed error %s', async (hostile, code) => {
    const f = await fixture({ hostile });
    const info = await fetchSystemInfo(client(f));
    expect(!info.ok && info.error.code).toBe(code);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('calls a TLS server that does not speak HTTP a broken exchange', async () => {
    const sockets = new Set<{ destroy(): void }>();
    const garbage = createTlsServer({ cert: certs.serverCertPem, key: certs.serverKeyPem }, (socket) => {
      sockets.add(socket);
      socket.end('SSH-2.0-OpenSSH_9.2\r\n\r\n');
    });
    await new Promise<void>((r) => garbage.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (garbage.address() as { port: number }).port;
      const info = await fetchSystemInfo(client({ port } as UemFixture));
      expect(!info.ok && info.error.code).toBe('uem.protocol');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => garbage.close(() => r()));
    }
  });

  it('reports a group search of an unknown shape as such', async () => {
    const f = await fixture({ hostile: 'wrong-shape' });
    const page = await searchGroups(client(f), { page: 0, pageSize: 50 });
    expect(!page.ok && page.error.code).toBe('uem.unexpected-shape');
  });

  it('stops at once when cancelled', async () => {
    const f = await fixture({ hostile: 'slow-headers', slowMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const info = await fetchSystemInfo(client(f, { timeoutMs: 4000 }), controller.signal);
    expect(!info.ok && info.error.code).toBe('uem.cancelled');
  });
});

describe('UEM client against the fixture: OAuth and certificate authentication', () => {
  it('gets a client-credentials token and calls the API with it', async () => {
    const f = await fixture({ oauthClients: [{ clientId: 'seg-setup', clientSecret: 'oauth-secret-value', user: 'api-admin' }] });
    const auth: UemAuth = {
      kind: 'oauth',
      credential: { tokenUrl: `https://${HOST}:${f.port}/connect/token`, clientId: 'seg-setup', clientSecret: new Secret('oauth-secret-value') },
    };
    const c = client(f, {}, auth);
    const info = await fetchSystemInfo(c);
    expect(info.ok).toBe(true);
    const again = await searchGroups(c, { page: 0, pageSize: 5 });
    expect(again.ok).toBe(true);
    expect(f.requests.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.authScheme}`)).toEqual([
      'POST /connect/token Basic',
      'GET /api/system/info Bearer',
      'GET /api/system/groups/search Bearer',
    ]);
  });

  it('fetches a fresh token once when the API refuses the one it has', async () => {
    const f = await fixture({ oauthClients: [{ clientId: 'seg-setup', clientSecret: 'oauth-secret-value', user: 'api-admin' }] });
    const auth: UemAuth = {
      kind: 'oauth',
      credential: { tokenUrl: `https://${HOST}:${f.port}/connect/token`, clientId: 'seg-setup', clientSecret: new Secret('oauth-secret-value') },
    };
    const c = client(f, {}, auth);
    expect((await fetchSystemInfo(c)).ok).toBe(true);
    f.revokeTokens();
    expect((await fetchSystemInfo(c)).ok).toBe(true);
    expect(f.requests.map((r) => `${r.path} ${r.authScheme}`)).toEqual([
      '/connect/token Basic',
      '/api/system/info Bearer',
      '/api/system/info Bearer',
      '/connect/token Basic',
      '/api/system/info Bearer',
    ]);
  });

  it('says the client credentials are refused', async () => {
    const f = await fixture({ oauthClients: [{ clientId: 'seg-setup', clientSecret: 'right', user: 'api-admin' }] });
    const auth: UemAuth = {
      kind: 'oauth',
      credential: { tokenUrl: `https://${HOST}:${f.port}/connect/token`, clientId: 'seg-setup', clientSecret: new Secret('wrong-secret') },
    };
    const info = await fetchSystemInfo(client(f, {}, auth));
    expect(!info.ok && info.error.code).toBe('uem.oauth-refused');
    expect(JSON.stringify(!info.ok && info.error)).not.toContain('wrong-secret');
  });

  it('signs the request path as CMS for certificate authentication, and an unregistered certificate is refused', async () => {
    const f = await fixture({ cmsAdmins: [{ certificatePem: certs.adminCertPem, user: 'api-admin' }] });
    const auth: UemAuth = { kind: 'certificate', credential: { certificatePem: certs.adminCertPem, privateKeyPem: new Secret(certs.adminKeyPem) } };
    const info = await fetchSystemInfo(client(f, {}, auth));
    expect(info.ok).toBe(true);
    expect(f.requests[0]?.authScheme).toBe('CMSURL`1');
    const stranger = await fixture({ cmsAdmins: [] });
    const refused = await fetchSystemInfo(client(stranger, {}, auth));
    expect(!refused.ok && refused.error.code).toBe('uem.unauthorized');
  });
});

afterAll(async () => {
  while (running.length > 0) await running.pop()?.close();
});
