import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolveHost, type NameSources } from '../net/resolve';
import { serverNameOption } from '../net/server-name';
import { trustFor } from '../net/trust';

/** How the PKI checks reach CDP and AIA URLs: the settings' pins and time limit. */
export interface HttpGetOptions extends NameSources {
  /** Connect and idle limit: no byte for this long aborts (settings.network.timeoutMs). */
  readonly timeoutMs: number;
  /** Limit for the whole exchange, body included. */
  readonly totalMs: number;
  /** A body declared or grown beyond this is refused. */
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
  /** For https: URLs, the Certificates step's roots, trusted before the OS store, NODE_EXTRA_CA_CERTS and Node's bundled roots (app/net/trust.ts). */
  readonly trustedCa?: readonly string[];
}

export type HttpFailure =
  | { readonly kind: 'bad-url'; readonly message: string }
  | { readonly kind: 'dns'; readonly message: string }
  | { readonly kind: 'network'; readonly message: string }
  | { readonly kind: 'timeout'; readonly message: string }
  | { readonly kind: 'status'; readonly status: number; readonly message: string }
  | { readonly kind: 'too-large'; readonly message: string }
  | { readonly kind: 'cancelled'; readonly message: string };

export interface HttpBody {
  readonly url: string;
  /** Where the request went: the address and how it was found (network.hosts, DNS). */
  readonly address: string;
  readonly contentLength: number | null;
  /** Chunks of the body; stop reading by calling close(). */
  readonly body: AsyncIterable<Buffer>;
  close(): void;
}

export type HttpResult = { readonly ok: true; readonly value: HttpBody } | { readonly ok: false; readonly error: HttpFailure };

const MAX_REDIRECTS = 3;

/**
 * GET over HTTP(S) to the address network.hosts (or DNS) gives for the URL's host, with the
 * Host header and TLS server name of the URL, as CryptoAPI on the SEG would send them.
 * Redirects are followed (at most three). Only a 200 gives a body.
 */
export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpResult> {
  const signal = options.signal === undefined ? AbortSignal.timeout(options.totalMs) : AbortSignal.any([options.signal, AbortSignal.timeout(options.totalMs)]);
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const step = await requestOnce(current, options, signal);
    if (!step.ok) return step;
    if ('redirect' in step) {
      current = step.redirect;
      continue;
    }
    return step;
  }
  return { ok: false, error: { kind: 'network', message: `more than ${MAX_REDIRECTS} redirects from ${url}` } };
}

type Step = HttpResult | { readonly ok: true; readonly redirect: string };

async function requestOnce(url: string, options: HttpGetOptions, signal: AbortSignal): Promise<Step> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, error: { kind: 'bad-url', message: `"${url}" is not a URL` } };
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return { ok: false, error: { kind: 'bad-url', message: `${target.protocol} URLs cannot be fetched over HTTP` } };
  }
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const resolved = await resolveHost(host, options, { timeoutMs: options.timeoutMs, signal });
  if (!resolved.ok) return { ok: false, error: { kind: 'dns', message: resolved.error.message } };
  const address = resolved.value.address;
  const lookup: LookupFunction = (_name, opts, callback) => {
    const family = address.includes(':') ? 6 : 4;
    if (opts.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<Step>((resolve) => {
    const fail = (error: HttpFailure) => resolve({ ok: false, error });
    const req = client.request(target, {
      method: 'GET',
      lookup,
      signal,
      agent: false,
      timeout: options.timeoutMs,
      headers: { 'user-agent': 'seg-kcd-setup', accept: '*/*', connection: 'close' },
      ...(target.protocol === 'https:' ? { ...serverNameOption(host), secureContext: trustFor(options.trustedCa ?? []).context } : {}),
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (signal.aborted) {
        const reason = signal.reason as Error | undefined;
        if (reason?.name === 'TimeoutError') fail({ kind: 'timeout', message: `${url} did not finish within ${options.totalMs} ms` });
        else fail({ kind: 'cancelled', message: 'cancelled' });
      } else if (e.code === 'ETIMEDOUT') fail({ kind: 'timeout', message: `${url}: no answer from ${address} within ${options.timeoutMs} ms` });
      else fail({ kind: 'network', message: `${url}: ${e.code ?? e.message} (connecting to ${address})` });
    });
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location !== undefined) {
        res.destroy();
        resolve({ ok: true, redirect: new URL(location, target).toString() });
        return;
      }
      if (status !== 200) {
        res.destroy();
        fail({ kind: 'status', status, message: `${url} answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}` });
        return;
      }
      const declared = res.headers['content-length'] === undefined ? null : Number(res.headers['content-length']);
      if (declared !== null && declared > options.maxBytes) {
        res.destroy();
        fail({ kind: 'too-large', message: `${url} is ${declared} bytes, over the limit of ${options.maxBytes}` });
        return;
      }
      resolve({
        ok: true,
        value: { url, address, contentLength: declared, body: res, close: () => res.destroy() },
      });
    });
    req.end();
  });
}

/** The whole body of a small resource (an AIA certificate), refused beyond maxBytes. */
export async function readBody(response: HttpBody, maxBytes: number): Promise<{ ok: true; value: Buffer } | { ok: false; error: HttpFailure }> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > maxBytes) {
        response.close();
        return { ok: false, error: { kind: 'too-large', message: `${response.url} is over the limit of ${maxBytes} bytes` } };
      }
      chunks.push(chunk);
    }
  } catch (e) {
    return { ok: false, error: streamFailure(response.url, e) };
  }
  return { ok: true, value: Buffer.concat(chunks) };
}

/** An error raised while a body streams: the abort signal fired or the peer went away. */
export function streamFailure(url: string, e: unknown): HttpFailure {
  const error = e as NodeJS.ErrnoException;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return { kind: 'timeout', message: `${url}: the download did not finish in time` };
  return { kind: 'network', message: `${url}: the download broke off (${error.code ?? error.message})` };
}
