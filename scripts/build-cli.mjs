// The CLI's bundles (issue 21). `seg-setup` starts in a small CommonJS dispatcher,
// dist/cli/main.cjs: `--version` and `--help` load nothing else. Each command is one CommonJS
// file, dist/cli/commands/<name>.cjs, that the dispatcher compiles with its V8 code cache
// (app/cli/load-command.ts; the cache is made by scripts/code-cache.mjs). Our own modules that a
// command imports dynamically stay in that file but are evaluated only when imported, so
// `verify --only` still runs only the families it selects. The libraries loaded only on rare
// paths are bundled once each into dist/cli/vendor/<name>.cjs and required from there, so the
// commands' files and caches stay small. dist/cli needs no node_modules at run time.
import { build } from 'esbuild';

export const COMMANDS = ['verify-command', 'bundle-command', 'configure', 'check-crl'];

/**
 * Package → its file in dist/cli/vendor/: PFX (node-forge), IIS config (xmldom), PKCS#7 (the
 * @peculiar stack), LDAP (ldapts: the Kerberos chain no longer reads the directory).
 */
export const VENDOR = {
  ldapts: 'ldapts',
  'node-forge': 'node-forge',
  '@xmldom/xmldom': 'xmldom',
  '@peculiar/x509': 'peculiar-x509',
  'reflect-metadata': 'reflect-metadata',
};

/**
 * What verify loads only when a selection needs it, from dist/cli/commands/verify-more.cjs: the
 * families beyond the Kerberos chain (input, krb and eas stay in verify-command.cjs) and the HTML
 * report. `verify --only eas.kcd-end-to-end` thus reads, hashes and deserializes half the code it
 * did (issue 21). Keyed by the module that imports them dynamically.
 */
export const VERIFY_MORE = {
  'app/checks/families.ts': ['./net', './time', './ad', './pki', './uem', './seg'],
  'app/report/save-report.ts': ['./html-report', './report-chain'],
};
const MORE_FILE = 'verify-more';

/** Every file of dist/cli/commands/, each with its code cache. */
export const COMMAND_FILES = [...COMMANDS, MORE_FILE];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Requires of a vendored package become requires of its file in `dir` (relative to the output). */
function vendorExternal(dir) {
  return {
    name: 'vendor-external',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^(${Object.keys(VENDOR).map(escape).join('|')})(/.*)?$`) }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const name = VENDOR[args.path];
        if (name === undefined) return { errors: [{ text: `${args.path}: import the package itself, which is bundled once into dist/cli/vendor/` }] };
        return { path: `${dir}/${name}.cjs`, external: true };
      });
    },
  };
}

/**
 * In the dispatcher, `import('./verify-command')` (and the other commands) becomes the loader's
 * call for dist/cli/commands/verify-command.cjs; run from source, main.ts imports the module.
 */
const commandsLoaded = (root) => ({
  name: 'commands-loaded',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^\\./(${COMMANDS.join('|')})$`) }, (args) => ({ path: args.path.slice(2), namespace: 'command' }));
    b.onLoad({ filter: /.*/, namespace: 'command' }, (args) => ({
      contents: `module.exports = require('./load-command').loadCommand(__dirname + '/commands/${args.path}.cjs').exports;`,
      resolveDir: `${root}app/cli`,
      loader: 'js',
    }));
  },
});

/** In verify-command, the dynamic imports of VERIFY_MORE become a require of verify-more.cjs, which exports what each of them did. */
const moreExternal = (root) => ({
  name: 'verify-more-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/[\w-]+$/ }, (args) => {
      const importer = args.importer.slice(root.length).replace(/\\/g, '/');
      if (args.kind !== 'dynamic-import' || !VERIFY_MORE[importer]?.includes(args.path)) return undefined;
      return { path: `./${MORE_FILE}.cjs`, external: true };
    });
  },
});

/** verify-more's entry: every export of the modules VERIFY_MORE names (their names do not collide: a test holds it). */
function moreEntry(root) {
  const lines = Object.entries(VERIFY_MORE).flatMap(([importer, paths]) =>
    paths.map((p) => `export * from ${JSON.stringify(root + importer.replace(/[^/]+$/, '') + p.slice(2))};`),
  );
  return { contents: lines.join('\n'), resolveDir: root, loader: 'ts' };
}

/**
 * In verify-more, every module of ours that verify-command holds is taken from verify-command's
 * registry (its `__modules`), never bundled twice: one instance of each module per process (the
 * run's TLS sessions, its trust, the KDC connections opened ahead), whichever file uses it.
 * `used` collects the modules so taken.
 */
const fromCore = (root, coreInputs, used) => ({
  name: 'verify-core-modules',
  setup(b) {
    b.onResolve({ filter: /^\.\/verify-command\.cjs$/ }, () => ({ path: './verify-command.cjs', external: true }));
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.resolving || args.kind === 'entry-point') return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { resolving: true } });
      if (r.errors.length > 0 || r.external) return r;
      const rel = r.path.slice(root.length).replace(/\\/g, '/');
      // A library (zod) is bundled into each file that uses it: shared through the registry, it
      // would be kept whole in verify-command instead of only what verify-command uses.
      if (!rel.startsWith('app/') || !coreInputs.has(rel)) return r;
      used.add(rel);
      return { path: rel, namespace: 'verify-core' };
    });
    b.onLoad({ filter: /.*/, namespace: 'verify-core' }, (args) => ({
      contents: `module.exports = require('./verify-command.cjs').__modules[${JSON.stringify(args.path)}]();`,
      resolveDir: root,
      loader: 'js',
    }));
  },
});

/** verify-command's entry: the command, and the registry of its modules that verify-more uses (each evaluated when first asked for). */
function coreEntry(root, shared) {
  const thunks = [...shared].sort().map((rel) => `  ${JSON.stringify(rel)}: () => require(${JSON.stringify(root + rel)}),`);
  return {
    contents: `export * from ${JSON.stringify(`${root}app/cli/verify-command.ts`)};\nexport const __modules = {\n${thunks.join('\n')}\n};\n`,
    resolveDir: root,
    loader: 'ts',
  };
}

/**
 * Builds dist/cli. Returns the outputs' metafile entries, keyed by path relative to `root`
 * (dist/cli/commands/verify-command.cjs, …), and, when `write` is false, the files in memory.
 */
export async function buildCli(root, { write = true } = {}) {
  const node = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: root,
    metafile: true,
    write,
  };
  const command = {
    ...node,
    outdir: 'dist/cli/commands',
    outExtension: { '.js': '.cjs' },
    // import() of a vendored file becomes require(): a script compiled by node:vm has no
    // module loader behind it, and the vendored files are CommonJS.
    supported: { 'dynamic-import': false },
    // Minified (the source maps keep the names and comments): less to read, hash, decode and
    // deserialize at each start, and an ASCII file that decodes on V8's fast path (verify: 962 KB
    // as written, 650 KB without whitespace, 470 KB minified, whose cache loads ~1.3 ms sooner).
    // No code of ours depends on a function's or a local's name.
    minify: true,
    plugins: [vendorExternal('../vendor')],
  };
  const results = await Promise.all([
    build({ ...node, entryPoints: ['app/cli/main.ts'], outfile: 'dist/cli/main.cjs', plugins: [commandsLoaded(root)] }),
    build({ ...command, entryPoints: COMMANDS.filter((c) => c !== 'verify-command').map((c) => ({ in: `app/cli/${c}.ts`, out: c })) }),
    buildVerify(root, command),
    build({
      ...node,
      entryPoints: Object.entries(VENDOR).map(([pkg, name]) => ({ in: pkg, out: name })),
      outdir: 'dist/cli/vendor',
      outExtension: { '.js': '.cjs' },
      plugins: [vendorExternal('.')],
    }),
  ]);
  const flat = results.flat();
  return { outputs: Object.assign({}, ...flat.map((r) => r.metafile.outputs)), files: flat.flatMap((r) => r.outputFiles ?? []) };
}

/**
 * verify-command.cjs and verify-more.cjs, in three passes: verify-command alone (which modules it
 * holds), verify-more taking those from it (which of them it uses), then verify-command with the
 * registry of those. Returns the results of the last two.
 */
async function buildVerify(root, command) {
  const entry = (name, contents) => ({
    name: `${name}-entry`,
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${name}$`) }, () => ({ path: name, namespace: 'verify-entry' }));
      b.onLoad({ filter: new RegExp(`^${name}$`), namespace: 'verify-entry' }, contents);
    },
  });
  const core = (shared, write) =>
    build({
      ...command,
      write,
      entryPoints: [{ in: 'verify-command', out: 'verify-command' }],
      plugins: [entry('verify-command', () => coreEntry(root, shared)), moreExternal(root), ...command.plugins],
    });
  const first = await core(new Set(), false);
  const coreInputs = new Set(Object.keys(Object.values(first.metafile.outputs).find((o) => o.entryPoint !== undefined)?.inputs ?? {}));
  const used = new Set();
  const more = await build({
    ...command,
    entryPoints: [{ in: MORE_FILE, out: MORE_FILE }],
    plugins: [entry(MORE_FILE, () => moreEntry(root)), ...command.plugins, fromCore(root, coreInputs, used)],
  });
  return [await core(used, command.write), more];
}
