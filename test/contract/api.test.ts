import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_METHODS, type CoreApi, type CoreEvent } from '../../app/contract/core-api';
import { createCore, type Core } from '../../app/core/core';
import { dispatch } from '../../app/core/dispatch';
import { startHttpHost, TOKEN_HEADER, type HttpHost } from '../../app/core/http-host';
import { INPUT_CHECKS } from '../../app/checks/input';
import type { PasswordVault } from '../../app/core/password-vault';
import { err, ok } from '../../app/contract/result';
import type { Secret } from '../../app/config/secrets';
import { collectEvents, httpApi } from '../support/http-client';
import { guideSettings } from '../support/settings';
import { makeTestPki, type TestPki } from '../fixtures/pki/openssl-pki';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki({ baseUrl: 'http://pki.se.airwlab.com/CertEnroll', keyType: 'ec' });
}, 60_000);

/** The same contract suite, run against dispatch in-process and through the HTTP host. */
interface Transport {
  readonly api: CoreApi;
  readonly raw: (method: string, args: unknown) => Promise<unknown>;
  readonly events: (until: (e: CoreEvent) => boolean, start: () => Promise<void>) => Promise<CoreEvent[]>;
}

let host: HttpHost;
let httpCore: Core;
const cleanup: Array<() => Promise<void>> = [];

async function dispatchTransport(): Promise<Transport> {
  const core = createCore({ profileDir: await mkdtemp(join(tmpdir(), 'seg-contract-')), catalogue: INPUT_CHECKS });
  const api = new Proxy({} as CoreApi, { get: (_t, m: string) => (args: unknown) => dispatch(core.api, m, args) });
  return {
    api,
    raw: (m, a) => dispatch(core.api, m, a),
    events: async (until, start) => {
      const seen: CoreEvent[] = [];
      return new Promise((resolve) => {
        const off = core.events.subscribe((e) => {
          seen.push(e);
          if (until(e)) {
            off();
            resolve(seen);
          }
        });
        void start();
      });
    },
  };
}

async function httpTransport(): Promise<Transport> {
  const staticDir = await mkdtemp(join(tmpdir(), 'seg-static-'));
  // The shape of the page the older host filled the token into: it must stay a placeholder.
  await writeFile(join(staticDir, 'index.html'), '<meta name="seg-api-token" content="__SEG_API_TOKEN__">');
  await mkdir(join(staticDir, 'assets'));
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  httpCore = createCore({ profileDir: await mkdtemp(join(tmpdir(), 'seg-contract-')), catalogue: INPUT_CHECKS });
  host = await startHttpHost({ core: httpCore, staticDir });
  cleanup.push(() => host.close());
  const api = httpApi(host.url, host.token);
  return {
    api,
    raw: async (m, a) =>
      (
        await fetch(new URL(`api/${m}`, host.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
          body: JSON.stringify(a),
        })
      ).json(),
    events: (until, start) => collectEvents(host.url, host.token, until, start),
  };
}

afterAll(async () => {
  for (const c of cleanup) await c();
});

describe.each([
  ['dispatch', dispatchTransport],
  ['http host', httpTransport],
])('contract through %s', (_name, make) => {
  let t: Transport;
  beforeAll(async () => {
    t = await make();
  });

  it('answers getAppInfo with the catalogue', async () => {
    const info = await t.api.getAppInfo();
    expect(info.ok && info.value.checks.map((c) => c.id)).toEqual(INPUT_CHECKS.map((c) => c.id));
    expect(info.ok && info.value.checks[0]?.family).toBe('input');
  });

  it('saves and loads settings', async () => {
    const empty = await t.api.loadSettings();
    expect(empty.ok && empty.value.settings).toBeNull();
    const saved = await t.api.saveSettings({ settings: guideSettings() });
    expect(saved.ok).toBe(true);
    const loaded = await t.api.loadSettings();
    expect(loaded.ok && loaded.value.settings).toEqual(guideSettings());
  });

  it('validates fields with reasons', async () => {
    const s = guideSettings();
    const r = await t.api.validateSettings({ settings: { ...s, kcd: { ...s.kcd, targetSpn: 'semail01' } } });
    expect(r.ok && r.value).toEqual([{ checkId: 'input.target-spn', field: 'kcd.targetSpn', message: expect.stringContaining('HTTP/semail01') }]);
  });

  it('runs verify with progress events and a report', async () => {
    let operationId = '';
    const events = await t.events(
      (e) => e.kind === 'verify-finished' && e.operationId === operationId,
      async () => {
        const started = await t.api.startVerify({ settings: guideSettings(), secrets: { kcdPassword: 'Secret!1' }, only: ['input.realm', 'input.dc-host'] });
        expect(started.ok).toBe(true);
        if (started.ok) operationId = started.value.operationId;
      },
    );
    const mine = events.filter((e) => e.operationId === operationId);
    expect(mine.filter((e) => e.kind === 'check-finished')).toHaveLength(2);
    const finished = mine.at(-1);
    expect(finished?.kind === 'verify-finished' && finished.report.checks.map((c) => c.status)).toEqual(['pass', 'pass']);
    expect(JSON.stringify(events)).not.toContain('Secret!1');
    const state = await t.api.getVerify({ operationId });
    expect(state.ok && state.value.state).toBe('finished');
    const html = await t.api.renderReport({ operationId, format: 'html' });
    expect(html.ok && html.value.fileName).toMatch(/^seg-kcd-report-.*\.html$/);
    expect(html.ok && html.value.text).toContain('input.realm');
    expect(html.ok && html.value.text).not.toContain('Secret!1');
    const json = await t.api.renderReport({ operationId, format: 'json' });
    expect(json.ok && JSON.parse(json.value.text).checks).toHaveLength(2);
  });

  it('opens a settings file the CLI reads, bringing its certificate paths in as PEM, and saves settings as another file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seg-contract-file-'));
    await writeFile(join(dir, 'root.pem'), pki.rootPem);
    const s = guideSettings();
    await writeFile(join(dir, 'lab-settings.json'), JSON.stringify({ ...s, certificates: { roots: ['root.pem'], intermediates: [], deviceCertificate: '' } }));
    const opened = await t.api.openSettingsFile({ path: join(dir, 'lab-settings.json') });
    expect(opened.ok && opened.value.path).toBe(join(dir, 'lab-settings.json'));
    expect(opened.ok && opened.value.settings.certificates.roots[0]?.trim()).toBe(pki.rootPem.trim());
    // A certificate file that is not there stays a path, anchored to the settings file's folder.
    await writeFile(join(dir, 'missing-cert.json'), JSON.stringify({ ...s, certificates: { roots: ['gone.pem'], intermediates: [], deviceCertificate: '' } }));
    const missing = await t.api.openSettingsFile({ path: join(dir, 'missing-cert.json') });
    expect(missing.ok && missing.value.settings.certificates.roots).toEqual([join(dir, 'gone.pem')]);
    expect(await t.api.openSettingsFile({ path: 'lab-settings.json' })).toMatchObject({ ok: false, error: { code: 'settings-file.relative-path' } });
    await writeFile(join(dir, 'bundle.segkcd'), '{"format":"bundle"}');
    expect(await t.api.openSettingsFile({ path: join(dir, 'bundle.segkcd') })).toMatchObject({ ok: false, error: { code: 'settings.invalid' } });
    const saved = await t.api.saveSettingsAs({ settings: guideSettings(), path: join(dir, 'site.json') });
    expect(saved.ok && saved.value.path).toBe(join(dir, 'site.json'));
    expect(JSON.parse(await readFile(join(dir, 'site.json'), 'utf8'))).toEqual(guideSettings());
  });

  it('has no file dialog outside the desktop: the page asks for a path', async () => {
    expect(await t.api.chooseSettingsFile({ purpose: 'open' })).toMatchObject({ ok: false, error: { code: 'dialog.unavailable' } });
    expect(await t.api.chooseScriptsFolder()).toMatchObject({ ok: false, error: { code: 'dialog.unavailable' } });
  });

  it('saves all scripts into a folder without replacing an edited file unasked, and zips the same files', async () => {
    const folder = join(await mkdtemp(join(tmpdir(), 'seg-contract-scripts-')), 'all-scripts');
    const saved = await t.api.saveScripts({ settings: guideSettings(), inputs: { caWebHost: 'ca01.se.airwlab.com' }, dir: folder });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.value.files).toEqual(expect.arrayContaining(['ad-spn.cmd', 'ca-cdp-aia.ps1', 'README.txt']));
    expect(await readFile(join(folder, 'ca-cdp-aia.ps1'), 'utf8')).toContain('http://ca01.se.airwlab.com/CertEnroll/');
    await writeFile(join(folder, 'ad-spn.cmd'), 'rem edited');
    expect(await t.api.saveScripts({ settings: guideSettings(), dir: folder })).toMatchObject({ ok: false, error: { code: 'scripts.would-replace' } });
    expect(await readFile(join(folder, 'ad-spn.cmd'), 'utf8')).toBe('rem edited');
    expect((await t.api.saveScripts({ settings: guideSettings(), dir: folder, replace: true })).ok).toBe(true);
    const zipped = await t.api.zipScripts({ settings: guideSettings() });
    if (!zipped.ok) throw new Error(zipped.error.message);
    expect(zipped.value.fileName).toMatch(/-scripts\.zip$/);
    const zip = Buffer.from(zipped.value.base64, 'base64');
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.includes(Buffer.from('ad-spn.cmd'))).toBe(true);
  });

  it('reads pasted host pins, either order, and refuses a paste with a bad line, naming it', async () => {
    const pins = await t.api.parseHostPins({ text: '# lab\nsedc01.se.airwlab.com 127.0.0.11\n127.0.0.12 SEMAIL01.se.airwlab.com\n\n' });
    expect(pins).toStrictEqual({ ok: true, value: { hosts: { 'sedc01.se.airwlab.com': '127.0.0.11', 'semail01.se.airwlab.com': '127.0.0.12' } } });
    const bad = await t.api.parseHostPins({ text: 'sedc01.se.airwlab.com 127.0.0.11\nsemail01 not-an-address' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'hosts.bad-line', message: expect.stringMatching(/^Line 2 /) } });
  });

  it('refuses unknown methods, bad arguments and unknown checks as values', async () => {
    expect(await t.raw('deleteEverything', {})).toMatchObject({ ok: false, error: { code: 'api.unknown-method' } });
    expect(await t.raw('saveSettings', { settings: { version: 1, email: { port: 'x' } } })).toMatchObject({ ok: false, error: { code: 'api.bad-arguments' } });
    expect(await t.raw('saveSettings', { settings: guideSettings(), extra: 1 })).toMatchObject({ ok: false, error: { code: 'api.bad-arguments' } });
    expect(await t.raw('getVerify', { operationId: '../../etc' })).toMatchObject({ ok: false, error: { code: 'api.bad-arguments' } });
    expect(await t.raw('getVerify', { operationId: 'no-such-run' })).toMatchObject({ ok: false, error: { code: 'operation.unknown' } });
    expect(await t.api.startVerify({ settings: guideSettings(), secrets: {}, only: ['zz.*'] })).toMatchObject({
      ok: false,
      error: { code: 'verify.unknown-check' },
    });
  });

  it('imports certificate files and keeps only public certificates', async () => {
    const r = await t.api.importCertificates({ base64: Buffer.from(pki.issuingPem + pki.rootPem).toString('base64') });
    expect(r.ok && r.value.format).toBe('pem');
    expect(r.ok && r.value.certificates.map((c) => c.isCa)).toEqual([true, true]);
    const junk = await t.api.importCertificates({ base64: Buffer.from('not a certificate').toString('base64') });
    expect(junk.ok).toBe(false);
  });

  it('exports a bundle and imports it as a preview, secrets only under a passphrase', async () => {
    const settings = { ...guideSettings(), certificates: { roots: [pki.rootPem], intermediates: [pki.issuingPem], deviceCertificate: pki.devicePem } };
    const plain = await t.api.exportBundle({ settings, secrets: { kcdPassword: 'Kcd!Pass1' } });
    expect(plain.ok && plain.value.fileName).toMatch(/^SE-Lab-\d{4}-\d{2}-\d{2}\.segkcd$/);
    expect(plain.ok && plain.value.text).not.toContain('Kcd!Pass1');
    const sealed = await t.api.exportBundle({ settings, secrets: { kcdPassword: 'Kcd!Pass1' }, passphrase: 'a long enough passphrase' });
    if (!sealed.ok) throw new Error(sealed.error.message);
    expect(sealed.value.secretsIncluded).toBe(true);
    const preview = await t.api.importBundle({ text: sealed.value.text, passphrase: 'a long enough passphrase' });
    expect(preview.ok && preview.value.secrets).toEqual({ kcdPassword: 'Kcd!Pass1' });
    expect(preview.ok && preview.value.settings.kcd).toEqual(settings.kcd);
    expect(preview.ok && preview.value.certificates.map((c) => c.role)).toEqual(['root', 'intermediate', 'device']);
    const wrong = await t.api.importBundle({ text: sealed.value.text, passphrase: 'another long passphrase' });
    expect(!wrong.ok && wrong.error.code).toBe('bundle.wrong-passphrase');
  }, 30_000);

  it('plans, applies and undoes IIS changes on a copy of applicationHost.config, and generates scripts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seg-iis-'));
    const config = join(dir, 'applicationHost.config');
    await writeFile(config, await readFile('test/fixtures/iis/seg-installed.config'));
    const preview = await t.api.previewConfigure({ settings: guideSettings(), server: 'seg', configPath: config });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.diff).toContain('uploadReadAheadSize');
    expect(preview.value.plan.items.some((i) => i.state === 'change')).toBe(true);
    const stale = await t.api.applyConfigure({ settings: guideSettings(), server: 'seg', configPath: config, expectedSha256: '0'.repeat(64) });
    expect(!stale.ok && stale.error.code).toBe('iis.config-changed');
    const applied = await t.api.applyConfigure({
      settings: guideSettings(),
      server: 'seg',
      configPath: config,
      expectedSha256: preview.value.plan.sourceSha256,
    });
    if (!applied.ok) throw new Error(applied.error.message);
    expect(applied.value.changed).toBe(true);
    const again = await t.api.previewConfigure({ settings: guideSettings(), server: 'seg', configPath: config });
    expect(again.ok && again.value.diff).toBe('');
    const undone = await t.api.undoConfigure({ configPath: config, backupPath: applied.value.backupPath as string });
    expect(undone.ok).toBe(true);
    expect(await readFile(config, 'utf8')).toBe(await readFile('test/fixtures/iis/seg-installed.config', 'utf8'));
    const scripts = await t.api.generateScripts({ settings: guideSettings() });
    expect(scripts.ok && scripts.value.scripts.map((x) => x.fileName).join(' ')).toMatch(/\.ps1/);
    expect(scripts.ok && scripts.value.checklists.map((c) => c.id)).toEqual(['mem-configuration', 'eas-profile']);
  });

  it('refuses to remember the UEM password where there is no secret store, and recalls nothing', async () => {
    const r = await t.api.rememberUemPassword({ password: 'Uem!Pass1' });
    expect(!r.ok && r.error.code).toBe('secrets.no-store');
    expect(await t.api.recallUemPassword()).toEqual({ ok: true, value: { password: null } });
  });

  it('every contract method is served', async () => {
    for (const method of CORE_METHODS) {
      const r = (await t.raw(method, {})) as { ok: boolean; error?: { code: string } };
      expect(r.error?.code, method).not.toBe('api.unknown-method');
    }
  });
});

describe('http host defences', () => {
  const post = (path: string, headers: Record<string, string>, body = '{}') =>
    fetch(new URL(path, host.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('binds to 127.0.0.1 only', () => expect(new URL(host.url).hostname).toBe('127.0.0.1'));

  it('401 without the token or with a wrong one', async () => {
    expect((await post('api/getAppInfo', {})).status).toBe(401);
    expect((await post('api/getAppInfo', { [TOKEN_HEADER]: 'x'.repeat(64) })).status).toBe(401);
    expect((await fetch(new URL('api/events', host.url))).status).toBe(401);
  });

  it('403 for a foreign Origin even with the token', async () => {
    const r = await post('api/getAppInfo', { [TOKEN_HEADER]: host.token, origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    const same = await post('api/getAppInfo', { [TOKEN_HEADER]: host.token, origin: new URL(host.url).origin });
    expect(same.status).toBe(200);
  });

  it('421 for a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const u = new URL(host.url);
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: '/api/getAppInfo',
          method: 'POST',
          headers: { host: `attacker.example:${u.port}`, [TOKEN_HEADER]: host.token, 'content-type': 'application/json' },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.end('{}');
    });
    expect(status).toBe(421);
  });

  it('refuses non-JSON bodies and oversized requests', async () => {
    expect((await post('api/getAppInfo', { [TOKEN_HEADER]: host.token }, '{')).status).toBe(400);
    const r = await fetch(new URL('api/getAppInfo', host.url), {
      method: 'POST',
      headers: { 'content-type': 'text/plain', [TOKEN_HEADER]: host.token },
      body: '{}',
    });
    expect(r.status).toBe(415);
    expect((await post('api/saveSettings', { [TOKEN_HEADER]: host.token }, `{"x":"${'a'.repeat(17 * 1024 * 1024)}"}`)).status).toBe(413);
  });

  it('a second client that has only the port never sees the token, and cannot call the API', async () => {
    const texts: string[] = [];
    for (const path of ['', 'index.html', 'assets/app.js', 'api/events', 'api/getAppInfo', 'api/session', 'nowhere']) {
      for (const method of ['GET', 'POST']) {
        const r = await fetch(new URL(path, host.url), {
          method,
          headers: { 'content-type': 'application/json' },
          ...(method === 'POST' ? { body: '{}' } : {}),
        });
        texts.push(`${r.status} ${JSON.stringify([...r.headers])} ${await r.text()}`);
        if (path.startsWith('api/')) expect(r.status, `${method} ${path}`).toBe(401);
      }
    }
    expect(texts.join('\n')).not.toContain(host.token);
    expect(texts.join('\n')).not.toMatch(/set-cookie/i);
    expect(texts.join('\n')).toContain('__SEG_API_TOKEN__');
    expect(host.launchUrl).toBe(`${host.url}#token=${host.token}`);
  });

  it('the launch token is exchanged for an HttpOnly SameSite=Strict session cookie', async () => {
    const staticDir = await mkdtemp(join(tmpdir(), 'seg-static-'));
    const own = await startHttpHost({ core: httpCore, staticDir });
    cleanup.push(() => own.close());
    const session = (headers: Record<string, string>) =>
      fetch(new URL('api/session', own.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await session({ [TOKEN_HEADER]: 'x'.repeat(64) })).status).toBe(401);
    const exchanged = await session({ [TOKEN_HEADER]: own.token });
    expect(exchanged.status).toBe(200);
    const cookie = exchanged.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^seg-session=[0-9a-f]{64}; /);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(own.token);
    const pair = cookie.split(';')[0]!;
    const call = await fetch(new URL('api/getAppInfo', own.url), { method: 'POST', headers: { 'content-type': 'application/json', cookie: pair }, body: '' });
    expect(call.status).toBe(200);
    expect(
      (
        await fetch(new URL('api/getAppInfo', own.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: 'seg-session=' + '0'.repeat(64) },
          body: '',
        })
      ).status,
    ).toBe(401);
    const again = await session({ [TOKEN_HEADER]: own.token });
    expect(again.headers.get('set-cookie')?.split(';')[0]).toBe(pair);
  });

  it('serves the page without the token and with a strict CSP, and no files outside its folder', async () => {
    const page = await fetch(host.url);
    expect(await page.text()).not.toContain(host.token);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(new URL('assets/app.js', host.url))).status).toBe(200);
    expect((await fetch(new URL('/..%2f..%2fetc%2fpasswd', host.url))).status).toBe(404);
    expect((await fetch(new URL('/assets/..%2f..%2f..%2fetc%2fpasswd', host.url))).status).toBe(404);
  });
});

describe('remembered UEM password through a vault', () => {
  it('stores only when the vault says it can, and recalls and forgets', async () => {
    let stored: Secret | null = null;
    let available = false;
    const vault: PasswordVault = {
      availability: async () => (available ? ok(undefined) : err('secrets.plain-text-only', 'only a plain-text fallback')),
      remember: async (p) => ((stored = p), ok(undefined)),
      recall: async () => ok(stored),
      forget: async () => ((stored = null), ok(undefined)),
    };
    const core = createCore({ profileDir: await mkdtemp(join(tmpdir(), 'seg-vault-')), catalogue: INPUT_CHECKS, uemPasswordVault: vault });
    const refused = await dispatch(core.api, 'rememberUemPassword', { password: 'Uem!Pass1' });
    expect(!refused.ok && refused.error.code).toBe('secrets.plain-text-only');
    expect(stored).toBeNull();
    available = true;
    expect((await dispatch(core.api, 'rememberUemPassword', { password: 'Uem!Pass1' })).ok).toBe(true);
    expect(await dispatch(core.api, 'recallUemPassword', {})).toEqual({ ok: true, value: { password: 'Uem!Pass1' } });
    expect((await dispatch(core.api, 'forgetUemPassword', {})).ok).toBe(true);
    expect(await dispatch(core.api, 'recallUemPassword', {})).toEqual({ ok: true, value: { password: null } });
  });
});
