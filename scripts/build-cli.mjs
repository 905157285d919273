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
  const results = await Promise.all([
    build({ ...node, entryPoints: ['app/cli/main.ts'], outfile: 'dist/cli/main.cjs', plugins: [commandsLoaded(root)] }),
    build({
      ...node,
      entryPoints: COMMANDS.map((c) => ({ in: `app/cli/${c}.ts`, out: c })),
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
    }),
    build({
      ...node,
      entryPoints: Object.entries(VENDOR).map(([pkg, name]) => ({ in: pkg, out: name })),
      outdir: 'dist/cli/vendor',
      outExtension: { '.js': '.cjs' },
      plugins: [vendorExternal('.')],
    }),
  ]);
  return { outputs: Object.assign({}, ...results.map((r) => r.metafile.outputs)), files: results.flatMap((r) => r.outputFiles ?? []) };
}
