import { describe, expect, it } from 'vitest';
import { LiveEventSchema } from '@shared/sync/protocol';
import { fileRecord } from '../../central/simulate';
import { CentralStore } from '../../central/store/store';
import { makeDossier, makeHistory } from '../support/fixtures';
import {
  call,
  clientId,
  login,
  postgresUnavailable,
  STORAGES,
  useStorages,
  useWorldCentral,
} from './helpers';
import { T0 } from './world';

/**
 * Live notifications: a connected client hears of a commit within a second, only of commits in
 * its scope (or reference data), with heartbeats in between, and the number of listeners is
 * bounded.
 */
const storages = useStorages();
const skip = postgresUnavailable();

interface LiveStream {
  readonly events: { event: string; data: string; at: number }[];
  readonly comments: string[];
  readonly status: number;
  next(
    predicate: (e: { event: string; data: string }) => boolean,
    timeoutMs?: number,
  ): Promise<{ event: string; data: string; at: number }>;
  close(): void;
}

async function openLive(url: string, token: string): Promise<LiveStream> {
  const controller = new AbortController();
  const response = await fetch(`${url}/sync/live`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const events: { event: string; data: string; at: number }[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  if (response.ok && response.body) {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            let event = 'message';
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) comments.push(line.slice(1).trim());
              else if (line.startsWith('event: ')) event = line.slice(7);
              else if (line.startsWith('data: ')) data += line.slice(6);
            }
            if (data !== '') events.push({ event, data, at: performance.now() });
            for (const wake of waiters) wake();
          }
        }
      } catch {
        // Aborted by close().
      }
    })();
  }
  return {
    events,
    comments,
    status: response.status,
    next(predicate, timeoutMs = 2000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(predicate);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching live event within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}

const seqOf = (e: { data: string }) => Number(LiveEventSchema.parse(JSON.parse(e.data)).seq);

describe.each(STORAGES)('live notifications on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  const central = useWorldCentral(storages, kind, {
    live: { heartbeatMs: 200, maxPerOfficer: 3, maxListeners: 6 },
  });

  it('announces the head on connect, and a commit in scope within a second', async () => {
    const c = central();
    const desk = await login(c.url, 'desk_a');
    const live = await openLive(c.url, desk.token);
    try {
      expect(live.status).toBe(200);
      const hello = await live.next(() => true);
      expect(hello.event).toBe('changed');
      expect(seqOf(hello)).toBe(await c.store.head());
      const latencies: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const reply = await call(c.url, 'POST', '/sync/push', {
          token: desk.token,
          body: {
            clientId: clientId(`live-${i}`),
            mutations: [
              {
                seq: 1,
                id: `live-note-${i}`,
                baseVersion: 1,
                at: Date.now(),
                target: {
                  entity: 'dossier',
                  id: 'a-new-11',
                  action: { type: 'add_note', text: `ghi chú ${i}`, visibility: 'internal' },
                },
              },
            ],
          },
        });
        expect(reply.status).toBe(200);
        const head = await c.store.head();
        const event = await live.next((e) => seqOf(e) >= head, 1000);
        latencies.push(event.at - t0);
      }
      expect(Math.max(...latencies)).toBeLessThan(1000);
    } finally {
      live.close();
    }
  });

  it('keeps quiet about other units’ commits, and sends heartbeats', async () => {
    const c = central();
    const deskC = await login(c.url, 'desk_c');
    const deskB = await login(c.url, 'desk_b');
    const live = await openLive(c.url, deskC.token);
    try {
      await live.next(() => true);
      const reply = await call(c.url, 'POST', '/sync/push', {
        token: deskB.token,
        body: {
          clientId: clientId('b'),
          mutations: [
            {
              seq: 1,
              id: 'live-b',
              baseVersion: 1,
              at: Date.now(),
              target: {
                entity: 'dossier',
                id: 'b-new-3',
                action: { type: 'add_note', text: 'b', visibility: 'internal' },
              },
            },
          ],
        },
      });
      expect(reply.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(live.events).toHaveLength(1);
      expect(live.comments).toContain('heartbeat');
    } finally {
      live.close();
    }
  });

  it('hears of commits made by another process on the same database', async () => {
    const c = central();
    const lead = await login(c.url, 'lead_p');
    const live = await openLive(c.url, lead.token);
    const other = await CentralStore.open(
      kind === 'sqlite'
        ? { kind: 'sqlite', file: (c.store.opened.sqlite as { name: string }).name }
        : { kind: 'postgres', url: await connectionUrl(c.store) },
    );
    try {
      await live.next(() => true);
      const t0 = performance.now();
      const dossier = makeDossier({
        id: 'live-elsewhere',
        unitId: 'b',
        status: 1,
        receivedAt: null,
        dueAt: null,
        dueSoonAt: null,
        clockStartedAt: null,
        filedAt: T0,
        updatedAt: T0,
      });
      const head = await fileRecord(other, {
        dossier: { dossier, history: [makeHistory('live-elsewhere-h1', T0, 'filed')] },
      });
      const event = await live.next((e) => seqOf(e) >= head, 1500);
      expect(event.at - t0).toBeLessThan(1000);
    } finally {
      live.close();
      await other.close();
    }
  });

  it('bounds the listeners per officer and overall (503), and frees them on disconnect', async () => {
    const c = central();
    const desk = await login(c.url, 'desk_a_2');
    const streams = [];
    for (let i = 0; i < 3; i++) streams.push(await openLive(c.url, desk.token));
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
    const fourth = await openLive(c.url, desk.token);
    expect(fourth.status).toBe(503);
    fourth.close();
    streams[0]?.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await openLive(c.url, desk.token);
    expect(again.status).toBe(200);
    // Overall: 6 listeners at most.
    const others = [];
    for (const name of ['desk_b', 'desk_c', 'lead_b', 'lead_a1']) {
      const s = await login(c.url, name);
      others.push(await openLive(c.url, s.token));
    }
    expect(others.map((s) => s.status)).toEqual([200, 200, 200, 503]);
    for (const s of [...streams, again, ...others]) s.close();
  });
});

async function connectionUrl(store: CentralStore): Promise<string> {
  const { sql } = await import('kysely');
  const row = await store.db
    .selectNoFrom([
      sql<string>`host(inet_server_addr())`.as('host'),
      sql<number>`inet_server_port()`.as('port'),
      sql<string>`current_user`.as('user'),
      sql<string>`current_database()`.as('db'),
    ])
    .executeTakeFirstOrThrow();
  return `postgres://${row.user}@${row.host}:${row.port}/${row.db}`;
}
