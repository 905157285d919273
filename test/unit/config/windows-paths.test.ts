import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWindowsShaped, resolveSettingsPath, settingsDirOf } from '../../../app/config/settings-path';
import { SettingsStore } from '../../../app/config/settings-store';
import { readCertificateEntry } from '../../../app/pki/settings-certificates';
import { makeServerCertificate } from '../net/tls-test-server';
import { guideSettings } from '../../support/settings';

const onWindows = process.platform === 'win32';

describe('settings paths from Windows (path.win32 rules, whatever this machine runs)', () => {
  it.each([
    ['C:\\SEG\\site', 'root.cer', 'C:\\SEG\\site\\root.cer'],
    ['C:\\SEG\\site', '..\\pki\\issuing.cer', 'C:\\SEG\\pki\\issuing.cer'],
    ['C:\\SEG\\site', 'certs/root.cer', 'C:\\SEG\\site\\certs\\root.cer'],
    ['C:\\SEG\\site', 'D:\\certs\\root.cer', 'D:\\certs\\root.cer'],
    ['C:\\SEG\\site', '\\\\fs01\\pki\\root.cer', '\\\\fs01\\pki\\root.cer'],
    ['\\\\fs01\\share\\seg', 'root.cer', '\\\\fs01\\share\\seg\\root.cer'],
    ['\\\\fs01\\share\\seg', '..\\pki\\root.cer', '\\\\fs01\\share\\pki\\root.cer'],
    ['/etc/seg', 'C:\\inetpub\\root.cer', 'C:\\inetpub\\root.cer'],
  ])('against %s, %s is %s', (dir, entry, expected) => {
    expect(resolveSettingsPath(entry, dir)).toBe(expected);
  });

  it.runIf(!onWindows)('on Linux a relative entry written on Windows finds its file: backslashes read as separators', () => {
    expect(resolveSettingsPath('certs\\root.cer', '/etc/seg')).toBe('/etc/seg/certs/root.cer');
    expect(resolveSettingsPath('../pki/root.cer', '/etc/seg/site')).toBe('/etc/seg/pki/root.cer');
    expect(resolveSettingsPath('/srv/root.cer', '/etc/seg')).toBe('/srv/root.cer');
  });

  it('tells Windows-shaped paths apart', () => {
    expect(['C:\\x', 'c:/x', '\\\\server\\share'].map(isWindowsShaped)).toStrictEqual([true, true, true]);
    expect(['/etc/x', 'x\\y', 'C:', '\\x', 'C:relative'].map(isWindowsShaped)).toStrictEqual([false, false, false, false, false]);
  });

  it("takes a settings file's folder by the same rules", () => {
    expect(settingsDirOf('C:\\SEG\\site\\settings.json')).toBe('C:\\SEG\\site');
    expect(settingsDirOf('\\\\fs01\\share\\seg\\settings.json')).toBe('\\\\fs01\\share\\seg');
    if (!onWindows) expect(settingsDirOf('/etc/seg/settings.json')).toBe('/etc/seg');
  });
});

describe('the settings keep Windows paths exactly', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'seg-winpaths-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('through save and load: drive letters, backslashes, UNC, spaces', async () => {
    const s = guideSettings();
    s.certificates = {
      roots: ['C:\\SEG Certs\\root.cer', '\\\\fs01\\pki$\\issuing.cer'],
      intermediates: ['..\\pki\\issuing.cer'],
      deviceCertificate: 'D:\\devices\\alice.cer',
    };
    s.seg = {
      ...s.seg,
      iisConfigPath: 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config',
      registryExport: '\\\\seg01\\c$\\export\\seg.reg',
      folder: 'C:\\Program Files\\AirWatch\\SEG',
    };
    const store = new SettingsStore(dir);
    const saved = await store.save(s);
    expect(saved.ok).toBe(true);
    const loaded = await store.load();
    expect(loaded.ok && loaded.value?.certificates).toStrictEqual(s.certificates);
    expect(loaded.ok && loaded.value?.seg).toStrictEqual(s.seg);
  });

  it.runIf(!onWindows)('a certificate entry relative to the settings file, written with backslashes, is read', async () => {
    mkdirSync(join(dir, 'certs'), { recursive: true });
    writeFileSync(join(dir, 'certs', 'root.cer'), makeServerCertificate(['x.test']).rootPem);
    const read = await readCertificateEntry('certs\\root.cer', dir);
    expect(read.ok).toBe(true);
    const missing = await readCertificateEntry('C:\\SEG\\root.cer', dir);
    expect(!missing.ok && missing.error.message).toMatch(/^C:\\SEG\\root\.cer cannot be read/);
  });
});
