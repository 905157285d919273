import { protocol } from 'electron';
import { createAppRequestHandler } from './app-files';
import { APP_SCHEME } from './app-url';

/**
 * Must run before the app is ready. `standard` gives app:// real origins and relative URL
 * resolution; `secure` makes it a secure context like https. Nothing more: the page talks to
 * the core over IPC, so no fetch or service-worker privileges, and no `corsEnabled`, which
 * would let any origin read app:// responses. The wizard's module scripts are same-origin
 * (app://seg-kcd-setup), which Electron's loader serves without it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Serves the built renderer on app:// (after ready). */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}
