/**
 * Where the wizard lives inside the desktop app. The page is served from a privileged
 * `app://` scheme rather than file:// so that it has a real origin (file:// pages share one
 * origin with every local file) and so the CSP is sent as a response header.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'seg-kcd-setup';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True only for URLs of our own origin: app://seg-kcd-setup, no port, no credentials. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host.toLowerCase() === APP_HOST && parsed.username === '' && parsed.password === '';
}
