import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CliIo, ExitCode } from '../../../app/cli/io';
import { loadCommand, readCodeCache } from '../../../app/cli/load-command';
import { captureIo } from '../../support/cli-io';
import { guideSettings } from '../../support/settings';

const ROOT = join(__dirname, '..', '..', '..');

/** Makes `<file>.cache` the way the build does, with this Node. */
function makeCache(file: string): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'code-cache.mjs'), file], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

const answering = (word: string): string => `module.exports = { answer: () => ${JSON.stringify(word)}, dep: () => require('./dep.cjs') };\n`;

describe('loadCommand: a bundle with the code cache made for it', () => {
  let file: string;
  beforeEach(() => {
    const dir = mkdtempSync(join(tmpdir(), 'seg-load-command-'));
    file = join(dir, 'command.cjs');
    writeFileSync(join(dir, 'dep.cjs'), 'module.exports = "beside the bundle";\n');
    writeFileSync(file, answering('one'));
  });

  it('uses the cache, and the bundle requires files beside itself', () => {
    makeCache(file);
    const loaded = loadCommand(file);
    expect(loaded.cache).toBe('used');
    expect((loaded.exports.answer as () => string)()).toBe('one');
    expect((loaded.exports.dep as () => string)()).toBe('beside the bundle');
  });

  // V8 checks only the source's length: with the same length, it would run the old code.
  it.each([
    ['of the same length', 'two'],
    ['of another length', 'three'],
  ])('never uses a cache made for other bytes %s', (_, word) => {
    makeCache(file);
    writeFileSync(file, answering(word));
    const loaded = loadCommand(file);
    expect(loaded.cache).toBe('stale');
    expect((loaded.exports.answer as () => string)()).toBe(word);
  });

  it('compiles when V8 rejects the cache (another Node), and when there is none; it never writes one', () => {
    const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    writeFileSync(`${file}.cache`, Buffer.concat([Buffer.from(`seg-code-cache ${sha256} 0.0.0\n`), Buffer.alloc(4096, 7)]));
    const rejected = loadCommand(file);
    expect(rejected.cache).toBe('rejected');
    expect((rejected.exports.answer as () => string)()).toBe('one');

    const other = join(file, '..', 'other.cjs');
    writeFileSync(other, answering('five'));
    const missing = loadCommand(other);
    expect(missing.cache).toBe('missing');
    expect((missing.exports.answer as () => string)()).toBe('five');
    expect(existsSync(`${other}.cache`)).toBe(false);
  });
});

describe('the verify command built by `npm run build`', () => {
  const bundle = join(ROOT, 'dist', 'cli', 'commands', 'verify-command.cjs');
  const built = readCodeCache(`${bundle}.cache`);
  const sameNode = built?.node === process.versions.node;

  /** Runs the loaded command on the input checks: its families load from the same bundle. */
  async function runsInputChecks(exports: Record<string, unknown>): Promise<void> {
    const config = join(mkdtempSync(join(tmpdir(), 'seg-load-command-')), 'settings.json');
    writeFileSync(config, JSON.stringify(guideSettings()));
    const io = captureIo();
    const runVerify = exports.runVerify as (argv: readonly string[], io: CliIo) => Promise<ExitCode>;
    expect(await runVerify(['--config', config, '--only', 'input.*'], io)).toBe(0);
    expect(io.out()).toMatch(/PASS\s+input\.realm/);
  }

  it('has its code cache beside it (run `npm run build` first)', () => {
    expect(built, `${bundle}.cache`).toBeDefined();
  });

  const builtBy = `built by Node ${built?.node}, this is ${process.versions.node}`;
  it.skipIf(!sameNode)(`is compiled from its cache by the Node that built it${sameNode ? '' : ` (skipped: ${builtBy})`}`, async () => {
    const loaded = loadCommand(bundle);
    expect(loaded.cache).toBe('used');
    await runsInputChecks(loaded.exports);
  });

  it.skipIf(sameNode)(`loads without its cache on another Node${sameNode ? ' (skipped: built by this Node)' : `: ${builtBy}`}`, async () => {
    const loaded = loadCommand(bundle);
    expect(loaded.cache).toBe('rejected');
    await runsInputChecks(loaded.exports);
  });
});

describe('the built seg-setup binary', () => {
  // Preloaded: on exit, prints every file the process required or compiled through node:vm.
  const hook = join(mkdtempSync(join(tmpdir(), 'seg-load-command-')), 'hook.cjs');
  writeFileSync(
    hook,
    `const vm = require('node:vm');
const compiled = [];
vm.Script = class extends vm.Script { constructor(code, options) { super(code, options); compiled.push(options.filename); } };
process.on('exit', () => process.stderr.write('##loaded ' + JSON.stringify([...Object.keys(require.cache), ...compiled]) + '\\n'));
`,
  );
  const loaded = (...args: string[]): string[] => {
    const r = spawnSync(process.execPath, ['-r', hook, join(ROOT, 'bin', 'seg-setup.js'), ...args], { encoding: 'utf8', env: {} });
    expect(r.status, r.stderr).toBe(0);
    const files = JSON.parse(/##loaded (.*)/.exec(r.stderr)?.[1] ?? '[]') as string[];
    return files.filter((f) => f !== hook).map((f) => f.slice(ROOT.length + 1));
  };

  it('loads nothing but the dispatcher for --version and --help', () => {
    expect(loaded('--version')).toEqual(['bin/seg-setup.js', 'dist/cli/main.cjs']);
    expect(loaded('--help')).toEqual(['bin/seg-setup.js', 'dist/cli/main.cjs']);
  });

  it('compiles the one bundle of the command called, and no vendored library', () => {
    expect(loaded('check-crl', '--help')).toEqual(['bin/seg-setup.js', 'dist/cli/main.cjs', 'dist/cli/commands/check-crl.cjs']);
  });

  it('compiles verify-more only for the families beyond the Kerberos chain', () => {
    const config = join(mkdtempSync(join(tmpdir(), 'seg-load-command-')), 'settings.json');
    writeFileSync(config, JSON.stringify(guideSettings()));
    // input.* and seg.* read only the settings and the files they name (none here): nothing leaves the machine.
    const commands = (only: string): string[] => {
      const r = spawnSync(process.execPath, ['-r', hook, join(ROOT, 'bin', 'seg-setup.js'), 'verify', '--config', config, '--only', only], {
        encoding: 'utf8',
        env: {},
      });
      expect(r.status, r.stderr).not.toBe(2);
      const files = JSON.parse(/##loaded (.*)/.exec(r.stderr)?.[1] ?? '[]') as string[];
      return files.map((f) => f.slice(ROOT.length + 1)).filter((f) => f.startsWith('dist/cli/commands/'));
    };
    expect(commands('input.*')).toEqual(['dist/cli/commands/verify-command.cjs']);
    expect(commands('input.*,seg.*')).toEqual(['dist/cli/commands/verify-command.cjs', 'dist/cli/commands/verify-more.cjs']);
  });
});

describe('loadCommand: bundles side by side', () => {
  it('loads a bundle beside the first through the same loader, once, and gives the first back to it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seg-load-command-'));
    writeFileSync(join(dir, 'first.cjs'), "module.exports = { loads: ++globalThis.segFirstLoads, second: () => require('./second.cjs'), name: 'first' };\n");
    writeFileSync(join(dir, 'second.cjs'), "module.exports = { first: () => require('./first.cjs'), name: 'second' };\n");
    makeCache(join(dir, 'second.cjs'));
    (globalThis as { segFirstLoads?: number }).segFirstLoads = 0;
    const first = loadCommand(join(dir, 'first.cjs'));
    const second = (first.exports.second as () => Record<string, unknown>)();
    expect(second.name).toBe('second');
    expect((second.first as () => unknown)()).toBe(first.exports);
    expect(loadCommand(join(dir, 'second.cjs'))).toMatchObject({ cache: 'used', exports: second });
    expect(loadCommand(join(dir, 'first.cjs')).exports).toBe(first.exports);
    expect((globalThis as { segFirstLoads?: number }).segFirstLoads).toBe(1);
  });
});
