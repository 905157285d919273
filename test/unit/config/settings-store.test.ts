import { mkdtemp, readFile, readdir, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSettings, readSettingsFile, SettingsStore } from '../../../app/config/settings-store';
import { guideSettings } from '../../support/settings';

describe('settings file', () => {
  it('round-trips through the store, private to the user, with no temp files left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seg-settings-'));
    const store = new SettingsStore(dir);
    expect(await store.load()).toEqual({ ok: true, value: null });
    const saved = await store.save(guideSettings());
    expect(saved.ok).toBe(true);
    expect(await store.load()).toEqual({ ok: true, value: guideSettings() });
    expect(await readdir(dir)).toEqual(['settings.json']);
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(store.path, 'utf8')).kcd.serviceAccount).toBe('aw_KCDsvc');
  });

  it('refuses a line break or another control character in any value, naming the field and the character', () => {
    const cases: [string, (s: ReturnType<typeof guideSettings>) => unknown, RegExp][] = [
      [
        'realm',
        (s) => ({ ...s, kcd: { ...s.kcd, domains: [{ realm: 'EX.TEST\r\ncalc.exe & rem', dcHost: 'dc1' }] } }),
        /kcd\.domains\.0\.realm: .*control character U\+000D/,
      ],
      ['service account', (s) => ({ ...s, kcd: { ...s.kcd, serviceAccount: 'svc\u001b[2J' } }), /kcd\.serviceAccount: .*control character U\+001B/],
      ['email path', (s) => ({ ...s, email: { ...s.email, path: '/eas\u2028x' } }), /email\.path: .*control character U\+2028/],
      [
        'pinned address',
        (s) => ({ ...s, network: { ...s.network, hosts: { 'dc1.ex.test': '10.0.0.1\n' } } }),
        /network\.hosts\.dc1\.ex\.test: .*control character U\+000A/,
      ],
      [
        'certificate path',
        (s) => ({ ...s, certificates: { ...s.certificates, roots: ['root\t.cer'] } }),
        /certificates\.roots\.0: .*control character U\+0009/,
      ],
    ];
    for (const [what, change, message] of cases) {
      const r = parseSettings(JSON.stringify(change(guideSettings())), 'f');
      expect(!r.ok && r.error.message, what).toMatch(message);
    }
    // Inline PEM is lines by nature.
    const pem = '-----BEGIN CERTIFICATE-----\r\nMIIB\r\n-----END CERTIFICATE-----\r\n';
    expect(parseSettings(JSON.stringify({ ...guideSettings(), certificates: { roots: [pem], intermediates: [], deviceCertificate: pem } }), 'f').ok).toBe(true);
  });

  it('keeps fields it does not know (later versions add fields)', () => {
    const r = parseSettings(JSON.stringify({ version: 1, kcd: { targetSpn: 'HTTP/x', extra: 1 }, future: { a: 1 } }), 'f');
    expect(r.ok && (r.value as Record<string, unknown>).future).toEqual({ a: 1 });
  });

  it('fills missing fields with empty values so that input checks can name them', () => {
    const r = parseSettings('{"version":1}', 'f');
    expect(r.ok && r.value.kcd).toEqual({ targetSpn: '', serviceAccount: '', domains: [] });
  });

  it.each([
    ['not JSON', '{', 'settings.not-json'],
    ['wrong type', '{"version":1,"email":{"port":"443"}}', 'settings.invalid'],
    ['no version', '{}', 'settings.invalid'],
    ['newer version', '{"version":7}', 'settings.newer-version'],
    ['an array', '[]', 'settings.invalid'],
  ])('refuses %s with a code and a remedy', (_name, text, code) => {
    const r = parseSettings(text, 'site.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toContain('site.json');
      expect(r.error.remedy).toBeTruthy();
    }
  });

  it('says what is wrong with a value, not only where', () => {
    const r = parseSettings('{"version":1,"email":{"port":"443"}}', 'site.json');
    expect(!r.ok && r.error.message).toContain('email.port: Invalid input: expected number, received string');
  });

  it('says so when the file cannot be read', async () => {
    const r = await readSettingsFile('/nonexistent/settings.json');
    expect(!r.ok && r.error.code).toBe('settings.unreadable');
    const dir = await mkdtemp(join(tmpdir(), 'seg-settings-'));
    await writeFile(join(dir, 'big.json'), Buffer.alloc(9 * 1024 * 1024, 32));
    const big = await readSettingsFile(join(dir, 'big.json'));
    expect(!big.ok && big.error.code).toBe('settings.too-large');
  });

  it('refuses a source without end (a device, a pipe) once it passes the limit, instead of reading on', async () => {
    const endless = await readSettingsFile('/dev/zero');
    expect(!endless.ok && endless.error.code).toBe('settings.too-large');
  });
});
