import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleChecklists } from '../../../app/configure/console-checklists';
import { generateScripts } from '../../../app/configure/generate-scripts';
import { scriptSetFiles, writeScriptSet } from '../../../app/configure/write-scripts';
import { FIXTURES, labSettings } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function scripts() {
  const settings = labSettings();
  return { set: await generateScripts({ settings, baseDir: FIXTURES }), checklists: consoleChecklists(settings) };
}

describe('writeScriptSet', () => {
  it('writes every file in its encoding; saving the same again is fine; another content is never replaced silently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scripts-'));
    dirs.push(dir);
    const { set, checklists } = await scripts();
    const first = await writeScriptSet(dir, set, checklists);
    if (!first.ok) throw new Error(first.error.message);
    const files = scriptSetFiles(set, checklists);
    expect(first.value).toEqual(files.map((f) => f.name));
    for (const f of files) expect(readFileSync(join(dir, f.name)).equals(f.bytes)).toBe(true);
    expect((await writeScriptSet(dir, set, checklists)).ok).toBe(true);

    // The admin edited two files there: nothing is written, and the error names both.
    writeFileSync(join(dir, 'ad-spn.cmd'), 'rem my own edits\r\n');
    writeFileSync(join(dir, 'README.txt'), 'my notes');
    const refused = await writeScriptSet(dir, set, checklists);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('scripts.would-replace');
    expect(refused.error.message).toContain('2 files of the same name with other content: ad-spn.cmd, README.txt');
    expect(readFileSync(join(dir, 'ad-spn.cmd'), 'utf8')).toBe('rem my own edits\r\n');

    // Agreed: replaced, and no temporary file is left behind.
    expect((await writeScriptSet(dir, set, checklists, true)).ok).toBe(true);
    expect(readFileSync(join(dir, 'ad-spn.cmd')).equals(files.find((f) => f.name === 'ad-spn.cmd')!.bytes)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.name).sort());
  });
});
