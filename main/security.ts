import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../app/core/csp';
import { isAppUrl } from './app-url';

type Headers = Record<string, string[]>;

function withoutCsp(headers: Headers | undefined): Headers {
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
}

/**
 * The session the wizard runs in: every permission (camera, notifications, clipboard read,
 * geolocation, HID/USB/serial devices…) is refused, and every response gets our CSP. The
 * app:// handler sends the CSP itself; the webRequest hook covers anything else that loads,
 * replacing any policy the response brought with ours.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...withoutCsp(details.responseHeaders), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/**
 * Applied to every WebContents the app creates: the page may not leave app://, open windows,
 * or attach <webview>s (Electron security checklist items 13–15).
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
