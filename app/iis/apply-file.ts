import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { err, ok, type Result } from '../contract/result';
import { backupPrefix, readUtf8, writeAtomically, writeBackup, type StepHook } from '../files/atomic-file';
import { parseXmlTree } from './xml-tree';
import type { ApplyOutcome, UndoOutcome } from '../contract/iis';

export interface WriteOptions {
  readonly now?: () => Date;
  readonly hook?: StepHook;
}

function message(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * %windir%\System32\inetsrv\config is writable, and applicationHost.config readable, only by
 * an elevated process: Windows answers EPERM or EACCES. The person is told what to do in the
 * message itself; the desktop app offers to restart elevated on this code (relaunchElevated).
 */
function needsAdmin(cause: unknown, path: string, doing: 'read' | 'changed'): Result<never> | null {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'EACCES' && code !== 'EPERM') return null;
  return err(
    'iis.needs-admin',
    `${path} can be ${doing} only by an administrator: run SEG KCD Setup as administrator.`,
    'Close SEG KCD Setup and start it again with "Run as administrator" (the desktop app offers to restart so), or work on a copy of the file and let an administrator apply it.',
  );
}

/** applicationHost.config of a busy server is well under 1 MB; this only stops a wrong file. */
const MAX_CONFIG_BYTES = 64 * 1024 * 1024;

/**
 * IIS writes applicationHost.config as UTF-8 (with a byte order mark, which a write keeps, as
 * it keeps CRLF line ends). A UTF-16 file is a copy an editor re-saved: refused by name rather
 * than rewritten in another encoding than it came in.
 */
async function notUtf8(path: string): Promise<Result<never>> {
  const head = await fs.readFile(path).then(
    (b) => b.subarray(0, 2).toString('hex'),
    () => '',
  );
  if (head === 'fffe' || head === 'feff') {
    return err(
      'iis.config-encoding',
      `${path} is UTF-16 text; IIS writes applicationHost.config as UTF-8.`,
      'Copy the file from the server as it is (UTF-8), or save this copy as UTF-8 and try again.',
    );
  }
  return err('iis.config-encoding', `${path} is not UTF-8 text.`, 'Copy the file as it is on the server; IIS writes it as UTF-8.');
}

export async function readConfigFile(path: string): Promise<Result<string>> {
  try {
    const { size } = await fs.stat(path);
    if (size > MAX_CONFIG_BYTES)
      return err('iis.config-too-large', `${path} is ${size} bytes, far more than any applicationHost.config.`, 'Choose applicationHost.config itself.');
    return ok(await readUtf8(path));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err('iis.config-missing', `${path} does not exist.`, 'Give the path of applicationHost.config or of a copy of it.');
    const admin = needsAdmin(cause, path, 'read');
    if (admin) return admin;
    if (cause instanceof TypeError) return notUtf8(path);
    return err('iis.config-unreadable', `${path} cannot be read: ${message(cause)}`);
  }
}

/**
 * Writes new text over a config file the safe way: back up, write atomically, read back and
 * validate (`holds` runs the plan's own test on what is now on disk), and restore the backup
 * when anything fails after the backup was made. The text given must be what `original` was.
 */
export async function replaceConfigFile(
  path: string,
  original: string,
  next: string,
  holds: (written: string) => Result<true>,
  options: WriteOptions = {},
): Promise<Result<ApplyOutcome>> {
  if (next === original) return ok({ path, changed: false, backupPath: null });
  const current = await readConfigFile(path);
  if (!current.ok) return current;
  if (current.value !== original) {
    return err('iis.config-changed', `${path} changed since the plan was made.`, 'Review the plan again: it will be made from the file as it is now.');
  }
  let backupPath: string;
  try {
    backupPath = await writeBackup(path, (options.now ?? (() => new Date()))());
  } catch (cause) {
    const admin = needsAdmin(cause, path, 'changed');
    if (admin) return admin;
    return err('iis.backup-failed', `No backup could be written beside ${path}: ${message(cause)}. Nothing was changed.`, 'Check that the folder is writable.');
  }
  options.hook?.('backup-written');
  try {
    await writeAtomically(path, next, options.hook);
    const written = await readUtf8(path);
    const valid = written === next ? holds(written) : err('iis.readback-differs', 'What was read back differs from what was written.');
    if (!valid.ok) {
      await writeAtomically(path, original);
      return err('iis.apply-rolled-back', `${valid.error.message} The original was restored.`, valid.error.remedy ?? `The backup is kept at ${backupPath}.`);
    }
  } catch (cause) {
    // A failed rename (the file held open on Windows) leaves the original in place: nothing to restore then.
    const untouched = await readUtf8(path).then(
      (now) => now === original,
      () => false,
    );
    const restored = untouched
      ? 'The file was not changed.'
      : await writeAtomically(path, original).then(
          () => 'The original was restored.',
          () => `Restoring failed too: copy ${backupPath} over the file by hand.`,
        );
    const admin = untouched ? needsAdmin(cause, path, 'changed') : null;
    if (admin) return admin;
    return err('iis.apply-failed', `Writing ${path} failed: ${message(cause)}. ${restored}`, `The backup is kept at ${backupPath}.`);
  }
  return ok({ path, changed: true, backupPath });
}

/** Backups of this file made by the tool, newest first. */
export async function listBackups(path: string): Promise<string[]> {
  const prefix = backupPrefix(path);
  const names = await fs.readdir(dirname(path)).catch(() => [] as string[]);
  return names
    .filter((name) => name.startsWith(prefix) && name.endsWith('.bak'))
    .sort()
    .reverse()
    .map((name) => join(dirname(path), name));
}

/** Puts a backup back, atomically, after checking it is an intact XML file. */
export async function restoreBackup(path: string, backupPath: string, options: WriteOptions = {}): Promise<Result<UndoOutcome>> {
  if (dirname(backupPath) !== dirname(path) || !basename(backupPath).startsWith(backupPrefix(path))) {
    return err('iis.not-a-backup', `${backupPath} is not a backup of ${path} made by this tool.`, 'Pick one of the backups listed for this file.');
  }
  const saved = await readConfigFile(backupPath);
  if (!saved.ok) return saved;
  const parsed = parseXmlTree(saved.value);
  if (!parsed.ok) return err('iis.backup-damaged', `The backup ${backupPath} is damaged: ${parsed.error.message}`, 'Pick an older backup.');
  try {
    const backupOfReplaced = await writeBackup(path, (options.now ?? (() => new Date()))());
    await writeAtomically(path, saved.value, options.hook);
    return ok({ path, restoredFrom: backupPath, backupOfReplaced });
  } catch (cause) {
    const admin = needsAdmin(cause, path, 'changed');
    if (admin) return admin;
    return err('iis.undo-failed', `Restoring ${backupPath} failed: ${message(cause)}.`, 'The file is unchanged; check that the folder is writable.');
  }
}
