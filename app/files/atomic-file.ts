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
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
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

/**
 * Replaces the file's content so that a reader — or a crash at any instant — sees either the
 * old bytes or the new, never a mix: write a temporary file in the same folder (same file
 * system, so rename is atomic), flush it to disk, rename it over the original, flush the folder.
 * The file keeps its permissions unless newMode is given (0600 for files holding settings or secrets).
 */
export async function writeAtomically(path: string, content: string | Buffer, hook?: StepHook, newMode?: number): Promise<void> {
  const folder = dirname(path);
  const temp = join(folder, `.${basename(path)}.seg-setup-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const mode = newMode ?? (await fs.stat(path).catch(() => undefined))?.mode ?? 0o644;
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const handle = await fs.open(temp, 'wx', mode & 0o777);
  try {
    try {
      const half = Math.floor(bytes.length / 2);
      await handle.write(bytes, 0, half, 0);
      hook?.('temp-partly-written');
      await handle.write(bytes, half, bytes.length - half, half);
      await handle.sync();
    } finally {
      await handle.close();
    }
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
