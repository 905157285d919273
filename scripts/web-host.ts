import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../app/core/core';
import { startHttpHost } from '../app/core/http-host';

/**
 * Serves the built wizard and the core API on 127.0.0.1 for development, for `npm start`
 * where Electron's binary is not available, and for the end-to-end tests. Never packaged.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    profile: { type: 'string' },
    static: { type: 'string', default: resolve(__dirname, '../dist/renderer') },
  },
});

async function main(): Promise<void> {
  const profileDir = values.profile ?? join(homedir(), '.config', 'seg-kcd-setup');
  const core = createCore({ profileDir });
  const host = await startHttpHost({ core, staticDir: values.static, port: Number(values.port) });
  process.stdout.write(
    `SEG KCD Setup is running: open ${host.launchUrl}\n(only this address opens it: keep it to yourself; settings are kept in ${profileDir}; press Ctrl+C to stop)\n`,
  );
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
