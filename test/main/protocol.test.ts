import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fake'));

import { CONTENT_SECURITY_POLICY } from '../../app/core/csp';
import { createAppRequestHandler, resolveAppFile } from '../../main/app-files';
import { APP_ENTRY_URL } from '../../main/app-url';
import { registerAppScheme, serveAppScheme } from '../../main/protocol';
import * as fake from './electron-fake';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-RENDERER';
let base: string;
let root: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'seg-app-scheme-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>SEG KCD Setup</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'with space.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), SECRET);
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
  handle = createAppRequestHandler(root);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (path: string, init?: RequestInit): Promise<Response> => handle(new Request(`app://seg-kcd-setup${path}`, init));

describe('app:// scheme registration', () => {
  it('registers app:// as standard and secure, and nothing more', () => {
    registerAppScheme();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
  });

  it('serves the renderer folder through protocol.handle', async () => {
    serveAppScheme(root);
    expect(fake.protocol.handle).toHaveBeenCalledTimes(1);
    const [scheme, handler] = fake.protocol.handle.mock.calls[0] as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const response = await handler(new Request(APP_ENTRY_URL));
    expect(await response.text()).toContain('SEG KCD Setup');
  });
});

describe('app:// handler', () => {
  it('serves index.html for the root and by name, with the CSP header', async () => {
    for (const path of ['/', '/index.html']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<title>SEG KCD Setup</title>');
    }
  });

  it('serves assets with their content type, percent-decoded names included', async () => {
    const js = await get('/assets/index-abc.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    const css = await get('/assets/with%20space.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    '/%2e%2e%2fsecret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets%5c..%5c..%5csecret.txt',
    '/C:%5cWindows%5cwin.ini',
    '/index.html%00.png',
    '/assets/link.txt',
  ])('refuses the traversal %s with 403 and never returns the file', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('cannot be walked out of by dot segments the URL parser folds inside the root', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/./../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2E%2E/%2e%2e/secret.txt']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain(SECRET);
    }
  });

  it('answers 404 for a missing file and 400 for a malformed address', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404);
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await handle(new Request('app://another-host/index.html'))).status).toBe(400);
  });

  it('accepts only GET and HEAD', async () => {
    expect((await get('/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await get('/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('puts the CSP on refusals too', async () => {
    expect((await get('/%2e%2e%2fsecret.txt')).headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('resolveAppFile', () => {
  it('maps the address to a file under the root', () => {
    expect(resolveAppFile(root, 'app://seg-kcd-setup/assets/index-abc.js')).toStrictEqual({ ok: true, value: join(root, 'assets', 'index-abc.js') });
  });

  it('names the refusal with a stable code', () => {
    expect(resolveAppFile(root, 'app://seg-kcd-setup/%2e%2e%2fx')).toMatchObject({ ok: false, error: { code: 'app-scheme.traversal' } });
    expect(resolveAppFile(root, 'app://x/index.html')).toMatchObject({ ok: false, error: { code: 'app-scheme.wrong-host' } });
    expect(resolveAppFile(root, '::')).toMatchObject({ ok: false, error: { code: 'app-scheme.bad-url' } });
  });
});
