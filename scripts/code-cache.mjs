// Writes the V8 code cache of each command bundle named on the command line, `<file>.cache`:
// one line `seg-code-cache <sha256 of the bundle, hex> <node version>`, then V8's cached data
// (read by app/cli/load-command.ts). Run by the build with the Node that runs it, since V8
// accepts a cache only from its own version. `--no-lazy` while compiling puts every function in
// the cache, not only the top level; it is set here rather than on the command line, since V8
// rejects a cache made under other command-line flags, and reset before the cache is written.
// Nothing of the bundle runs here: compiling is enough.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

for (const file of process.argv.slice(2)) {
  const code = readFileSync(file);
  setFlagsFromString('--no-lazy');
  // Node's own CommonJS wrapper, as in app/cli/load-command.ts: the cache is for exactly this text.
  const script = new Script(Module.wrap(code.toString('utf8')), { filename: file });
  setFlagsFromString('--lazy');
  const header = `seg-code-cache ${createHash('sha256').update(code).digest('hex')} ${process.versions.node}\n`;
  writeFileSync(`${file}.cache`, Buffer.concat([Buffer.from(header, 'latin1'), script.createCachedData()]));
}
