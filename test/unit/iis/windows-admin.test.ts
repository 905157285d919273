import { promises as fs, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyIis, previewIis, undoIis } from '../../../app/configure/iis-configure';
import { readConfigFile } from '../../../app/iis/apply-file';
import { fixture, labSettings } from '../configure/helpers';

/**
 * %windir%\System32\inetsrv\config\applicationHost.config needs an elevated process: without
 * it Windows answers EPERM or EACCES. Tests run as root here, so the refusal is simulated.
 */
const denied = (code: 'EACCES' | 'EPERM', path: string) => Object.assign(new Error(`${code}: operation not permitted, open '${path}'`), { code });
const WINDOWS_CONFIG = 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config';

let folder: string;
let config: string;
const original = fixture('seg-installed.config');

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'seg-iis-admin-'));
  config = join(folder, 'applicationHost.config');
  writeFileSync(config, original);
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(folder, { recursive: true, force: true });
});

const request = () => ({ role: 'seg' as const, configPath: config, settings: labSettings() });

describe('applicationHost.config without administrator rights', () => {
  it.each(['EACCES', 'EPERM'] as const)('reading it (%s) says to run SEG KCD Setup as administrator', async (code) => {
    vi.spyOn(fs, 'stat').mockRejectedValueOnce(denied(code, WINDOWS_CONFIG));
    const read = await readConfigFile(WINDOWS_CONFIG);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error.code).toBe('iis.needs-admin');
    expect(read.error.message).toBe(`${WINDOWS_CONFIG} can be read only by an administrator: run SEG KCD Setup as administrator.`);
    expect(read.error.remedy).toMatch(/Run as administrator/);
  });

  it.each(['EACCES', 'EPERM'] as const)('writing it (%s) says the same, and changes nothing', async (code) => {
    const preview = await previewIis(request());
    if (!preview.ok) throw new Error(preview.error.message);
    vi.spyOn(fs, 'copyFile').mockRejectedValueOnce(denied(code, config));
    const applied = await applyIis({ ...request(), expectedSha256: preview.value.plan.sourceSha256 });
    expect(!applied.ok && applied.error.code).toBe('iis.needs-admin');
    expect(!applied.ok && applied.error.message).toBe(`${config} can be changed only by an administrator: run SEG KCD Setup as administrator.`);
    expect(readFileSync(config, 'utf8')).toBe(original);
  });

  it('a refused rename after the backup is the same error, the original left in place', async () => {
    const preview = await previewIis(request());
    if (!preview.ok) throw new Error(preview.error.message);
    vi.spyOn(fs, 'rename').mockRejectedValueOnce(denied('EPERM', config));
    const applied = await applyIis({ ...request(), expectedSha256: preview.value.plan.sourceSha256 });
    expect(!applied.ok && applied.error.code).toBe('iis.needs-admin');
    expect(readFileSync(config, 'utf8')).toBe(original);
  });

  it('undo without the rights says the same', async () => {
    const backup = join(folder, 'applicationHost.config.seg-setup-20261125T160000Z.bak');
    writeFileSync(backup, original);
    vi.spyOn(fs, 'copyFile').mockRejectedValueOnce(denied('EACCES', config));
    const undone = await undoIis(config, backup);
    expect(!undone.ok && undone.error.code).toBe('iis.needs-admin');
  });
});
