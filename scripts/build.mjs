// Builds every face: the renderer with Vite, and main, preload and the CLI with esbuild.
// Electron's own binary is not needed to build; it is only needed to run the desktop app.
import { build as esbuild } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build as vite } from 'vite';
import { buildCli, COMMAND_FILES } from './build-cli.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv[2];

const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: root };

if (!only || only === 'cli') {
  // The CLI: a small dispatcher, one CommonJS bundle per command, the rarely used libraries
  // once each (scripts/build-cli.mjs); then each command's V8 code cache, made by this Node.
  await rm(`${root}dist/cli`, { recursive: true, force: true });
  await buildCli(root);
  const cache = spawnSync(process.execPath, ['scripts/code-cache.mjs', ...COMMAND_FILES.map((c) => `dist/cli/commands/${c}.cjs`)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (cache.status !== 0) throw new Error(`scripts/code-cache.mjs exited ${cache.status ?? cache.signal}`);
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
