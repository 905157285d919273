import { protocol } from 'electron';
import { createAppRequestHandler } from './app-files';
import { APP_SCHEME } from './app-url';

/**
 * Must run before the app is ready. `standard` gives app:// real origins and relative URL
 * resolution; `secure` makes it a secure context like https. Nothing more (no fetch, CORS or
 * service-worker privileges): the page talks to the core over IPC only.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Serves the built renderer on app:// (after ready). */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}
