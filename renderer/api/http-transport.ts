import type { Envelope } from '@shared/contract/envelope';
import type { Transport } from '@shared/contract/client';
import { describeThrown, parseEnvelope } from './result';

/** The part of EventSource we use, so tests can hand in a fake. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  removeEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  close(): void;
}

export interface HttpTransportOptions {
  /** Same-origin prefix of the host's API; the host's session cookie rides along by itself. */
  readonly apiBase?: string;
  readonly fetch?: typeof globalThis.fetch;
  readonly openEvents?: (url: string) => EventSourceLike;
}

/**
 * The browser host's side of the contract: POST /api/invoke/<method> answers an envelope (its
 * HTTP status only mirrors it, so the body is read whatever the status), and GET /api/events is
 * one server-sent event stream shared by every subscription, opened on the first listener and
 * closed with the last. EventSource reconnects by itself after the host restarts.
 */
export function createHttpTransport(options: HttpTransportOptions = {}): Transport {
  const apiBase = options.apiBase ?? '/api';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const openEvents = options.openEvents ?? ((url: string) => new EventSource(url));
  let source: EventSourceLike | null = null;
  let listenerCount = 0;

  return {
    async invoke(method: string, input: unknown): Promise<Envelope<unknown>> {
      let response: Response;
      try {
        response = await doFetch(`${apiBase}/invoke/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
          cache: 'no-store',
        });
      } catch (error) {
        return { ok: false, error: { code: 'UNAVAILABLE', message: describeThrown(error) } };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return {
          ok: false,
          error: {
            code: response.status === 401 ? 'UNAUTHORIZED' : 'INTERNAL',
            message: `HTTP ${response.status}: the answer is not JSON`,
          },
        };
      }
      return parseEnvelope(body);
    },

    on(event: string, listener: (payload: unknown) => void): () => void {
      source ??= openEvents(`${apiBase}/events`);
      const current = source;
      listenerCount += 1;
      const handler = (message: { data?: unknown }) => {
        if (typeof message.data !== 'string') return;
        let payload: unknown;
        try {
          payload = JSON.parse(message.data);
        } catch {
          // A garbled event is dropped: the next change event refreshes the same rows anyway.
          return;
        }
        listener(payload);
      };
      current.addEventListener(event, handler);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        current.removeEventListener(event, handler);
        listenerCount -= 1;
        if (listenerCount === 0 && source === current) {
          current.close();
          source = null;
        }
      };
    },
  };
}
