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

/**
 * Loads a command's CommonJS bundle (dist/cli/commands/<name>.cjs) with the V8 code cache the
 * build wrote beside it, `<file>.cache`: the command's functions arrive compiled, which saves a
 * `verify` process most of the time it spent compiling (issue 21). V8 checks only the source's
 * length against the cache, so its header ties it to the exact bytes of the bundle. The cache is
 * never written here: it is made by the build, beside the code, with the code's own trust.
 */
export function loadCommand(path: string): LoadedCommand {
  const file = resolve(path);
  const code = readFileSync(file);
  const cache = readCodeCache(`${file}.cache`);
  const fresh = cache !== undefined && cache.sha256 === createHash('sha256').update(code).digest('hex');
  // Node's own CommonJS wrapper, as in scripts/code-cache.mjs: the cache is for exactly this text.
  const script = new Script(Module.wrap(code.toString('utf8')), { filename: file, cachedData: fresh ? cache.data : undefined });
  const module = { exports: {} as Record<string, unknown> };
  const body = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  body.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, cache: cache === undefined ? 'missing' : !fresh ? 'stale' : script.cachedDataRejected === true ? 'rejected' : 'used' };
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
