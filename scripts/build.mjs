// Builds every face: the renderer with Vite, and main, preload and the CLI with esbuild.
// Electron's own binary is not needed to build; it is only needed to run the desktop app.
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv[2];

const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: root };

if (!only || only === 'cli') {
  // `seg-setup` starts in a small CommonJS file (usage, version, dispatch): `--version` and
  // `--help` load nothing else, not even the ES module loader. Each command is an ES module,
  // split along its dynamic imports so that it loads only the families of checks it runs.
  // Bundled CommonJS packages call require() for Node's built-ins: createRequire provides it.
  await rm(`${root}dist/cli`, { recursive: true, force: true });
  const commands = ['verify-command', 'bundle-command', 'configure', 'check-crl'];
  const commandsExternal = {
    name: 'commands-external',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^\\./(${commands.join('|')})$`) }, (args) => ({ path: `./commands${args.path.slice(1)}.mjs`, external: true }));
    },
  };
  await esbuild({ ...node, entryPoints: ['app/cli/main.ts'], outfile: 'dist/cli/main.cjs', format: 'cjs', plugins: [commandsExternal] });
  await esbuild({
    ...node,
    entryPoints: commands.map((c) => ({ in: `app/cli/${c}.ts`, out: `commands/${c}` })),
    outdir: 'dist/cli',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    banner: { js: "import { createRequire as __segCreateRequire } from 'node:module'; const require = __segCreateRequire(import.meta.url);" },
  });
}
if (!only || only === 'main') {
  // `electron` stays external: it is provided by the Electron runtime, never bundled.
  await esbuild({ ...node, entryPoints: ['main/main.ts'], outfile: 'dist/main/main.js', format: 'cjs', external: ['electron'] });
  // The preload runs in a sandboxed renderer: one file, no require of anything but electron.
  await esbuild({ ...node, entryPoints: ['main/preload.ts'], outfile: 'dist/main/preload.js', format: 'cjs', external: ['electron'] });
}
if (!only || only === 'renderer') {
  await vite({ configFile: `${root}renderer/vite.config.mts`, logLevel: 'warn' });
}
