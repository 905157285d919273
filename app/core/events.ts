import type { CoreEvent } from '../contract/core-api';

export type EventListener = (event: CoreEvent) => void;

/** Fan-out of progress events to every transport that listens (IPC, SSE, tests). */
export class EventHub {
  readonly #listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: CoreEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed window, a dropped connection) must not stop the others.
      }
    }
  }
}
