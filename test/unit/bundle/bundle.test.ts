import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { exportBundle } from '../../../app/bundle/export-bundle';
import { importBundle } from '../../../app/bundle/import-bundle';
import { canonicalJson } from '../../../app/bundle/canonical-json';
import { scriptsForBundle } from '../../../app/bundle/bundle-scripts';
import { Secret } from '../../../app/config/secrets';
import type { Settings } from '../../../app/contract/settings';
import { main } from '../../../app/cli/main';
import { makeTestPki, type TestPki } from '../../fixtures/pki/openssl-pki';
import { captureIo } from '../../support/cli-io';
import { guideSettings } from '../../support/settings';

// scrypt at its real cost runs several times per test: give slow, shared machines room.
vi.setConfig({ testTimeout: 60_000 });

const PASSWORD = 'Passw0rd!Kcd1-bundle';
const PASSPHRASE = new Secret('correct horse battery staple');
let pki: TestPki;
let dir: string;
let settings: Settings;

beforeAll(async () => {
  pki = makeTestPki({ baseUrl: 'http://pki.se.airwlab.com/CertEnroll', keyType: 'ec' });
  dir = await mkdtemp(join(tmpdir(), 'seg-bundle-'));
  await writeFile(join(dir, 'root.cer'), pki.rootPem);
  await writeFile(join(dir, 'issuing.cer'), pki.issuingPem);
  settings = { ...guideSettings(), certificates: { roots: ['root.cer'], intermediates: ['issuing.cer'], deviceCertificate: pki.devicePem } };
  await writeFile(join(dir, 'settings.json'), JSON.stringify(settings));
}, 60_000);

const exportText = async (withPassphrase: boolean) => {
  const r = await exportBundle({
    settings,
    baseDir: dir,
    scripts: [{ name: 'setspn.cmd', content: 'setspn -S HTTP/semail01 semail01', encoding: 'utf8' }],
    report: { version: '0.1.0', checks: [] },
    secrets: { kcdPassword: new Secret(PASSWORD) },
    ...(withPassphrase ? { passphrase: PASSPHRASE } : {}),
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.text;
};

describe('bundle round trip', () => {
  it('carries settings with inline certificates, scripts and the report; no secrets without a passphrase', async () => {
    const text = await exportText(false);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('T3NANT');
    const r = await importBundle(Buffer.from(text));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.integrity).toBe('digest-only');
    expect(r.value.secrets).toEqual({});
    expect(r.value.settings.kcd).toEqual(settings.kcd);
    expect(r.value.settings.uem.tenantCode).toBe('');
    expect(r.value.settings.certificates.roots[0]).toContain('-----BEGIN CERTIFICATE-----');
    expect(r.value.certificates.map((c) => c.role)).toEqual(['root', 'intermediate', 'device']);
    expect(r.value.scripts.map((s) => s.name)).toContain('ad-spn.cmd');
    expect(r.value.report).toEqual({ version: '0.1.0', checks: [] });
  });

  it('seals secrets and the tenant code under a passphrase and brings them back', async () => {
    const text = await exportText(true);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('T3NANT');
    const r = await importBundle(Buffer.from(text), PASSPHRASE);
    expect(r.ok && r.value.secrets.kcdPassword?.reveal()).toBe(PASSWORD);
    expect(r.ok && r.value.settings.uem.tenantCode).toBe('T3NANT');
    expect(r.ok && r.value.integrity).toBe('authenticated');
  });

  it('refuses a short passphrase', async () => {
    const r = await exportBundle({ settings, baseDir: dir, scripts: [], report: null, secrets: {}, passphrase: new Secret('short') });
    expect(!r.ok && r.error.code).toBe('bundle.weak-passphrase');
  });

  it('carries certificates only, never a key that sat beside one', async () => {
    const withKey = {
      ...settings,
      certificates: { ...settings.certificates, deviceCertificate: `${pki.devicePem}\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n` },
    };
    const r = await exportBundle({ settings: withKey, baseDir: dir, scripts: [], report: null, secrets: {} });
    expect(r.ok && r.value.text).not.toContain('PRIVATE KEY');
    expect(r.ok && r.value.certificates).toBe(3);
  });
});

describe('bundle import refuses bad files and says why', () => {
  const code = async (bytes: Uint8Array | string, passphrase?: Secret) => {
    const r = await importBundle(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, passphrase);
    return r.ok ? 'imported' : r.error.code;
  };

  it('foreign, not JSON, truncated, newer, oversized', async () => {
    const text = await exportText(false);
    expect(await code('{"hello":1}')).toBe('bundle.foreign');
    expect(await code(Buffer.from([0xff, 0xfe, 0x00]))).toBe('bundle.not-a-bundle');
    expect(await code(text.slice(0, text.length / 2))).toBe('bundle.not-a-bundle');
    expect(await code(text.replace('"formatVersion": 1', '"formatVersion": 2'))).toBe('bundle.newer-version');
    expect(await code(Buffer.alloc(21 * 1024 * 1024, 32))).toBe('bundle.too-large');
  });

  it('a changed value fails the digest', async () => {
    const text = await exportText(false);
    expect(await code(text.replace('aw_KCDsvc', 'aw_KCDsvX'))).toBe('bundle.damaged');
    expect(await code(text.replace('setspn -S', 'setspn -D'))).toBe('bundle.damaged');
  });

  it('a forged digest does not get past the passphrase signature', async () => {
    const doc = JSON.parse(await exportText(true));
    doc.content.scripts[0].content = 'net user evil /add';
    const { createHash } = await import('node:crypto');
    doc.digest.value = createHash('sha256').update(canonicalJson(doc.content)).digest('hex');
    expect(await code(JSON.stringify(doc), PASSPHRASE)).toBe('bundle.damaged');
    doc.protection = null;
    doc.content.secrets = null;
    doc.digest.value = createHash('sha256').update(canonicalJson(doc.content)).digest('hex');
    // Whoever holds a passphrase expects a protected bundle: one stripped of its protection is refused.
    expect(await code(JSON.stringify(doc), PASSPHRASE)).toBe('bundle.not-protected');
  });

  it('regenerates scripts from the settings and never hands back the stored ones', async () => {
    const doc = JSON.parse(await exportText(false));
    doc.content.scripts = [{ name: 'ad-spn.cmd', content: 'net user evil P@ss /add', encoding: 'utf8' }];
    const { createHash } = await import('node:crypto');
    doc.digest.value = createHash('sha256').update(canonicalJson(doc.content)).digest('hex');
    const r = await importBundle(Buffer.from(JSON.stringify(doc)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.stringify(r.value.scripts)).not.toContain('net user evil');
    expect(r.value.scripts).toEqual(await scriptsForBundle(r.value.settings, dir));
    expect(r.value.scriptCertificates.map((c) => c.fileName)).toEqual(['root-1.cer', 'intermediate-1.cer']);
  });

  it('tells a wrong or missing passphrase apart from damage', async () => {
    const text = await exportText(true);
    expect(await code(text)).toBe('bundle.passphrase-required');
    expect(await code(text, new Secret('not the passphrase at all'))).toBe('bundle.wrong-passphrase');
  });

  it('refuses hostile scrypt parameters before deriving anything', async () => {
    const doc = JSON.parse(await exportText(true));
    doc.protection.kdf.N = 2 ** 30;
    const started = performance.now();
    expect(await code(JSON.stringify(doc), PASSPHRASE)).toBe('bundle.damaged');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses the script names . and .. with the rule, instead of crashing', async () => {
    for (const name of ['.', '..']) {
      const doc = JSON.parse(await exportText(false));
      doc.content.scripts = [{ name, content: 'x', encoding: 'utf8' }];
      const { createHash } = await import('node:crypto');
      doc.digest.value = createHash('sha256').update(canonicalJson(doc.content)).digest('hex');
      const r = await importBundle(Buffer.from(JSON.stringify(doc)));
      expect(!r.ok && r.error.code, name).toBe('bundle.damaged');
      expect(!r.ok && r.error.message, name).toMatch(/content\.scripts\.0\.name: .*not \. or \.\./);
    }
  });

  it('caps scrypt at the parameters we write ourselves, checked before deriving anything', async () => {
    for (const kdf of [{ N: 2 ** 18 }, { r: 16 }, { p: 4 }]) {
      const doc = JSON.parse(await exportText(true));
      doc.protection.kdf = { ...doc.protection.kdf, ...kdf };
      const started = performance.now();
      expect(await code(JSON.stringify(doc), PASSPHRASE), JSON.stringify(kdf)).toBe('bundle.damaged');
      expect(performance.now() - started).toBeLessThan(150);
    }
  });

  it('refuses certificate entries that point at files of the importing machine', async () => {
    const doc = JSON.parse(await exportText(false));
    doc.content.settings.certificates.roots = ['/etc/passwd'];
    const { createHash } = await import('node:crypto');
    doc.digest.value = createHash('sha256').update(canonicalJson(doc.content)).digest('hex');
    expect(await code(JSON.stringify(doc))).toBe('bundle.damaged');
  });

  it('no random mutation of a bundle imports (sample; the bench runs 10^5)', async () => {
    const text = Buffer.from(await exportText(false));
    let seed = 12345;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    let accepted = 0;
    for (let i = 0; i < 300; i++) {
      const mutated = Buffer.from(text);
      const pos = random(mutated.length);
      const was = mutated[pos] as number;
      mutated[pos] = (was + 1 + random(255)) & 0xff;
      // Changing insignificant whitespace between JSON tokens leaves the content, and so the digest, intact.
      const whitespace = [0x20, 0x0a, 0x0d, 0x09];
      if (whitespace.includes(was) && whitespace.includes(mutated[pos] as number)) continue;
      if ((await importBundle(mutated)).ok) accepted++;
    }
    expect(accepted).toBe(0);
  });
});

describe('seg-setup bundle', () => {
  it('exports, imports into a fresh folder, and the settings verify there', async () => {
    const out = join(dir, 'site.segkcd');
    const exp = captureIo({ cwd: dir, env: { SEG_KCD_PASSWORD: PASSWORD }, stdin: 'correct horse battery staple\n' });
    expect(await main(['bundle', 'export', '--config', 'settings.json', '--out', out, '--passphrase-stdin'], exp)).toBe(0);
    expect(exp.out()).toContain('secrets sealed');
    expect(await readFile(out, 'utf8')).not.toContain(PASSWORD);

    const target = await mkdtemp(join(tmpdir(), 'seg-import-'));
    const imp = captureIo({ cwd: target, stdin: 'correct horse battery staple\n' });
    expect(await main(['bundle', 'import', out, '--passphrase-stdin'], imp)).toBe(0);
    expect(imp.out()).toContain('signed with the passphrase');
    expect(imp.out()).not.toContain(PASSWORD);
    expect(imp.err()).toBe('');
    expect((await readdir(target)).sort()).toEqual(['scripts', 'secrets.env', 'settings.json']);
    const scripts = await readdir(join(target, 'scripts'));
    expect(scripts.some((f) => f.endsWith('.ps1'))).toBe(true);
    expect(scripts).toContain('root-1.cer');
    const reg = scripts.find((f) => f.endsWith('.reg'));
    expect(reg && (await readFile(join(target, 'scripts', reg))).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    expect((await stat(join(target, 'secrets.env'))).mode & 0o777).toBe(0o600);
    // settings.json carries the tenant code (an API key) once the passphrase opened it.
    expect((await stat(join(target, 'settings.json'))).mode & 0o777).toBe(0o600);
    expect(imp.out()).toMatch(/settings\.json and secrets\.env are readable by you only \(0600\)/);

    const again = captureIo({ cwd: target, stdin: 'correct horse battery staple\n' });
    expect(await main(['bundle', 'import', out, '--passphrase-stdin'], again)).toBe(2);
    expect(again.err()).toContain('nothing was written');

    const verify = captureIo({ cwd: target, stdin: await readFile(join(target, 'secrets.env'), 'utf8') });
    expect(await main(['verify', '--config', 'settings.json', '--only', 'input.*', '--secrets-stdin'], verify)).toBe(0);
  });

  it('an unprotected bundle says loudly that nothing vouches for it, and its scripts are made here', async () => {
    const out = join(dir, 'unsigned.segkcd');
    expect(await main(['bundle', 'export', '--config', 'settings.json', '--out', out], captureIo({ cwd: dir }))).toBe(0);
    const doc = JSON.parse(await readFile(out, 'utf8'));
    const spn = doc.content.scripts.find((s: { name: string }) => s.name === 'ad-spn.cmd');
    spn.content = 'net user evil P@ss /add';
    const { createHash } = await import('node:crypto');
    doc.digest.value = createHash('sha256').update(canonicalJson(doc.content)).digest('hex');
    await writeFile(out, JSON.stringify(doc));
    const target = await mkdtemp(join(tmpdir(), 'seg-import-'));
    const io = captureIo({ cwd: target });
    expect(await main(['bundle', 'import', out], io)).toBe(0);
    expect(io.err()).toMatch(/WARNING: this bundle is not protected by a passphrase: nothing vouches for who made it/);
    const written = await readFile(join(target, 'scripts', 'ad-spn.cmd'), 'utf8');
    expect(written).not.toContain('net user evil');
    expect(written).toContain('setspn');

    const withPassphrase = captureIo({ cwd: await mkdtemp(join(tmpdir(), 'seg-import-')), stdin: 'correct horse battery staple\n' });
    expect(await main(['bundle', 'import', out, '--passphrase-stdin'], withPassphrase)).toBe(2);
    expect(withPassphrase.err()).toMatch(/not protected/);
  });

  it('checks the size before reading: a huge file is refused as too large, not read', async () => {
    const huge = join(dir, 'huge.segkcd');
    const { truncate } = await import('node:fs/promises');
    await writeFile(huge, '');
    // Sparse: 3 GiB on paper, nothing on disk; reading it whole would fail or exhaust memory.
    await truncate(huge, 3 * 1024 ** 3);
    const io = captureIo({ cwd: dir });
    expect(await main(['bundle', 'import', huge, '--out', await mkdtemp(join(tmpdir(), 'seg-import-'))], io)).toBe(2);
    expect(io.err()).toMatch(/larger than a bundle can be/);
  });

  it('a damaged bundle changes nothing in the target folder', async () => {
    const out = join(dir, 'plain.segkcd');
    expect(await main(['bundle', 'export', '--config', 'settings.json', '--out', out], captureIo({ cwd: dir }))).toBe(0);
    const bad = join(dir, 'bad.segkcd');
    await writeFile(bad, (await readFile(out, 'utf8')).replace('semail01', 'semail02'));
    const target = await mkdtemp(join(tmpdir(), 'seg-import-'));
    const io = captureIo({ cwd: target });
    expect(await main(['bundle', 'import', bad], io)).toBe(2);
    expect(io.err()).toMatch(/damaged/);
    expect(await readdir(target)).toEqual([]);
  });
});
