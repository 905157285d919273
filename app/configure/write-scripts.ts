import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../contract/result';
import { encode } from '../scripts/script';
import type { ConsoleChecklist } from '../contract/console-checklists';
import type { ScriptSet } from './generate-scripts';
import { writeAtomically } from '../files/atomic-file';
import { storeZip } from '../files/store-zip';

/** A person-readable index of the folder: each script, who runs it where, and the console checklists. */
function renderIndex(set: ScriptSet, checklists: readonly ConsoleChecklist[]): string {
  const out: string[] = ['SEG KCD Setup: scripts and console checklists', ''];
  for (const s of set.scripts) {
    out.push(
      `${s.fileName}${s.troubleshootingOnly ? '   [TROUBLESHOOTING ONLY - remove afterwards]' : ''}`,
      `  ${s.title}`,
      `  Run by: ${s.runBy}`,
      `  Run on: ${s.runOn}`,
      `  Guide:  ${s.guideStep}`,
      '',
    );
  }
  for (const r of set.refused) out.push(`NOT GENERATED: ${r.title} (${r.id}): ${r.reason}`, '');
  for (const c of checklists) {
    out.push(`Console: ${c.title}`, `  Where: ${c.where}`, `  Guide: ${c.guideStep}`);
    for (const e of c.entries) out.push(`  - ${e.field}: ${e.value}${e.note ? `  (${e.note})` : ''}`);
    out.push('');
  }
  return out.join('\r\n');
}

/** One file of the scripts folder, with its bytes in the encoding its program reads. */
export interface ScriptFile {
  readonly name: string;
  readonly bytes: Buffer;
}

/** Every file "save all" writes: the scripts, the certificates they name, and README.txt. */
export function scriptSetFiles(set: ScriptSet, checklists: readonly ConsoleChecklist[]): ScriptFile[] {
  return [
    ...set.scripts.map((script) => ({ name: script.fileName, bytes: encode(script) })),
    ...set.certificates.map((cert) => ({ name: cert.fileName, bytes: Buffer.from(cert.content, 'utf8') })),
    { name: 'README.txt', bytes: Buffer.from(renderIndex(set, checklists), 'utf8') },
  ];
}

async function existing(path: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw cause;
  }
}

/**
 * Writes the files into dir (created if needed), each atomically. A file of the same name with
 * other content is never replaced silently: without `replace` nothing is written and the error
 * names every such file, so the admin can pick another folder or agree. Identical files count
 * as written.
 */
export async function writeScriptSet(dir: string, set: ScriptSet, checklists: readonly ConsoleChecklist[], replace = false): Promise<Result<string[]>> {
  const files = scriptSetFiles(set, checklists);
  try {
    await fs.mkdir(dir, { recursive: true });
    const current = await Promise.all(files.map((f) => existing(join(dir, f.name))));
    const differing = files.filter((f, i) => current[i] !== null && !current[i]!.equals(f.bytes)).map((f) => f.name);
    if (differing.length > 0 && !replace) {
      return err(
        'scripts.would-replace',
        `${dir} already holds ${differing.length === 1 ? 'a file' : `${differing.length} files`} of the same name with other content: ${differing.join(', ')}.`,
        'Choose another folder, or agree to replace them (the CLI: --replace).',
      );
    }
    for (const [i, file] of files.entries())
      if (current[i] === null || !current[i]!.equals(file.bytes)) await writeAtomically(join(dir, file.name), file.bytes);
    return ok(files.map((f) => f.name));
  } catch (cause) {
    return err(
      'scripts.write-failed',
      `The scripts could not be written to ${dir}: ${cause instanceof Error ? cause.message : String(cause)}`,
      'Choose a folder you can write to.',
    );
  }
}

/** The same files as one stored zip, for a page that can only download. */
export function zipScriptSet(set: ScriptSet, checklists: readonly ConsoleChecklist[], at?: Date): Result<Buffer> {
  return storeZip(scriptSetFiles(set, checklists), at);
}
