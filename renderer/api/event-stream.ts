import type { CoreEvent } from '../../app/contract/core-api';
import { parseServerSentEvents } from './sse-parser';

type Listener = (event: CoreEvent) => void;

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 5_000;

/**
 * Reads GET /api/events as text/event-stream with fetch, because EventSource cannot send
 * the token header. One connection serves every listener; it reconnects with back-off
 * while anyone listens, and closes when the last listener leaves.
 */
export class EventStream {
  readonly #listeners = new Set<Listener>();
  #controller: AbortController | null = null;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
    /** Settles when the page holds its session cookie. */
    private readonly ready: Promise<void> = Promise.resolve(),
  ) {}

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (this.#controller === null) this.#open();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) {
        this.#controller?.abort();
        this.#controller = null;
      }
    };
  }

  #emit(event: CoreEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }

  #open(): void {
    const controller = new AbortController();
    this.#controller = controller;
    void this.#run(controller.signal);
  }

  async #run(signal: AbortSignal): Promise<void> {
    let delay = RETRY_MIN_MS;
    await this.ready;
    while (!signal.aborted) {
      try {
        const response = await fetch(this.url, { headers: this.headers, signal });
        if (response.ok && response.body) {
          delay = RETRY_MIN_MS;
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for await (const data of parseServerSentEvents(reader)) {
            const event = parseEvent(data);
            if (event) this.#emit(event);
          }
        }
      } catch {
        // The host went away or the stream broke: fall through to the back-off below.
      }
      if (signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  }
}

function parseEvent(data: string): CoreEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && 'operationId' in value && 'kind' in value) return value as CoreEvent;
  } catch {
    // Not JSON: a keep-alive or a line this version does not know; nothing to show.
  }
  return null;
}
