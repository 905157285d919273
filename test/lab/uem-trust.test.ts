import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../app/checks/runner';
import { uemChecks } from '../../app/checks/uem';
import { secretsFromRecord } from '../../app/config/secrets';
import type { CheckResult } from '../../app/contract/check-result';
import { emptySettings, type Settings } from '../../app/contract/settings';
import { createCore, type Core } from '../../app/core/core';
import { dispatch } from '../../app/core/dispatch';
import { makeFixtureCertificates, startUemFixture, type FixtureCertificates, type UemFixture } from './uem-fixture';

/**
 * Issue 16: one trust for every TLS client. uem.api and the wizard's group picker must accept
 * and refuse the same UEM certificates: the Certificates step's roots, the OS store (Node 22),
 * NODE_EXTRA_CA_CERTS and Node's bundled roots, in that order.
 */
const HOST = 'as1831.uem.lab.test';
const PASSWORD = 'Trust-Pa55-word!';
const TENANT = 'TrustTenantCode';

let certs: FixtureCertificates;
let fixture: UemFixture;
let core: Core;
let dir: string;
const savedExtra = process.env.NODE_EXTRA_CA_CERTS;

beforeAll(async () => {
  certs = makeFixtureCertificates([HOST]);
  fixture = await startUemFixture({
    tls: { cert: certs.serverCertPem, key: certs.serverKeyPem },
    users: [{ user: 'api-admin', password: PASSWORD }],
    tenantCode: TENANT,
    groups: [{ id: 570, name: 'SE Lab', groupId: 'selab' }],
  });
  dir = mkdtempSync(join(tmpdir(), 'uem-trust-'));
  core = createCore({ profileDir: dir });
});

afterEach(() => {
  if (savedExtra === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
  else process.env.NODE_EXTRA_CA_CERTS = savedExtra;
});

afterAll(async () => {
  await fixture.close();
  rmSync(dir, { recursive: true, force: true });
});

function settings(change: (s: Settings) => void = () => undefined): Settings {
  const s = emptySettings();
  s.uem = { ...s.uem, apiUrl: `https://${HOST}:${fixture.port}`, user: 'api-admin', tenantCode: TENANT, ignoreTlsErrors: false };
  s.network = { hosts: { [HOST]: '127.0.0.1' }, dnsServer: '', timeoutMs: 5000 };
  change(s);
  return s;
}

async function uemApi(s: Settings): Promise<CheckResult> {
  const results = await runChecks(uemChecks(), { settings: s, secrets: secretsFromRecord({ uemPassword: PASSWORD }), baseDir: dir });
  return results.find((r) => r.id === 'uem.api')!;
}

function picker(s: Settings) {
  return dispatch(core.api, 'searchOrganizationGroups', { settings: s, secrets: { uemPassword: PASSWORD }, query: 'SE' });
}

const SE_LAB = { ok: true, value: { groups: [{ id: '570', name: 'SE Lab', groupId: 'selab' }], page: 0, total: 1 } };

describe('one trust for uem.api and the group picker', () => {
  it('a UEM CA given only through NODE_EXTRA_CA_CERTS: uem.api passes, saying so, and the picker lists the groups', async () => {
    const file = join(dir, 'extra-ca.pem');
    writeFileSync(file, certs.caPem);
    process.env.NODE_EXTRA_CA_CERTS = file;
    const api = await uemApi(settings());
    expect(api.status, api.evidence.join('\n')).toBe('pass');
    expect(api.evidence.join('\n')).toContain(`trusted through NODE_EXTRA_CA_CERTS (${file})`);
    expect(await picker(settings())).toEqual(SE_LAB);
  });

  it("a UEM CA among the Certificates step's roots: both accept it (the picker used to refuse it with UNABLE_TO_GET_ISSUER_CERT_LOCALLY)", async () => {
    delete process.env.NODE_EXTRA_CA_CERTS;
    const s = settings((x) => void (x.certificates.roots = [certs.caPem]));
    const api = await uemApi(s);
    expect(api.status, api.evidence.join('\n')).toBe('pass');
    expect(api.evidence.join('\n')).toContain("trusted through the Certificates step's roots");
    expect(await picker(s)).toEqual(SE_LAB);
  });

  it('a UEM CA that is nowhere: both refuse it, in the same words', async () => {
    delete process.env.NODE_EXTRA_CA_CERTS;
    const api = await uemApi(settings());
    expect(api.status).toBe('fail');
    const picked = await picker(settings());
    expect(picked.ok).toBe(false);
    if (picked.ok) return;
    expect(picked.error.code).toBe('uem.tls-untrusted');
    expect(picked.error.message).toBe(api.evidence[0]);
    expect(picked.error.message).toMatch(/not trusted \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)/);
  });
});
