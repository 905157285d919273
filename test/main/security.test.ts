import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fake'));

import { CONTENT_SECURITY_POLICY } from '../../app/core/csp';
import { APP_ENTRY_URL } from '../../main/app-url';
import { hardenSession, hardenWebContents } from '../../main/security';
import { FakeSession, FakeWebContents } from './electron-fake';

function hardened(): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as WebContents);
  return contents;
}

function navigate(contents: FakeWebContents, name: 'will-navigate' | 'will-redirect', url: string): boolean {
  const event = { url, preventDefault: vi.fn() };
  contents.emit(name, event, url);
  return event.preventDefault.mock.calls.length > 0;
}

const FOREIGN = [
  'https://evil.example/',
  'http://127.0.0.1:8080/',
  'file:///etc/passwd',
  'file:///C:/Windows/win.ini',
  'app://other-host/index.html',
  'app://seg-kcd-setup:444/index.html',
  'app://user:pw@seg-kcd-setup/index.html',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'not a url',
];

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-redirect'] as const)('%s to a foreign or file:// URL is prevented', (name) => {
    const contents = hardened();
    for (const url of FOREIGN) expect(navigate(contents, name, url), url).toBe(true);
  });

  it.each(['will-navigate', 'will-redirect'] as const)("%s within the app's own URL is allowed", (name) => {
    const contents = hardened();
    expect(navigate(contents, name, APP_ENTRY_URL)).toBe(false);
    expect(navigate(contents, name, `${APP_ENTRY_URL}#/verify`)).toBe(false);
  });

  it('denies every new window, even one for our own page', () => {
    const contents = hardened();
    for (const url of [...FOREIGN, APP_ENTRY_URL]) expect(contents.windowOpenHandler?.({ url })).toStrictEqual({ action: 'deny' });
  });

  it('prevents attaching a <webview>', () => {
    const contents = hardened();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, { preload: '/evil.js', nodeIntegration: true }, { src: 'https://evil.example/' });
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });
});

describe('hardenSession', () => {
  function hardenedSession(): FakeSession {
    const session = new FakeSession();
    hardenSession(session as unknown as Session);
    return session;
  }

  it('denies every permission request', () => {
    const session = hardenedSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'unknown']) {
      const callback = vi.fn();
      session.permissionRequestHandler?.({}, permission, callback, { requestingUrl: APP_ENTRY_URL });
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
    }
  });

  it('answers every permission check and device request with no', () => {
    const session = hardenedSession();
    for (const permission of ['media', 'clipboard-sanitized-write', 'serial', 'usb']) {
      expect(session.permissionCheckHandler?.({}, permission, APP_ENTRY_URL, {})).toBe(false);
    }
    expect(session.devicePermissionHandler?.({ deviceType: 'usb', origin: 'app://seg-kcd-setup' })).toBe(false);
  });

  it('puts our CSP on every response, replacing any policy the response brought', () => {
    const session = hardenedSession();
    const callback = vi.fn();
    session.headersReceived?.({ responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'X-Other': ['kept'] } }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: { 'X-Other': ['kept'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('adds the CSP when the response had no headers at all', () => {
    const session = hardenedSession();
    const callback = vi.fn();
    session.headersReceived?.({}, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  it('uses a CSP strict enough for the desktop app', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives.get('default-src')).toStrictEqual(["'none'"]);
    expect(directives.get('script-src')).toStrictEqual(["'self'"]);
    expect(directives.get('object-src') ?? directives.get('default-src')).toStrictEqual(["'none'"]);
    expect(directives.get('base-uri')).toStrictEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toStrictEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|http:|https:/);
  });
});
