import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../contract/result';
import { encode } from '../scripts/script';
import type { ConsoleChecklist } from '../contract/console-checklists';
import type { ScriptSet } from './generate-scripts';

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

/** Writes every script in its encoding, the inline certificates and README.txt into dir (created if needed). */
export async function writeScriptSet(dir: string, set: ScriptSet, checklists: readonly ConsoleChecklist[]): Promise<Result<string[]>> {
  try {
    await fs.mkdir(dir, { recursive: true });
    const written: string[] = [];
    for (const script of set.scripts) {
      await fs.writeFile(join(dir, script.fileName), encode(script));
      written.push(script.fileName);
    }
    for (const cert of set.certificates) {
      await fs.writeFile(join(dir, cert.fileName), cert.content);
      written.push(cert.fileName);
    }
    await fs.writeFile(join(dir, 'README.txt'), renderIndex(set, checklists));
    written.push('README.txt');
    return ok(written);
  } catch (cause) {
    return err(
      'scripts.write-failed',
      `The scripts could not be written to ${dir}: ${cause instanceof Error ? cause.message : String(cause)}`,
      'Choose a folder you can write to.',
    );
  }
}
