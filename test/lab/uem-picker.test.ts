import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../app/core/core';
import { dispatch } from '../../app/core/dispatch';
import { emptySettings, type Settings } from '../../app/contract/settings';
import { makeFixtureCertificates, startUemFixture, type UemFixture } from './uem-fixture';

const HOST = 'as2207.uem.lab.test';
const PASSWORD = 'Picker-Pa55!';

let fixture: UemFixture;
let core: Core;
let profileDir: string;
let pin: string;

beforeAll(async () => {
  const certs = makeFixtureCertificates([HOST]);
  pin = new X509Certificate(certs.serverCertPem).fingerprint256;
  fixture = await startUemFixture({
    tls: { cert: certs.serverCertPem, key: certs.serverKeyPem },
    users: [{ user: 'api-admin', password: PASSWORD }],
    tenantCode: 'PickerTenant',
    groups: [
      ...Array.from({ length: 130 }, (_, i) => ({ id: 2000 + i, name: `Stores ${String(i).padStart(3, '0')}`, groupId: `st${i}` })),
      { id: 570, name: 'SE Lab', groupId: 'selab' },
    ],
  });
  profileDir = mkdtempSync(join(tmpdir(), 'uem-picker-'));
  core = createCore({ profileDir });
});

afterAll(async () => {
  await fixture.close();
  rmSync(profileDir, { recursive: true, force: true });
});

function settings(change: (s: Settings) => void = () => undefined): Settings {
  const s = emptySettings();
  // The fixture's CA is not trusted by this process: the lab API is reached as many sites do, with TLS errors ignored and the certificate pinned.
  s.uem = {
    ...s.uem,
    apiUrl: `https://${HOST}:${fixture.port}`,
    user: 'api-admin',
    tenantCode: 'PickerTenant',
    ignoreTlsErrors: true,
    pinnedCertificateSha256: pin,
  };
  s.network.hosts = { [HOST]: '127.0.0.1' };
  change(s);
  return s;
}

describe('searchOrganizationGroups through dispatch', () => {
  it('finds a group from part of its name', async () => {
    const answer = await dispatch(core.api, 'searchOrganizationGroups', { settings: settings(), secrets: { uemPassword: PASSWORD }, query: 'se l' });
    expect(answer).toEqual({ ok: true, value: { groups: [{ id: '570', name: 'SE Lab', groupId: 'selab' }], page: 0, total: 1 } });
  });

  it('pages through many groups, 50 at a time', async () => {
    const pages = [];
    for (const page of [0, 1, 2])
      pages.push(await dispatch(core.api, 'searchOrganizationGroups', { settings: settings(), secrets: { uemPassword: PASSWORD }, query: 'Stores', page }));
    const values = pages.map((p) => (p.ok ? (p.value as { groups: unknown[]; total: number; page: number }) : null));
    expect(values.map((v) => v?.groups.length)).toEqual([50, 50, 30]);
    expect(values.map((v) => v?.page)).toEqual([0, 1, 2]);
    expect(values.every((v) => v?.total === 130)).toBe(true);
  });

  it('answers with typed errors: offline, no password, wrong password, untrusted certificate, bad arguments', async () => {
    const call = (args: unknown) => dispatch(core.api, 'searchOrganizationGroups', args);
    const offline = await call({ settings: settings((s) => void (s.uem.apiUrl = '')), secrets: { uemPassword: PASSWORD }, query: '' });
    expect(!offline.ok && offline.error.code).toBe('uem.offline');
    const noPassword = await call({ settings: settings(), secrets: {}, query: '' });
    expect(!noPassword.ok && noPassword.error.code).toBe('uem.no-password');
    const wrong = await call({ settings: settings(), secrets: { uemPassword: 'nope' }, query: '' });
    expect(!wrong.ok && wrong.error).toMatchObject({ code: 'uem.unauthorized', remedy: expect.any(String) });
    const strict = await call({ settings: settings((s) => void (s.uem.ignoreTlsErrors = false)), secrets: { uemPassword: PASSWORD }, query: '' });
    expect(!strict.ok && strict.error.code).toBe('uem.tls-untrusted');
    const negative = await call({ settings: settings(), secrets: { uemPassword: PASSWORD }, query: 'x', page: -1 });
    expect(!negative.ok && negative.error.code).toBe('api.bad-arguments');
    for (const result of [offline, noPassword, wrong, strict]) expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });
});
