// `npm start`: the desktop app when Electron's binary is here; otherwise the same wizard
// served by the loopback web host, whose address is printed for a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  try {
    // Read the path file directly: require('electron') would try to download the binary.
    const dir = dirname(require.resolve('electron/package.json'));
    const relative = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const candidate = join(dir, 'dist', relative);
    return existsSync(candidate) ? candidate : null;
  } catch {
    return null;
  }
}

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = electronBinary();
const child = electron
  ? spawn(electron, ['.'], { stdio: 'inherit' })
  : (process.stdout.write('Electron is not available on this machine: serving the wizard for a browser instead.\n'),
    spawn(process.execPath, ['--import', 'tsx', 'scripts/web-host.ts', ...process.argv.slice(2)], { stdio: 'inherit' }));
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code) => process.exit(code ?? 0));
