import { build, type Metafile, type OutputFile } from 'esbuild';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, COMMANDS, VENDOR, VERIFY_MORE } from '../../../scripts/build-cli.mjs';

/**
 * Issue 21: a `verify --only eas.kcd-end-to-end` process loads the dispatcher and the verify
 * command's bundle, compiled with its code cache, and evaluates the input, krb and eas
 * families. The libraries used only on rare paths (PFX, IIS config, PKCS#7) are not in that
 * bundle or its cache but in dist/cli/vendor/, once each; nothing on the path may evaluate,
 * before it is needed, a library that costs tens of milliseconds to compile.
 */
const ROOT = join(__dirname, '..', '..', '..');
/** PFX (node-forge), the IIS config (xmldom), PKCS#7 (the rest): ~1.4 MB of code, run rarely. */
const RARE = ['node-forge', '@xmldom/xmldom', '@peculiar/x509', 'reflect-metadata', 'asn1js', 'tsyringe'];
const packageOf = (input: string): string | undefined => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
const command = (name: string): string => `dist/cli/commands/${name}.cjs`;
const vendor = (pkg: string): string => `dist/cli/vendor/${VENDOR[pkg]}.cjs`;

describe('the CLI bundles (scripts/build-cli.mjs)', () => {
  let outputs: Metafile['outputs'];
  let files: OutputFile[];
  const inputsOf = (file: string): string[] => Object.keys(outputs[file]?.inputs ?? {});
  const packagesOf = (file: string): Set<string> => new Set(inputsOf(file).flatMap((i) => packageOf(i) ?? []));

  beforeAll(async () => {
    ({ outputs, files } = await buildCli(`${ROOT}/`, { write: false }));
  }, 60_000);

  it('keeps the rarely used libraries out of every command: each is in its vendor file, and only there', () => {
    const owners = new Map<string, string[]>();
    for (const file of Object.keys(outputs).filter((f) => f.endsWith('.cjs'))) {
      for (const pkg of packagesOf(file)) owners.set(pkg, [...(owners.get(pkg) ?? []), file]);
    }
    for (const pkg of RARE) expect(owners.get(pkg), pkg).toEqual([expect.stringMatching(/^dist\/cli\/vendor\/[\w-]+\.cjs$/)]);
    for (const pkg of Object.keys(VENDOR)) expect(owners.get(pkg), pkg).toEqual([vendor(pkg)]);
    // Whatever a vendor file holds (tslib, pvtsutils…), nothing else holds.
    expect([...owners].filter(([, where]) => where.length > 1 && where.some((f) => f.startsWith('dist/cli/vendor/')))).toEqual([]);
  });

  it('has the verify bundles require them from vendor/ and hold what they run on the path', () => {
    const required = ['verify-command', 'verify-more'].flatMap((c) => (outputs[command(c)]?.imports ?? []).filter((i) => i.external).map((i) => i.path));
    expect(required).toEqual(
      expect.arrayContaining(['../vendor/ldapts.cjs', '../vendor/node-forge.cjs', '../vendor/xmldom.cjs', '../vendor/peculiar-x509.cjs']),
    );
    expect([...packagesOf(command('verify-command'))].sort()).toEqual(['zod']);
    expect(inputsOf(command('verify-command'))).toContain('app/checks/eas/kcd-end-to-end.ts');
  });

  it("keeps verify's families beyond the Kerberos chain, and the HTML report, in verify-more: verify-command holds none of them", () => {
    // The families' lists (each index imports every check of its family), the UEM client, the IIS parser, the HTML report.
    const beyond = /^app\/(checks\/(ad|pki|uem|seg|time|net)\/index\.ts|report\/html-report\.ts|uem\/.*|iis\/.*)$/;
    expect(inputsOf(command('verify-command')).filter((i) => beyond.test(i))).toEqual([]);
    expect(inputsOf(command('verify-more'))).toEqual(
      expect.arrayContaining(['app/checks/ad/bind.ts', 'app/checks/pki/chain.ts', 'app/checks/uem/api.ts', 'app/report/html-report.ts']),
    );
    // The chain's families stay where a verify --only eas.kcd-end-to-end reads them.
    for (const family of ['input', 'krb', 'eas']) expect(inputsOf(command('verify-command'))).toContain(`app/checks/${family}/index.ts`);
  });

  it('bundles no module of ours into both verify files: verify-more takes those of verify-command from it (one instance per process)', () => {
    const core = new Set(inputsOf(command('verify-command')).filter((i) => i.startsWith('app/')));
    expect(inputsOf(command('verify-more')).filter((i) => core.has(i))).toEqual([]);
    expect(outputs[command('verify-more')]?.imports.filter((i) => i.path === './verify-command.cjs').length).toBeGreaterThan(0);
  });

  it("gives verify-more's entry no two modules exporting one name (an ambiguous star export would be dropped)", async () => {
    const names = await Promise.all(
      Object.entries(VERIFY_MORE).flatMap(([importer, paths]) =>
        paths.map(async (p) => Object.keys((await import(join(ROOT, importer, '..', p))) as Record<string, unknown>)),
      ),
    );
    const all = names.flat();
    expect(all.filter((n, i) => all.indexOf(n) !== i)).toEqual([]);
    expect(all).toEqual(
      expect.arrayContaining(['AD_CHECKS', 'PKI_CHECKS', 'NET_CHECKS', 'TIME_CHECKS', 'UEM_CHECKS', 'SEG_CHECKS', 'renderHtmlReport', 'reportChain']),
    );
  });

  it("keeps LDAP and the Kerberos client out of check-crl's bundle", () => {
    const inputs = inputsOf(command('check-crl'));
    expect(inputs.filter((i) => packageOf(i) === 'ldapts' || /^app\/(kerberos|ldap)\//.test(i))).toEqual([]);
    expect(inputs).toContain('app/pki/crl-walker.ts');
  });

  it('leaves no import() in a command: node:vm compiles it without a module loader, so each becomes require()', () => {
    const texts = files.filter((f) => COMMANDS.some((c) => relative(ROOT, f.path) === command(c)));
    expect(texts).toHaveLength(COMMANDS.length);
    for (const f of texts) expect(f.text.match(/(?<![\w.$])import\s*\(/g), relative(ROOT, f.path)).toBeNull();
  });
});

describe('the modules a verify --only eas.kcd-end-to-end process evaluates when it loads the command', () => {
  // A module a bundled command imports statically runs when the bundle loads; one it imports
  // dynamically runs when first imported. Built as ES modules split along those imports, the
  // files the entry imports statically hold exactly what runs at load.
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

  /** The modules in the entry's output and every chunk it imports statically, transitively (tree-shaken code is not counted). */
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

  it.each(ENTRIES)('%s imports no cold library statically', (entry) => {
    expect(loadedModules(entry).filter((path) => COLD.some((c) => c.test(path)))).toEqual([]);
  });

  it('would see them: the families load their own code, and the dynamically loaded rest holds ldapts', () => {
    expect(loadedModules('app/checks/eas/index.ts')).toContain('app/checks/eas/kcd-end-to-end.ts');
    expect(Object.keys(metafile.inputs).some((path) => /node_modules\/ldapts\//.test(path))).toBe(true);
  });
});
