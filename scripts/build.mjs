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
  // ES modules split along the CLI's dynamic imports: each command, and each family of checks,
  // is a chunk loaded when it is used (`--version` reads one small file). Bundled CommonJS
  // packages call require() for Node's built-ins, which an ES module provides through createRequire.
  await rm(`${root}dist/cli`, { recursive: true, force: true });
  await esbuild({
    ...node,
    entryPoints: ['app/cli/main.ts'],
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
