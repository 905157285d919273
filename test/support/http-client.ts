import type { CoreApi, CoreEvent } from '../../app/contract/core-api';
import { TOKEN_HEADER } from '../../app/core/http-host';

/** A CoreApi that calls the web host over HTTP, as the renderer's client does in a browser. */
export function httpApi(baseUrl: string, token: string): CoreApi {
  return new Proxy({} as CoreApi, {
    get: (_target, method: string) => async (args?: unknown) => {
      const res = await fetch(new URL(`api/${method}`, baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(args ?? {}),
      });
      return res.json();
    },
  });
}

/** Reads server-sent events until `until` returns true; resolves with all events seen. */
export async function collectEvents(baseUrl: string, token: string, until: (e: CoreEvent) => boolean, start: () => Promise<void>): Promise<CoreEvent[]> {
  const controller = new AbortController();
  const res = await fetch(new URL('api/events', baseUrl), { headers: { [TOKEN_HEADER]: token }, signal: controller.signal });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: CoreEvent[] = [];
  let buffer = '';
  await start();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (!block.startsWith('data: ')) continue;
      const event = JSON.parse(block.slice(6)) as CoreEvent;
      events.push(event);
      if (until(event)) {
        controller.abort();
        return events;
      }
    }
  }
  return events;
}
