import { open, stat, type FileHandle } from 'node:fs/promises';
import type { CoreError } from '../contract/result';
import { DerError } from './der';
import { CrlWalker, type CrlFacts, type CrlWalkOptions } from './crl-walker';
import { httpGet, streamFailure, type HttpFailure, type HttpGetOptions } from './http-get';

/**
 * Windows CAs with a million revocations publish CRLs of about 50 MB; anything beyond
 * 256 MB is not a CRL the SEG could use either.
 */
export const DEFAULT_MAX_CRL_BYTES = 256 * 1024 * 1024;

export type CrlSource = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'file'; readonly path: string };

export interface CrlRead {
  readonly facts: CrlFacts;
  readonly ms: number;
  /** The address the download went to, for URLs. */
  readonly address: string | null;
}

/** A CoreError that also carries the HTTP status, so a check can diagnose a 404 on a `+` name. */
export interface CrlReadError extends CoreError {
  readonly httpStatus?: number;
}

export type CrlReadResult = { readonly ok: true; readonly value: CrlRead } | { readonly ok: false; readonly error: CrlReadError };

export interface CrlReadOptions extends CrlWalkOptions {
  readonly maxBytes: number;
  /** For URLs: pins, DNS server, time limits; maxBytes of this object is ignored. */
  readonly http?: Omit<HttpGetOptions, 'maxBytes'>;
  readonly signal?: AbortSignal;
}

/** Streams one CRL from a URL or a file through the walker; never holds the whole file. */
export async function readCrl(source: CrlSource, options: CrlReadOptions): Promise<CrlReadResult> {
  const started = performance.now();
  const walker = new CrlWalker(options);
  const where = source.kind === 'url' ? source.url : source.path;
  let address: string | null = null;
  let chunks: AsyncIterable<Buffer>;
  let close: () => void;
  if (source.kind === 'url') {
    if (options.http === undefined) throw new Error('readCrl: a URL source needs http options');
    const response = await httpGet(source.url, { ...options.http, maxBytes: options.maxBytes });
    if (!response.ok) return { ok: false, error: fromHttp(response.error) };
    address = response.value.address;
    chunks = response.value.body;
    close = response.value.close;
  } else {
    const size = await stat(source.path).then(
      (s) => (s.isFile() ? s.size : -1),
      () => -2,
    );
    if (size === -2) return failure('crl.file', `${source.path} cannot be read (missing or no permission)`, 'Give the path of a CRL file (.crl).');
    if (size === -1) return failure('crl.file', `${source.path} is not a file`, 'Give the path of a CRL file (.crl).');
    if (size > options.maxBytes) return tooLarge(where, size, options.maxBytes);
    const file = await open(source.path, 'r').catch(() => null);
    if (file === null) return failure('crl.file', `${source.path} cannot be opened`, 'Give the path of a CRL file (.crl).');
    chunks = fileChunks(file, options.signal);
    close = () => void file.close().catch(() => undefined);
  }
  let size = 0;
  try {
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size > options.maxBytes) {
        close();
        return tooLarge(where, size, options.maxBytes);
      }
      walker.push(chunk);
      const declared = walker.declaredLength;
      if (declared !== null && declared > options.maxBytes) {
        close();
        return tooLarge(where, declared, options.maxBytes);
      }
    }
    const facts = walker.finish();
    return { ok: true, value: { facts, ms: Math.round(performance.now() - started), address } };
  } catch (e) {
    close();
    if (e instanceof DerError) {
      return failure(
        'crl.malformed',
        `${where} is not a valid DER CRL: ${e.message}`,
        'Publish the CRL again on the CA (certutil -crl) and check that the web server serves the .crl file unchanged (no HTML error page, no compression).',
      );
    }
    if (source.kind === 'file') return failure('crl.file', `${where} cannot be read: ${(e as Error).message}`);
    return { ok: false, error: fromHttp(streamFailure(where, e)) };
  }
}

/**
 * A file's bytes in one reused 1 MiB buffer: the walker copies what it keeps, so no chunk
 * outlives the next read and a large CRL costs no more memory than a small one.
 */
async function* fileChunks(file: FileHandle, signal: AbortSignal | undefined): AsyncGenerator<Buffer> {
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close().catch(() => undefined);
  }
}

function failure(code: string, message: string, remedy?: string): CrlReadResult {
  return { ok: false, error: remedy === undefined ? { code, message } : { code, message, remedy } };
}

function tooLarge(where: string, size: number, max: number): CrlReadResult {
  return failure(
    'crl.too-large',
    `${where} is ${size} bytes, over the limit of ${max} bytes`,
    'Check that the URL names a CRL; a CA this large should partition its CRLs (Issuing Distribution Point).',
  );
}

function fromHttp(f: HttpFailure): CrlReadError {
  switch (f.kind) {
    case 'status':
      return {
        code: 'crl.http-status',
        message: f.message,
        httpStatus: f.status,
        remedy: 'Publish the CRL to the folder the CDP web server serves, or correct the CDP URL on the CA.',
      };
    case 'timeout':
      return {
        code: 'crl.timeout',
        message: f.message,
        remedy: 'Open TCP 80 from the SEG to the CDP host (Table 1-1), or raise network.timeoutMs for a slow link.',
      };
    case 'dns':
      return { code: 'crl.dns', message: f.message, remedy: 'Create the DNS record of the CDP host, or pin it in network.hosts.' };
    case 'too-large':
      return { code: 'crl.too-large', message: f.message };
    case 'bad-url':
      return { code: 'crl.bad-url', message: f.message };
    case 'cancelled':
      return { code: 'crl.cancelled', message: f.message };
    case 'network':
      return { code: 'crl.unreachable', message: f.message, remedy: 'Check that the CDP web server runs and that TCP 80 is open from the SEG to it.' };
  }
}
