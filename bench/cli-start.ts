/**
 * The CLI's start as a person meets it (issue 21, item 1): `seg-setup --version` and `--help`
 * as whole processes against a bare `node -e 0`, alternating, medians of 30 each.
 * Target: at most 1.3x.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { alternating, median, reportRow } from './table-lib';

const BIN = join(__dirname, '..', 'bin', 'seg-setup.js');
const ROUNDS = 30;
const env = { PATH: process.env.PATH ?? '' };

function timed(args: string[]): () => number {
  return () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    return performance.now() - t0;
  };
}

async function main(): Promise<number> {
  const t = await alternating(ROUNDS, { node: timed(['-e', '0']), version: timed([BIN, '--version']), help: timed([BIN, '--help']) });
  const node = median(t.node);
  const okVersion = reportRow({
    measure: 'seg-setup --version (process)',
    ours: `${median(t.version).toFixed(0)} ms`,
    reference: `node -e 0: ${node.toFixed(0)} ms`,
    ratio: median(t.version) / node,
    target: 1.3,
  });
  const okHelp = reportRow({
    measure: 'seg-setup --help (process)',
    ours: `${median(t.help).toFixed(0)} ms`,
    reference: `node -e 0: ${node.toFixed(0)} ms`,
    ratio: median(t.help) / node,
    target: 1.3,
  });
  console.log(
    `medians of ${ROUNDS} alternating runs: node -e 0 ${node.toFixed(1)} ms, --version ${median(t.version).toFixed(1)} ms, --help ${median(t.help).toFixed(1)} ms`,
  );
  return okVersion && okHelp ? 0 : 1;
}

void main().then((code) => process.exit(code));
