import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Core } from './core';
import { CONTENT_SECURITY_POLICY } from './csp';
import { dispatch } from './dispatch';

/**
 * The development and test face: the same CoreApi as Electron's IPC, as POST /api/<method>
 * on 127.0.0.1, so the real wizard runs in Chromium. It is never packaged.
 *
 * Defences, since any local process (another user of a shared jump host) and any web page
 * the user visits can reach a loopback port: a random token that no response ever carries —
 * it is printed on start in the launch URL's fragment (which browsers never send), and the
 * page exchanges it (POST /api/session) for an HttpOnly SameSite=Strict session cookie, then
 * drops it from the address;
 * programs may send it as the x-seg-token header instead. The Host header is pinned to our
 * own address (DNS rebinding), and Origin, when present, to it.
 */

export const TOKEN_HEADER = 'x-seg-token';
export const SESSION_COOKIE = 'seg-session';
const MAX_BODY_BYTES = 16 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface HttpHostOptions {
  readonly core: Core;
  /** The built renderer (dist/renderer); without it only the API is served. */
  readonly staticDir?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Fixed token for tests; random otherwise. */
  readonly token?: string;
}

export interface HttpHost {
  /** The host's address, without the token. */
  readonly url: string;
  /** The address to open: `url#token=…`, for the person who started the host only. */
  readonly launchUrl: string;
  readonly token: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, JSON.stringify({ ok: false, error: { code, message } }));
}

function equalSecret(given: string, expected: Buffer): boolean {
  const bytes = Buffer.from(given);
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

function cookieValue(req: IncomingMessage, name: string): string {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return '';
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const tokenBytes = Buffer.from(token);
  const sessionBytes = Buffer.from(randomBytes(32).toString('hex'));
  let origins: Set<string> = new Set();
  let hosts: Set<string> = new Set();
  const sockets = new Set<ServerResponse>();

  const tokenOk = (req: IncomingMessage): boolean => equalSecret(String(req.headers[TOKEN_HEADER] ?? ''), tokenBytes);
  const sessionOk = (req: IncomingMessage): boolean => equalSecret(cookieValue(req, SESSION_COOKIE), sessionBytes);

  /** Each page load with the launch token (a second window, another browser of the same person) gets the session. */
  const exchangeToken = (req: IncomingMessage, res: ServerResponse): void => {
    if (!tokenOk(req)) return sendError(res, 401, 'http.no-token', 'Missing or wrong API token');
    res.setHeader('set-cookie', `${SESSION_COOKIE}=${sessionBytes.toString()}; Path=/; HttpOnly; SameSite=Strict`);
    send(res, 200, JSON.stringify({ ok: true, value: {} }));
  };

  const serveStatic = async (pathname: string, res: ServerResponse): Promise<void> => {
    if (options.staticDir === undefined) return sendError(res, 404, 'http.not-found', 'Not found');
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const full = normalize(join(options.staticDir, relative));
    if (!full.startsWith(normalize(options.staticDir) + sep)) return sendError(res, 404, 'http.not-found', 'Not found');
    try {
      const content = await readFile(full);
      send(res, 200, content, CONTENT_TYPES[extname(full)] ?? 'application/octet-stream');
    } catch {
      sendError(res, 404, 'http.not-found', 'Not found');
    }
  };

  const serveEvents = (res: ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    sockets.add(res);
    const unsubscribe = options.core.events.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    res.on('close', () => {
      unsubscribe();
      sockets.delete(res);
    });
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (!hosts.has(String(req.headers.host ?? ''))) return sendError(res, 421, 'http.bad-host', 'Wrong Host header');
      const origin = req.headers.origin;
      if (origin !== undefined && !origins.has(origin)) return sendError(res, 403, 'http.bad-origin', 'Foreign origin');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'http.method', 'Method not allowed');
        return serveStatic(url.pathname, res);
      }
      if (url.pathname === '/api/session' && req.method === 'POST') return exchangeToken(req, res);
      if (!tokenOk(req) && !sessionOk(req)) return sendError(res, 401, 'http.no-token', 'Missing or wrong API token');
      if (url.pathname === '/api/events' && req.method === 'GET') return serveEvents(res);
      if (req.method !== 'POST') return sendError(res, 405, 'http.method', 'Method not allowed');
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return sendError(res, 415, 'http.content-type', 'Send application/json');
      const body = await readBody(req);
      if (body === null) {
        // Stop reading the rest of an oversized body: answer, then close the connection.
        res.setHeader('connection', 'close');
        res.on('finish', () => req.destroy());
        return sendError(res, 413, 'http.too-large', 'Request too large');
      }
      let args: unknown;
      try {
        args = body.length === 0 ? undefined : JSON.parse(body);
      } catch {
        return sendError(res, 400, 'http.not-json', 'The request body is not JSON');
      }
      const result = await dispatch(options.core.api, url.pathname.slice('/api/'.length), args);
      send(res, 200, JSON.stringify(result));
    })().catch(() => sendError(res, 500, 'http.internal', 'Internal error'));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  origins = new Set([...hosts].map((h) => `http://${h}`));
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    launchUrl: `${url}#token=${token}`,
    token,
    close: async () => {
      for (const res of sockets) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
