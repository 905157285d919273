import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Points inside a write where a test may stop the process; production passes nothing. */
export type WriteStep = 'backup-written' | 'temp-partly-written' | 'temp-written' | 'renamed';

export type StepHook = (step: WriteStep) => void;

/** Strict UTF-8: a file we cannot decode exactly is a file we must not rewrite. */
export async function readUtf8(path: string): Promise<string> {
  const bytes = await fs.readFile(path);
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** `applicationHost.config.seg-setup-20261125T160000Z.bak`, beside the file. */
export function backupPrefix(path: string): string {
  return `${basename(path)}.seg-setup-`;
}

/** Copies the file beside itself under a timestamped name that never overwrites an older backup. */
export async function writeBackup(path: string, now: Date): Promise<string> {
  const base = join(dirname(path), `${backupPrefix(path)}${stamp(now)}`);
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? `${base}.bak` : `${base}-${n}.bak`;
    try {
      await fs.copyFile(path, candidate, constants.COPYFILE_EXCL);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'EEXIST' && n < 100) continue;
      throw cause;
    }
    const handle = await fs.open(candidate, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    return candidate;
  }
}

/** What the platform lets the temporary file take over from the file it replaces, beyond its mode. */
export interface FilePlatform {
  keepSecurity(original: string, temp: string): Promise<void>;
}

/** POSIX: the owner and group. Only root may give a file to someone else; otherwise the file becomes the writer's, as with any editor. */
const posixPlatform: FilePlatform = {
  keepSecurity: async (original, temp) => {
    const { uid, gid } = await fs.stat(original);
    try {
      await fs.chown(temp, uid, gid);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EPERM') throw cause;
    }
  },
};

/** Runs a program with arguments and environment, never through a shell; rejects when it fails. */
export type RunProgram = (file: string, args: readonly string[], env: NodeJS.ProcessEnv) => Promise<void>;

// node:child_process is loaded when a program runs (on Windows, for an ACL): every process that
// reads its settings imports this module, and loading it cost a verify run 2 ms (issue 21).
const runProgram: RunProgram = async (file, args, env) => {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) =>
    execFile(file, [...args], { env, timeout: 30_000, windowsHide: true }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${file} could not copy the file's ACL: ${stderr.trim() || error.message}`)) : resolve(),
    ),
  );
};

/**
 * The original's DACL, as SDDL, set on the temporary file before it replaces the original:
 * the temporary file would otherwise take only the folder's inheritable entries. Node has no
 * ACL API, so PowerShell's Get-Acl/Set-Acl do it; the paths reach it in the environment,
 * never inside the command text. A failure stops the write (the original stays as it was).
 */
const COPY_DACL =
  "$ErrorActionPreference = 'Stop'; $from = Get-Acl -LiteralPath $env:SEG_ACL_FROM; $to = Get-Acl -LiteralPath $env:SEG_ACL_TO; " +
  "$to.SetSecurityDescriptorSddlForm($from.Sddl, 'Access'); Set-Acl -LiteralPath $env:SEG_ACL_TO -AclObject $to";

export function windowsPlatform(run: RunProgram = runProgram): FilePlatform {
  return {
    keepSecurity: (original, temp) =>
      run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', COPY_DACL], { ...process.env, SEG_ACL_FROM: original, SEG_ACL_TO: temp }),
  };
}

export const NODE_FILE_PLATFORM: FilePlatform = process.platform === 'win32' ? windowsPlatform() : posixPlatform;

const tempPrefix = (path: string) => `.${basename(path)}.seg-setup-`;

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Temporary files this product left beside the file when a process was killed mid-write; those of a running process stay. */
async function removeStaleTemps(path: string): Promise<void> {
  const prefix = tempPrefix(path);
  const pattern = /^(\d+)-[0-9a-f]{8}\.tmp$/;
  for (const name of await fs.readdir(dirname(path)).catch(() => [] as string[])) {
    const pid = name.startsWith(prefix) ? pattern.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid !== undefined && processGone(Number(pid))) await fs.rm(join(dirname(path), name), { force: true });
  }
}

/**
 * Replaces the file's content so that a reader — or a crash at any instant — sees either the
 * old bytes or the new, never a mix: write a temporary file in the same folder (same file
 * system, so rename is atomic), flush it to disk, rename it over the original, flush the folder.
 * The file keeps its permissions and owner (what the platform allows) unless newMode is given
 * (0600 for files holding settings or secrets). Temporary files left by a killed run go first.
 */
export async function writeAtomically(
  path: string,
  content: string | Buffer,
  hook?: StepHook,
  newMode?: number,
  platform: FilePlatform = NODE_FILE_PLATFORM,
): Promise<void> {
  const folder = dirname(path);
  await removeStaleTemps(path);
  const temp = join(folder, `${tempPrefix(path)}${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const original = await fs.stat(path).catch(() => undefined);
  const mode = newMode ?? original?.mode ?? 0o644;
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const handle = await fs.open(temp, 'wx', mode & 0o777);
  try {
    try {
      const half = Math.floor(bytes.length / 2);
      await handle.write(bytes, 0, half, 0);
      hook?.('temp-partly-written');
      await handle.write(bytes, half, bytes.length - half, half);
      // open() applies the umask: set the mode itself, so a group-writable original stays so.
      await handle.chmod(mode & 0o777);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (original !== undefined) await platform.keepSecurity(path, temp);
    hook?.('temp-written');
    await fs.rename(temp, path);
  } catch (cause) {
    await fs.rm(temp, { force: true });
    throw cause;
  }
  await syncFolder(folder);
  hook?.('renamed');
}

/** Makes the rename itself durable; Windows cannot open a folder for this and needs no such step. */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw cause;
  } finally {
    await handle?.close();
  }
}
