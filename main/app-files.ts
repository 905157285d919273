import { readFile, realpath } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../app/core/csp';
import { err, ok, type Result } from '../app/contract/result';
import { APP_HOST } from './app-url';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Headers on every app:// response: the same CSP as the web host, and no MIME sniffing. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

// Segments that could climb out of the renderer folder or name something other than a plain
// file once decoded: dot segments, separators of either platform, NUL, and ':' (Windows drive
// letters and NTFS alternate data streams).
const FORBIDDEN_SEGMENT = /^\.{1,2}$|[/\\\0:]/;

/**
 * Maps an app:// URL to a file under rootDir, or refuses it. The URL parser already folds
 * literal `..`, but percent-encoded ones (`%2e%2e`, `%2f`) survive parsing and are caught
 * here after decoding, before the path is joined.
 */
export function resolveAppFile(rootDir: string, url: string): Result<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return err('app-scheme.bad-url', 'The address is not a valid URL.');
  }
  if (parsed.host.toLowerCase() !== APP_HOST) return err('app-scheme.wrong-host', `The app serves only ${APP_HOST}.`);
  const segments: string[] = [];
  for (const raw of parsed.pathname.split('/').filter((s) => s !== '')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return err('app-scheme.bad-url', 'The address has a malformed percent-encoding.');
    }
    if (FORBIDDEN_SEGMENT.test(segment)) return err('app-scheme.traversal', 'The address tries to leave the application folder.');
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(rootDir);
  const file = resolve(join(root, ...segments));
  if (!file.startsWith(root + sep)) return err('app-scheme.traversal', 'The address tries to leave the application folder.');
  return ok(file);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...APP_RESPONSE_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}

/** The app:// handler: GET of files under rootDir only, symlinks included in the check. */
export function createAppRequestHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const resolved = resolveAppFile(rootDir, request.url);
    if (!resolved.ok) return plain(resolved.error.code === 'app-scheme.traversal' ? 403 : 400, resolved.error.message);
    let body: Buffer;
    try {
      const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(resolved.value)]);
      if (!realFile.startsWith(realRoot + sep)) return plain(403, 'The address tries to leave the application folder.');
      body = await readFile(realFile);
    } catch {
      return plain(404, 'Not found');
    }
    const type = CONTENT_TYPES[extname(resolved.value).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...APP_RESPONSE_HEADERS, 'content-type': type },
    });
  };
}
