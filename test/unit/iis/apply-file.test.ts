import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyIis, iisBackups, previewIis, undoIis } from '../../../app/configure/iis-configure';
import { err } from '../../../app/contract/result';
import { replaceConfigFile } from '../../../app/iis/apply-file';
import type { WriteStep } from '../../../app/files/atomic-file';
import { parseXmlTree } from '../../../app/iis/xml-tree';
import { fixture, labSettings } from '../configure/helpers';

let folder: string;
let config: string;
const original = fixture('seg-installed.config');

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'seg-iis-'));
  config = join(folder, 'applicationHost.config');
  writeFileSync(config, original);
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

const request = () => ({ role: 'seg' as const, configPath: config, settings: labSettings() });

describe('applyIis', () => {
  it('backs up, writes, and a second apply changes nothing', async () => {
    const preview = await previewIis(request());
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    const first = await applyIis({ ...request(), expectedSha256: preview.value.plan.sourceSha256 }, { now: () => new Date('2026-11-25T16:00:00Z') });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value.changed).toBe(true);
    expect(first.value.backupPath).toBe(join(folder, 'applicationHost.config.seg-setup-20261125T160000Z.bak'));
    expect(readFileSync(first.value.backupPath!, 'utf8')).toBe(original);
    const written = readFileSync(config, 'utf8');
    expect(written).toContain('<location path="Default Web Site/Microsoft-Server-ActiveSync">');

    const second = await applyIis(request());
    expect(second.ok && second.value.changed).toBe(false);
    expect(readFileSync(config, 'utf8')).toBe(written);
    expect(readdirSync(folder).filter((n) => n.endsWith('.bak'))).toHaveLength(1);
    expect(readdirSync(folder).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a file that changed since the reviewed preview, writing nothing', async () => {
    const preview = await previewIis(request());
    if (!preview.ok) throw new Error(preview.error.message);
    writeFileSync(config, original.replace('DefaultAppPool', 'OtherPool'));
    const result = await applyIis({ ...request(), expectedSha256: preview.value.plan.sourceSha256 });
    expect(!result.ok && result.error.code).toBe('iis.config-changed');
    expect(readdirSync(folder)).toEqual(['applicationHost.config']);
  });

  it('refuses a damaged file with a clear error and writes nothing', async () => {
    writeFileSync(config, fixture('damaged.config'));
    const result = await applyIis(request());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('iis.config-damaged');
      expect(result.error.remedy).toMatch(/history/);
    }
    expect(readdirSync(folder)).toEqual(['applicationHost.config']);
    expect(readFileSync(config, 'utf8')).toBe(fixture('damaged.config'));
  });

  it('names a missing file and a file that is not UTF-8', async () => {
    const missing = await applyIis({ ...request(), configPath: join(folder, 'nope.config') });
    expect(!missing.ok && missing.error.code).toBe('iis.config-missing');
    writeFileSync(config, Buffer.from([0xff, 0xfe, 0x3c, 0x00]));
    const utf16 = await applyIis(request());
    expect(!utf16.ok && utf16.error.code).toBe('iis.config-encoding');
  });

  it('rolls back when the write fails part way', async () => {
    const result = await applyIis(request(), {
      hook: (step) => {
        if (step === 'temp-written') throw new Error('disk full (simulated)');
      },
    });
    expect(!result.ok && result.error.code).toBe('iis.apply-failed');
    expect(!result.ok && result.error.message).toMatch(/disk full.*The file was not changed/);
    expect(readFileSync(config, 'utf8')).toBe(original);
    expect(readdirSync(folder).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('restores the original when a failure comes after the rename', async () => {
    const result = await applyIis(request(), {
      hook: (step) => {
        if (step === 'renamed') throw new Error('crash after rename (simulated)');
      },
    });
    expect(!result.ok && result.error.message).toMatch(/crash after rename.*original was restored/);
    expect(readFileSync(config, 'utf8')).toBe(original);
  });

  it('rolls back when the file read back does not hold the plan', async () => {
    const result = await replaceConfigFile(config, original, original.replace('<serverRuntime />', '<serverRuntime enabled="false" />'), () =>
      err('iis.plan-not-held', 'After writing, these items do not hold: x.'),
    );
    expect(!result.ok && result.error.code).toBe('iis.apply-rolled-back');
    expect(readFileSync(config, 'utf8')).toBe(original);
    expect(readdirSync(folder).filter((n) => n.endsWith('.bak'))).toHaveLength(1);
  });

  it('undo restores the backup and keeps a backup of what it replaced', async () => {
    const applied = await applyIis(request(), { now: () => new Date('2026-11-25T16:00:00Z') });
    if (!applied.ok) throw new Error(applied.error.message);
    const configured = readFileSync(config, 'utf8');
    const undone = await undoIis(config, applied.value.backupPath!, { now: () => new Date('2026-11-25T16:05:00Z') });
    expect(undone.ok).toBe(true);
    expect(readFileSync(config, 'utf8')).toBe(original);
    if (undone.ok) expect(readFileSync(undone.value.backupOfReplaced, 'utf8')).toBe(configured);
    const backups = await iisBackups(config);
    expect(backups.ok && backups.value.map((p) => p.slice(folder.length + 1))).toEqual([
      'applicationHost.config.seg-setup-20261125T160500Z.bak',
      'applicationHost.config.seg-setup-20261125T160000Z.bak',
    ]);
    const foreign = await undoIis(config, join(tmpdir(), 'elsewhere.bak'));
    expect(!foreign.ok && foreign.error.code).toBe('iis.not-a-backup');
  });
});

function runChildUntil(step: WriteStep): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'apply-child.ts'), config, step], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errText = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`${step}\n`)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (errText += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(out) : reject(new Error(`child ended without reaching ${step}: ${out} ${errText}`))));
  });
}

describe('a process killed during apply', () => {
  it.each<WriteStep>(['backup-written', 'temp-partly-written', 'temp-written', 'renamed'])(
    'leaves the old or the new file, never a broken one (SIGKILL at %s)',
    async (step) => {
      const preview = await previewIis(request());
      if (!preview.ok) throw new Error(preview.error.message);
      await runChildUntil(step);
      const after = readFileSync(config, 'utf8');
      expect(parseXmlTree(after).ok).toBe(true);
      const expected = step === 'renamed' ? 'new' : 'old';
      expect(after === original ? 'old' : 'new').toBe(expected);
      if (expected === 'new') {
        const again = await previewIis(request());
        expect(again.ok && again.value.plan.items.every((i) => i.state === 'done')).toBe(true);
      }
    },
    30_000,
  );
});
