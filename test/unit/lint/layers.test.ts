import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../../eslint/layers.mjs';

const root = resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

/** Lints `code` as if it were the file at `path` (a scratch copy: nothing is written). */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

// ESLint with type information takes seconds on a busy machine: the default 5 s is too short.
describe('the layers of app/, kept by lint', { timeout: 60_000 }, () => {
  it('refuses an import that runs back up: a protocol library importing the check framework', async () => {
    const errors = await layerErrors('app/pki/scratch.ts', "import type { CheckContext } from '../checks/types';\nexport type X = CheckContext;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('app/pki/ may not import app/checks/');
  });

  it('refuses the contract importing anything else of app/', async () => {
    const errors = await layerErrors('app/contract/scratch.ts', "import type { Secrets } from '../config/secrets';\nexport type X = Secrets;\n");
    expect(errors[0]).toContain('app/contract/ may not import app/config/');
  });

  it('refuses the renderer reaching past the contract', async () => {
    const errors = await layerErrors('renderer/scratch.ts', "import type { CheckDefinition } from '../app/checks/types';\nexport type X = CheckDefinition;\n");
    expect(errors[0]).toContain('renderer/ may reach app/ only through app/contract/');
  });

  it('allows an import down the table and within a folder', async () => {
    expect(
      await layerErrors(
        'app/checks/scratch.ts',
        "import type { Result } from '../contract/result';\nimport type { CheckContext } from './types';\nexport type X = [Result<number>, CheckContext];\n",
      ),
    ).toEqual([]);
  });

  it('has no cycles: every allowed import points to a folder that cannot import back', () => {
    for (const [from, allowed] of Object.entries(LAYERS)) {
      for (const to of allowed) expect(LAYERS[to], `${from} → ${to}`).not.toContain(from);
    }
  });

  it('knows every folder of app/', async () => {
    const { readdirSync } = await import('node:fs');
    const folders = readdirSync(resolve(root, 'app'), { withFileTypes: true }).map((d) => d.name.replace(/\.ts$/, ''));
    expect(folders.filter((f) => !(f in LAYERS))).toEqual([]);
  });
});
