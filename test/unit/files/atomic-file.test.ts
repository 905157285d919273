import { spawnSync } from 'node:child_process';
import { chmod, chown, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { windowsPlatform, writeAtomically, type FilePlatform, type RunProgram } from '../../../app/files/atomic-file';

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

describe('on Windows, the original ACL', () => {
  it('is copied onto the temporary file by PowerShell, the paths in the environment and never in the command', async () => {
    const dir = await mkdtemp(join(tmpdir(), "seg-atomic-it's; & $(calc)-"));
    const file = join(dir, 'applicationHost.config');
    await writeFile(file, 'old');
    const calls: { file: string; args: readonly string[]; from?: string; to?: string; tempExists: boolean }[] = [];
    const run: RunProgram = async (program, args, env) => {
      calls.push({
        file: program,
        args,
        from: env.SEG_ACL_FROM,
        to: env.SEG_ACL_TO,
        tempExists: await stat(env.SEG_ACL_TO ?? '').then(
          () => true,
          () => false,
        ),
      });
    };
    await writeAtomically(file, 'new', undefined, undefined, windowsPlatform(run));
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.file).toBe('powershell.exe');
    expect(call?.from).toBe(file);
    expect(call?.to).toMatch(/\.applicationHost\.config\.seg-setup-\d+-[0-9a-f]+\.tmp$/);
    expect(call?.tempExists).toBe(true);
    expect(call?.args.join(' ')).not.toContain(dir);
    expect(call?.args.join(' ')).toContain("SetSecurityDescriptorSddlForm($from.Sddl, 'Access')");
    expect(await readFile(file, 'utf8')).toBe('new');
  });

  it('stops the write when it cannot be copied, leaving the original and no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seg-atomic-'));
    const file = join(dir, 'applicationHost.config');
    await writeFile(file, 'old');
    const failing = windowsPlatform(async () => {
      throw new Error("powershell.exe could not copy the file's ACL: access denied");
    });
    await expect(writeAtomically(file, 'new', undefined, undefined, failing)).rejects.toThrow(/could not copy the file's ACL/);
    expect(await readFile(file, 'utf8')).toBe('old');
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
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
