import { spawnSync } from 'node:child_process';
import { chmod, chown, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomically, type FilePlatform } from '../../../app/files/atomic-file';

const asRoot = process.getuid?.() === 0;

describe('writeAtomically keeps what the original had', () => {
  it.runIf(asRoot)('its mode and its owner (POSIX)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seg-atomic-'));
    const file = join(dir, 'applicationHost.config');
    await writeFile(file, 'old');
    await chmod(file, 0o664);
    await chown(file, 1234, 2345);
    await writeAtomically(file, 'new');
    const after = await stat(file);
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(after.mode & 0o777).toBe(0o664);
    expect([after.uid, after.gid]).toEqual([1234, 2345]);
  });

  it('hands the original and the temporary file to the platform layer (here a fake, as on Windows)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seg-atomic-'));
    const file = join(dir, 'web.config');
    await writeFile(file, 'old');
    const seen: string[] = [];
    const windows: FilePlatform = {
      keepSecurity: async (original, temp) => {
        seen.push(`${original} -> ${temp}`);
      },
    };
    await writeAtomically(file, 'new', undefined, undefined, windows);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/web\.config -> .*\.web\.config\.seg-setup-\d+-[0-9a-f]+\.tmp$/);
    expect(await readFile(file, 'utf8')).toBe('new');
  });
});

describe('stale temporary files of ours', () => {
  it('are removed on the next write when the process that made them is gone; others are left alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seg-atomic-'));
    const file = join(dir, 'applicationHost.config');
    await writeFile(file, 'old');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const stale = `.applicationHost.config.seg-setup-${gone}-0badcafe.tmp`;
    const alive = `.applicationHost.config.seg-setup-${process.ppid}-00c0ffee.tmp`;
    const foreign = '.applicationHost.config.tmp';
    for (const name of [stale, alive, foreign]) await writeFile(join(dir, name), 'partial');
    await writeAtomically(file, 'new');
    expect((await readdir(dir)).sort()).toEqual([alive, foreign, 'applicationHost.config'].sort());
  });
});
