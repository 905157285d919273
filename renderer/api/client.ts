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

function tokenFromPage(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="seg-api-token"]');
  return meta?.content ?? '';
}

/** One instance per page: Electron's preload when present, else HTTP to the host that served the page. */
export function getApi(): SegApi {
  api ??= window.segApi ?? createHttpApi({ baseUrl: new URL('./api/', document.baseURI).href, token: tokenFromPage() });
  return api;
}
