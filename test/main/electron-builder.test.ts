import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { WINDOW_ICON } from '../../main/app-icon';
import { ICO_PATH, ICO_SIZES, PNG_SIZES, pngPath } from '../../scripts/make-icons';

const repoRequire = createRequire(import.meta.url);
// The YAML parser electron-builder itself reads its config with.
const yaml = createRequire(repoRequire.resolve('app-builder-lib/package.json'))('js-yaml') as { load(text: string): unknown };
const schema = repoRequire('app-builder-lib/scheme.json') as object;
const root = fileURLToPath(new URL('../..', import.meta.url));

type Config = Record<string, unknown> & {
  files: string[];
  electronFuses: Record<string, boolean>;
  win: { icon: string; requestedExecutionLevel: string; target: Array<{ target: string }> };
  nsis: { perMachine: boolean };
  linux: { icon: string; target: Array<{ target: string }> };
};
const config = yaml.load(readFileSync(`${root}electron-builder.yml`, 'utf8')) as Config;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('electron-builder.yml', () => {
  it("is valid against app-builder-lib's scheme.json", () => {
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('would be rejected with a misspelt fuse (the schema check bites)', () => {
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsnode: false } })).toBe(false);
  });

  it('names the product and sets an app id', () => {
    expect(config.productName).toBe('SEG KCD Setup');
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });

  it.each([
    ['runAsNode', false],
    ['enableCookieEncryption', true],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['grantFileProtocolExtraPrivileges', false],
  ])('fuse %s is %s', (fuse, value) => {
    expect(config.electronFuses[fuse]).toBe(value);
  });

  it('packs an asar of the bundles only: no sources, tests, web host, maps or node_modules', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toStrictEqual(['package.json', 'dist/main/**/*', 'dist/renderer/**/*', WINDOW_ICON, '!**/*.map', '!**/node_modules/**/*']);
    for (const pattern of config.files) expect(pattern).not.toMatch(/^(app|main|renderer|test|scripts|dist\/cli)\b/);
  });

  it('gives the executables the application icon from assets/ (an ICO with a 256 entry for Windows, the PNG sizes for Linux)', () => {
    expect(config.win.icon).toBe(ICO_PATH);
    expect(config.linux.icon).toBe('assets/icons');
    expect(existsSync(`${root}${ICO_PATH}`)).toBe(true);
    for (const size of PNG_SIZES) expect(existsSync(`${root}${pngPath(size)}`)).toBe(true);
    expect(ICO_SIZES).toContain(256);
  });

  it('installs per machine, and starts the app as the user (elevation only when Configure needs it)', () => {
    expect(config.nsis.perMachine).toBe(true);
    expect(config.win.requestedExecutionLevel).toBe('asInvoker');
  });

  it('builds the Windows installer and portable exe, and a Linux AppImage', () => {
    expect(config.win.target.map((t) => t.target)).toStrictEqual(['nsis', 'portable']);
    expect(config.linux.target.map((t) => t.target)).toStrictEqual(['AppImage']);
  });
});

describe('main bundle', () => {
  // The package carries no node_modules, so dist/main/main.js may need only Electron and Node.
  it('requires nothing but electron and Node built-ins', async () => {
    const out = await build({
      entryPoints: [`${root}main/main.ts`],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const imports = Object.values(out.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    const allowed = new Set(['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(imports.filter((path) => !allowed.has(path))).toStrictEqual([]);
    expect(imports).toContain('electron');
  }, 60_000);
});
