import type { EventName, EventPayload } from '@shared/contract/api';

type AnyListener = (event: EventName, payload: unknown) => void;

/**
 * The contract's events as they leave the core. Hosts subscribe once per window or browser tab
 * and forward everything (IPC send, server-sent events); they never filter by business meaning.
 */
export class CoreEvents {
  readonly #listeners = new Set<AnyListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) {
      try {
        listener(event, payload);
      } catch {
        // A closed window or a broken connection must not stop delivery to the others.
      }
    }
  }

  /** Subscribes to every contract event; returns the unsubscribe function. */
  onAny(listener: AnyListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
