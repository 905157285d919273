import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { Script } from 'node:vm';

/**
 * What became of a command's code cache: `used`; `missing`; `stale` (made for other code: its
 * header's hash is not the bundle's); `rejected` by V8 (another Node or V8 version, other flags).
 * Only `used` skips compiling; every other case compiles the source as Node would.
 */
export type CacheUse = 'used' | 'missing' | 'stale' | 'rejected';

export interface LoadedCommand {
  readonly exports: Record<string, unknown>;
  readonly cache: CacheUse;
}

export interface CodeCache {
  /** SHA-256 of the bundle the cache was made from, hex. */
  readonly sha256: string;
  /** The Node that made it (V8 accepts a cache only from its own version). */
  readonly node: string;
  /** V8's cached data. */
  readonly data: Buffer;
}

const MAGIC = 'seg-code-cache';

/** Every bundle loaded by this process, by path: each runs once, whoever asks for it. */
const loaded = new Map<string, LoadedCommand>();

/** A bundle's require of another bundle of its folder (`./verify-more.cjs`). */
const SIBLING = /^\.\/[\w-]+\.cjs$/;

/**
 * Loads a command's CommonJS bundle (dist/cli/commands/<name>.cjs) with the V8 code cache the
 * build wrote beside it, `<file>.cache`: the command's functions arrive compiled, which saves a
 * `verify` process most of the time it spent compiling (issue 21). V8 checks only the source's
 * length against the cache, so its header ties it to the exact bytes of the bundle. The cache is
 * never written here: it is made by the build, beside the code, with the code's own trust. A
 * bundle is loaded once per process; the `require` it is given loads the bundles beside it the
 * same way (verify-command loads verify-more, which takes verify-command's modules back).
 */
export function loadCommand(path: string): LoadedCommand {
  const file = resolve(path);
  const known = loaded.get(file);
  if (known !== undefined) return known;
  const code = readFileSync(file);
  const cache = readCodeCache(`${file}.cache`);
  const fresh = cache !== undefined && cache.sha256 === createHash('sha256').update(code).digest('hex');
  // Node's own CommonJS wrapper, as in scripts/code-cache.mjs: the cache is for exactly this text.
  const script = new Script(Module.wrap(code.toString('utf8')), { filename: file, cachedData: fresh ? cache.data : undefined });
  const module = { exports: {} as Record<string, unknown> };
  const command: LoadedCommand = {
    get exports() {
      return module.exports;
    },
    cache: cache === undefined ? 'missing' : !fresh ? 'stale' : script.cachedDataRejected === true ? 'rejected' : 'used',
  };
  // Known before its body runs: a bundle it loads may ask for it back (verify-more for verify-command's modules).
  loaded.set(file, command);
  const body = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  body.call(module.exports, module.exports, bundleRequire(file), module, file, dirname(file));
  return command;
}

/**
 * The `require` of a bundle: another bundle of its folder is loaded as the bundle was, with its
 * code cache, and once; anything else (Node's modules, the vendor files) as Node's require would.
 */
function bundleRequire(file: string): NodeJS.Require {
  const nodeRequire = createRequire(file);
  return Object.assign((id: string): unknown => (SIBLING.test(id) ? loadCommand(resolve(dirname(file), id)).exports : nodeRequire(id)), nodeRequire);
}

/** The cache file: one line `seg-code-cache <sha256 hex> <node version>`, then V8's data. Unreadable is missing. */
export function readCodeCache(path: string): CodeCache | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  const end = bytes.indexOf(0x0a);
  const [magic, sha256, node] = bytes.subarray(0, Math.max(end, 0)).toString('latin1').split(' ');
  if (magic !== MAGIC || sha256 === undefined || node === undefined) return undefined;
  return { sha256, node, data: bytes.subarray(end + 1) };
}
