import { build, type Metafile } from 'esbuild';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 21: a `verify --only eas.kcd-end-to-end` process loads the verify command and the
 * input, krb and eas families. None of them may import, before it is needed, a library that
 * costs tens of milliseconds to compile: the ASN.1 stack of @peculiar/x509 (PKCS#7 only),
 * ldapts (loaded when an LDAP connection opens), zod's 68 locales, node-forge (PFX only),
 * the IIS XML parser. A static import of any of them anywhere on that path fails here.
 */
const ROOT = join(__dirname, '..', '..', '..');
const ENTRIES = ['app/cli/verify-command.ts', 'app/checks/input/index.ts', 'app/checks/krb/index.ts', 'app/checks/eas/index.ts'];
const COLD = [
  /node_modules\/@peculiar\//,
  /node_modules\/ldapts\//,
  /node_modules\/zod\/v4\/locales\/(?!en\.js)/,
  /node_modules\/node-forge\//,
  /node_modules\/@xmldom\//,
];

let metafile: Metafile;

beforeAll(async () => {
  const result = await build({
    entryPoints: ENTRIES,
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    splitting: true,
    outdir: 'unused',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  metafile = result.metafile;
}, 60_000);

/**
 * The modules whose code is in the files loaded before anything is awaited: the entry's output
 * and every chunk it imports statically, transitively (tree-shaken code is not counted).
 */
function loadedModules(entry: string): string[] {
  const outputs = metafile.outputs;
  const start = Object.keys(outputs).find((file) => outputs[file]?.entryPoint === entry);
  const seen = new Set<string>(start === undefined ? [] : [start]);
  const queue = [...seen];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const imported of outputs[file]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || imported.external || seen.has(imported.path)) continue;
      seen.add(imported.path);
      queue.push(imported.path);
    }
  }
  return [...seen].flatMap((file) => Object.entries(outputs[file]?.inputs ?? {}).flatMap(([path, use]) => (use.bytesInOutput > 0 ? [path] : [])));
}

describe('the modules a verify --only eas.kcd-end-to-end process loads', () => {
  it.each(ENTRIES)('%s imports no cold library statically', (entry) => {
    expect(loadedModules(entry).filter((path) => COLD.some((c) => c.test(path)))).toEqual([]);
  });

  it('would see them: the families load their own code, and the dynamically loaded rest holds ldapts', () => {
    expect(loadedModules('app/checks/eas/index.ts')).toContain('app/checks/eas/kcd-end-to-end.ts');
    expect(Object.keys(metafile.inputs).some((path) => /node_modules\/ldapts\//.test(path))).toBe(true);
  });
});
