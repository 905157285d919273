import type { CoreApi, CoreEvent } from '../../app/contract/core-api';
import { createHttpApi } from './http-api';

export type EventCallback = (event: CoreEvent) => void;

/** The core as the page sees it: every contract method, plus progress events. */
export type SegApi = CoreApi & { onEvent(callback: EventCallback): () => void };

declare global {
  interface Window {
    /** Set by Electron's preload; absent when the page is served by the web host. */
    segApi?: SegApi;
  }
}

let api: SegApi | undefined;

/**
 * The web host's launch token, from the address's fragment (`#token=…`, never sent to a
 * server), taken out of the address bar and the history entry at once.
 */
function takeLaunchToken(): string | undefined {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? undefined;
  if (token !== undefined) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  return token;
}

/** One instance per page: Electron's preload when present, else HTTP to the host that served the page. */
export function getApi(): SegApi {
  api ??= window.segApi ?? createHttpApi({ baseUrl: new URL('./api/', document.baseURI).href, launchToken: takeLaunchToken() });
  return api;
}
