import { describe, expect, it, vi } from 'vitest';
import { createHttpTransport, type EventSourceLike } from './http-transport';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

class FakeEventSource implements EventSourceLike {
  readonly listeners = new Map<string, Set<(event: { data?: unknown }) => void>>();
  closed = false;
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: { data?: unknown }) => void) {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }
  removeEventListener(type: string, listener: (event: { data?: unknown }) => void) {
    this.listeners.get(type)?.delete(listener);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: unknown) {
    for (const listener of this.listeners.get(type) ?? []) listener({ data });
  }
}

describe('createHttpTransport.invoke', () => {
  it('POSTs JSON to /api/invoke/<method> and returns the envelope', async () => {
    const fetch = vi.fn(() => Promise.resolve(jsonResponse(200, { ok: true, value: { a: 1 } })));
    const transport = createHttpTransport({ fetch });
    await expect(transport.invoke('dossiers.get', { id: 'd1' })).resolves.toEqual({
      ok: true,
      value: { a: 1 },
    });
    expect(fetch).toHaveBeenCalledWith(
      '/api/invoke/dossiers.get',
      expect.objectContaining({ method: 'POST', body: '{"id":"d1"}' }),
    );
  });

  it('reads the envelope of a failed status rather than the status alone', async () => {
    const error = { code: 'BAD_REQUEST', message: 'limit: too big', path: 'limit' };
    const transport = createHttpTransport({
      fetch: () => Promise.resolve(jsonResponse(400, { ok: false, error })),
    });
    await expect(transport.invoke('dossiers.list', { limit: 9999 })).resolves.toEqual({
      ok: false,
      error,
    });
  });

  it('maps a network failure to UNAVAILABLE', async () => {
    const transport = createHttpTransport({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(transport.invoke('app.info', {})).resolves.toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'Failed to fetch' },
    });
  });

  it('maps a non-JSON answer to an error that names the status', async () => {
    const transport = createHttpTransport({
      fetch: () => Promise.resolve(new Response('Not found.', { status: 404 })),
    });
    const envelope = await transport.invoke('app.info', {});
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'HTTP 404: the answer is not JSON' },
    });
  });
});

describe('createHttpTransport.on', () => {
  it('shares one event stream, parses payloads and closes with the last listener', () => {
    const sources: FakeEventSource[] = [];
    const transport = createHttpTransport({
      fetch: () => Promise.reject(new Error('unused')),
      openEvents: (url) => {
        const source = new FakeEventSource(url);
        sources.push(source);
        return source;
      },
    });
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = transport.on('dossiers.changed', first);
    const offSecond = transport.on('dossiers.changed', second);
    expect(sources).toHaveLength(1);
    expect(sources[0]?.url).toBe('/api/events');

    sources[0]?.emit('dossiers.changed', '{"ids":["a"]}');
    sources[0]?.emit('dossiers.changed', 'not json');
    expect(first).toHaveBeenCalledTimes(1);
    expect(first).toHaveBeenCalledWith({ ids: ['a'] });
    expect(second).toHaveBeenCalledTimes(1);

    offFirst();
    offFirst();
    expect(sources[0]?.closed).toBe(false);
    offSecond();
    expect(sources[0]?.closed).toBe(true);

    transport.on('dossiers.changed', first);
    expect(sources).toHaveLength(2);
  });
});
