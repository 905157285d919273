/**
 * The one Content-Security-Policy of the wizard, sent by Electron's app:// handler and by the
 * web host: scripts only from the app itself, no eval, nothing from the network.
 * MUI's emotion injects <style> elements, hence 'unsafe-inline' for styles only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
