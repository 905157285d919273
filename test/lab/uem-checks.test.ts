import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../app/checks/runner';
import type { CheckResult } from '../../app/contract/check-result';
import { uemChecks } from '../../app/checks/uem';
import { secretsFromRecord } from '../../app/config/secrets';
import { emptySettings, type Settings } from '../../app/contract/settings';
import { guideTenant, makeFixtureCertificates, startUemFixture, type FixtureCertificates, type UemFixture, type UemFixtureOptions } from './uem-fixture';

const HOST = 'as1506.uem.lab.test';
const PASSWORD = 'Api-Admin-Pa55!';
const TENANT = 'K9d8s7TenantApiKey';
const MEM_ID = '6f1c2b7e-3d4a-4b5c-9e8f-0a1b2c3d4e5f';

const KCD_SETTINGS = [
  { key: 'enableKCDAuthentication', value: 'true' },
  { key: 'targetSPN', value: 'HTTP/semail01' },
  { key: 'serviceAccountUsername', value: 'aw_KCDsvc' },
  { key: 'domainControllerHostName', value: 'sedc01' },
  { key: 'domainName', value: 'SE.AIRWLAB.COM' },
];

let certs: FixtureCertificates;
const running: UemFixture[] = [];

beforeAll(() => {
  certs = makeFixtureCertificates([HOST]);
});

afterEach(async () => {
  while (running.length > 0) await running.pop()?.close();
});

async function fixture(extra: Partial<UemFixtureOptions> = {}): Promise<UemFixture> {
  const f = await startUemFixture({
    tls: { cert: certs.serverCertPem, key: certs.serverKeyPem },
    users: [{ user: 'api-admin', password: PASSWORD }],
    tenantCode: TENANT,
    groups: [
      { id: 570, name: 'SE Lab', groupId: 'selab', type: 'Customer' },
      { id: 571, name: 'SE Lab Devices', groupId: 'selabdev' },
      { id: 572, name: 'Twin', groupId: 'twin1' },
      { id: 573, name: 'Twin', groupId: 'twin2' },
    ],
    memConfigs: [{ uuid: MEM_ID, name: 'SEG-KCD', customSettings: KCD_SETTINGS }],
    ...extra,
  });
  running.push(f);
  return f;
}

function settingsFor(f: UemFixture, change: (s: Settings) => void = () => undefined): Settings {
  const s = emptySettings();
  s.uem = { ...s.uem, apiUrl: `https://${HOST}:${f.port}`, user: 'api-admin', tenantCode: TENANT, ignoreTlsErrors: false };
  s.organizationGroup = { id: '570', name: 'SE Lab', memConfigName: 'SEG-KCD', memConfigId: MEM_ID };
  s.kcd = { targetSpn: 'HTTP/semail01', serviceAccount: 'aw_KCDsvc', domains: [{ realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01' }] };
  s.network = { hosts: { [HOST]: '127.0.0.1' }, dnsServer: '', timeoutMs: 3000 };
  change(s);
  return s;
}

async function run(settings: Settings, options: { password?: string; trust?: boolean } = {}): Promise<Record<string, CheckResult>> {
  const results = await runChecks(uemChecks(options.trust === false ? {} : { trustedCa: [certs.caPem] }), {
    settings,
    secrets: secretsFromRecord({ uemPassword: options.password ?? PASSWORD }),
    baseDir: '.',
  });
  const shown = JSON.stringify(results);
  expect(shown).not.toContain(PASSWORD);
  expect(shown).not.toContain(TENANT);
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

describe('uem.* checks against the fixture', () => {
  it('pass when everything was observed: version, group, and every KCD field of the MEM configuration', async () => {
    const f = await fixture({ productVersion: '24.10.0.12' });
    const r = await run(settingsFor(f));
    expect(r['uem.api']?.status).toBe('pass');
    expect(r['uem.api']?.evidence.join('\n')).toContain('24.10.0.12');
    expect(r['uem.og']?.status).toBe('pass');
    expect(r['uem.og']?.evidence.join('\n')).toContain('SE Lab (id 570, Group ID selab');
    expect(r['uem.mem-config']?.status).toBe('pass');
    expect(r['uem.mem-config']?.evidence.join('\n')).toMatch(/"Target SPN" — wizard: HTTP\/semail01 — API: HTTP\/semail01 .* matches/);
  });

  it("pass against the guide's tenant with the guide's names", async () => {
    const tenant = guideTenant({ targetSpn: 'HTTP/semail01', serviceAccount: 'aw_KCDsvc', dcHost: 'sedc01', realm: 'SE.AIRWLAB.COM' }, PASSWORD);
    const f = await startUemFixture({ ...tenant, tls: { cert: certs.serverCertPem, key: certs.serverKeyPem } });
    running.push(f);
    const results = await runChecks(uemChecks({ trustedCa: [certs.caPem] }), {
      settings: settingsFor(f, (s) => {
        s.uem.tenantCode = tenant.tenantCode;
        s.organizationGroup.memConfigId = tenant.memConfigId;
      }),
      secrets: secretsFromRecord({ uemPassword: PASSWORD }),
      baseDir: '.',
    });
    expect(results.map((r) => `${r.id} ${r.status}`)).toEqual(['uem.api pass', 'uem.og pass', 'uem.mem-config pass']);
  });

  it('sign in with OAuth client credentials when the settings choose it, the client secret in SEG_UEM_PASSWORD', async () => {
    const f = await fixture({ oauthClients: [{ clientId: 'seg-setup', clientSecret: 'Oauth-Secret-9', user: 'api-admin' }] });
    const settings = settingsFor(f, (s) => {
      s.uem = { ...s.uem, user: '', authMethod: 'oauth', oauthTokenUrl: `https://${HOST}:${f.port}/connect/token`, oauthClientId: 'seg-setup' };
    });
    const r = await run(settings, { password: 'Oauth-Secret-9' });
    expect(r['uem.api']?.status).toBe('pass');
    expect(f.requests.some((q) => q.authScheme === 'Bearer')).toBe(true);
    const wrong = await run(settings, { password: 'not-the-secret' });
    expect(wrong['uem.api']?.status).toBe('fail');
  });

  it('sign in with the admin client certificate from a PFX when the settings choose it, the PFX password in SEG_UEM_PASSWORD', async () => {
    const f = await fixture({ cmsAdmins: [{ certificatePem: certs.adminCertPem, user: 'api-admin' }] });
    const dir = mkdtempSync(join(tmpdir(), 'uem-pfx-'));
    writeFileSync(join(dir, 'admin.pem'), certs.adminCertPem);
    writeFileSync(join(dir, 'admin.key'), certs.adminKeyPem);
    execFileSync('openssl', ['pkcs12', '-export', '-in', 'admin.pem', '-inkey', 'admin.key', '-out', 'admin.pfx', '-passout', 'pass:Pfx-Pass-7'], {
      cwd: dir,
      stdio: 'ignore',
    });
    const settings = settingsFor(f, (s) => {
      s.uem = { ...s.uem, user: '', authMethod: 'certificate', clientCertificate: 'admin.pfx' };
    });
    const results = await runChecks(uemChecks({ trustedCa: [certs.caPem] }), {
      settings,
      secrets: secretsFromRecord({ uemPassword: 'Pfx-Pass-7' }),
      baseDir: dir,
    });
    expect(results.find((c) => c.id === 'uem.api')?.status).toBe('pass');
    expect(f.requests.some((q) => q.authScheme === 'CMSURL`1')).toBe(true);
    const wrong = await runChecks(uemChecks({ trustedCa: [certs.caPem] }), { settings, secrets: secretsFromRecord({ uemPassword: 'wrong' }), baseDir: dir });
    const api = wrong.find((c) => c.id === 'uem.api');
    expect(api?.status).toBe('fail');
    expect(api?.evidence.join(' ')).toMatch(/does not open with the password/);
    expect(JSON.stringify(wrong)).not.toContain('PRIVATE KEY');
  });

  it('skip with the reason when offline, and nothing is asked', async () => {
    const f = await fixture();
    const r = await run(settingsFor(f, (s) => void (s.uem.apiUrl = '')));
    for (const id of ['uem.api', 'uem.og', 'uem.mem-config']) {
      expect(r[id]?.status).toBe('skip');
      expect(r[id]?.reason).toMatch(/working offline/);
    }
    expect(f.requests).toHaveLength(0);
  });

  it('skip naming SEG_UEM_PASSWORD when no password is given', async () => {
    const f = await fixture();
    const results = await runChecks(uemChecks({ trustedCa: [certs.caPem] }), { settings: settingsFor(f), secrets: {}, baseDir: '.' });
    expect(results.map((x) => x.status)).toEqual(['skip', 'skip', 'skip']);
    expect(results[0]?.reason).toContain('SEG_UEM_PASSWORD');
  });

  it('fail uem.api on a wrong password, and skip the rest because of it', async () => {
    const f = await fixture();
    const r = await run(settingsFor(f), { password: 'not-the-password' });
    expect(r['uem.api']?.status).toBe('fail');
    expect(r['uem.api']?.evidence.join('\n')).toContain('HTTP 401');
    expect(r['uem.og']).toMatchObject({ status: 'skip', reason: 'uem.api failed: fix it first' });
    expect(r['uem.mem-config']?.status).toBe('skip');
  });

  it('fail uem.api on an untrusted certificate, showing it; warn when "ignore TLS errors" is on', async () => {
    const f = await fixture();
    const strict = await run(settingsFor(f), { trust: false });
    const fingerprint = new X509Certificate(certs.serverCertPem).fingerprint256;
    expect(strict['uem.api']?.status).toBe('fail');
    expect(strict['uem.api']?.evidence.join('\n')).toContain(fingerprint);
    const unpinned = await run(
      settingsFor(f, (s) => void (s.uem.ignoreTlsErrors = true)),
      { trust: false },
    );
    expect(unpinned['uem.api']?.status).toBe('fail');
    const lax = await run(
      settingsFor(f, (s) => void (s.uem = { ...s.uem, ignoreTlsErrors: true, pinnedCertificateSha256: fingerprint })),
      { trust: false },
    );
    expect(lax['uem.api']?.status).toBe('warn');
    expect(lax['uem.api']?.evidence.join('\n')).toMatch(/ignore TLS errors" is on[\s\S]*not trusted[\s\S]*pinned certificate[\s\S]*fingerprint/);
    expect(lax['uem.og']?.status).toBe('pass');
  });

  it('fail uem.og for a missing group, and name the id of a group with that name but another id', async () => {
    const f = await fixture();
    const missing = await run(settingsFor(f, (s) => (s.organizationGroup = { ...s.organizationGroup, id: '', name: 'No Such OG' })));
    expect(missing['uem.og']?.status).toBe('fail');
    const wrongId = await run(settingsFor(f, (s) => void (s.organizationGroup.id = '999')));
    expect(wrongId['uem.og']?.status).toBe('fail');
    expect(wrongId['uem.og']?.remedy).toContain('570');
    const twins = await run(settingsFor(f, (s) => (s.organizationGroup = { ...s.organizationGroup, id: '', name: 'Twin' })));
    expect(twins['uem.og']?.status).toBe('warn');
  });

  it('read the whole list before failing uem.og when the name filter matches exactly and the case differs', async () => {
    const f = await fixture({ nameMatch: 'exact' });
    const r = await run(settingsFor(f, (s) => void (s.organizationGroup.name = 'se lab')));
    expect(r['uem.og']?.status).toBe('pass');
    const searches = f.requests.filter((q) => q.path.startsWith('/api/system/groups/search')).map((q) => new URL(q.path, 'https://x').searchParams.get('name'));
    expect(searches).toEqual(['se lab', null]);
  });

  it('find a group by id alone across several pages', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => ({ id: 5000 + i, name: `OG ${i}`, groupId: `og${i}` }));
    const f = await fixture({ groups: many });
    const r = await run(settingsFor(f, (s) => (s.organizationGroup = { ...s.organizationGroup, id: '6150', name: '' })));
    expect(r['uem.og']?.status).toBe('pass');
    expect(r['uem.og']?.evidence.join('\n')).toContain('OG 1150 (id 6150');
    expect(f.requests.filter((q) => q.path.startsWith('/api/system/groups/search')).length).toBe(3);
  });

  it('never pass uem.mem-config on what the API does not show: skip with the side-by-side list', async () => {
    const f = await fixture({ memConfigs: [{ uuid: MEM_ID, name: 'SEG-KCD', customSettings: [{ key: 'targetSPN', value: 'HTTP/semail01' }] }] });
    const r = await run(settingsFor(f));
    const check = r['uem.mem-config'];
    expect(check?.status).toBe('skip');
    expect(check?.reason).toMatch(/exists, but the public API does not show .*Service Account Username/);
    const lines = check?.evidence.join('\n') ?? '';
    expect(lines).toContain('console "Target SPN" — wizard: HTTP/semail01 — API: HTTP/semail01');
    expect(lines).toContain('console "Friendly Name" — wizard: SEG-KCD — API: not shown');
    expect(lines).toContain('console "Domain Name" — wizard: SE.AIRWLAB.COM — API: not shown');
  });

  it('fail uem.mem-config when a field the API shows differs, or the id is unknown; skip without an id', async () => {
    const f = await fixture({
      memConfigs: [{ uuid: MEM_ID, name: 'SEG-KCD', customSettings: [...KCD_SETTINGS.slice(0, 4), { key: 'domainName', value: 'se.airwlab.com' }] }],
    });
    const differs = await run(settingsFor(f));
    expect(differs['uem.mem-config']?.status).toBe('fail');
    expect(differs['uem.mem-config']?.remedy).toContain('Domain Name (console se.airwlab.com, wizard SE.AIRWLAB.COM)');
    const unknown = await run(settingsFor(f, (s) => void (s.organizationGroup.memConfigId = '00000000-1111-4222-8333-444444444444')));
    expect(unknown['uem.mem-config']?.status).toBe('fail');
    expect(unknown['uem.mem-config']?.evidence.join('\n')).toContain('errorCode 6200');
    const none = await run(settingsFor(f, (s) => void (s.organizationGroup.memConfigId = '')));
    expect(none['uem.mem-config']?.status).toBe('skip');
    expect(none['uem.mem-config']?.reason).toMatch(/no call that lists or returns MEM configurations/);
    expect(none['uem.mem-config']?.evidence.join('\n')).toContain('console "Service Account Username" — wizard: aw_KCDsvc');
  });
});
