import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LiveEventSchema,
  PushResponseSchema,
  ReadySchema,
  type MutationResult,
} from '@shared/sync/protocol';
import { startCentral, type RunningCentral } from '../../central/index';
import type { StorageConfig } from '../../central/store/store';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy';
import {
  call,
  clientId,
  login,
  postgresUnavailable,
  Replica,
  TEST_PASSWORD_COST,
  useStorages,
} from './helpers';
import { OutboxClient } from './outbox';
import { worldSeed } from './world';

/**
 * Several central instances over one PostgreSQL database, behind a load balancer without
 * affinity (the fault proxy with two targets: every request goes to the next instance):
 *  - a property: clients push to both and pull from both through faults (lost answers,
 *    duplicated requests, 503s, dropped requests, delays, old batches arriving late beside new
 *    ones); every mutation is decided once, with
 *    one answer however often it is asked, its effect exists once, and every client's cache ends
 *    equal to the central state read from either instance;
 *  - the feed stays gap-free and in commit order with writers on both instances;
 *  - bad input: one client id pushing through both instances at once, a session ended or
 *    expired on one instance presented to the other, database connections killed in the middle
 *    of pushes and of listening: clear answers (never a 500), nothing decided twice, recovery
 *    without a restart.
 * Fixed seed in CI; INSTANCES_PROPERTY_SEED / INSTANCES_PROPERTY_RUNS explore more.
 */
const storages = useStorages();
const skip = postgresUnavailable();
const SEED = Number(process.env.INSTANCES_PROPERTY_SEED ?? 20_261_208);
const RUNS = Number(process.env.INSTANCES_PROPERTY_RUNS ?? 3);

const USERS = ['desk_a', 'lead_a', 'desk_b', 'lead_b'] as const;
/** Overlapping targets, so that two officers act on the same dossiers through two instances. */
const TARGETS: Record<(typeof USERS)[number], string[]> = {
  desk_a: ['a-new-1', 'a-new-2', 'a-new-3', 'a-new-4'],
  lead_a: ['a-new-3', 'a-new-4', 'a-proc-1', 'a-acc-1'],
  desk_b: ['b-new-1', 'b-new-2', 'b-new-3'],
  lead_b: ['b-new-2', 'b-new-3', 'b-new-4'],
};

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Fault>({ kind: 'pass' }) },
  { weight: 2, arbitrary: fc.constant<Fault>({ kind: 'drop-response' }) },
  { weight: 1, arbitrary: fc.constant<Fault>({ kind: 'duplicate' }) },
  { weight: 1, arbitrary: fc.constant<Fault>({ kind: 'fail-5xx' }) },
  { weight: 1, arbitrary: fc.constant<Fault>({ kind: 'drop-request' }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 40 }).map<Fault>((ms) => ({ kind: 'delay', ms })),
  },
);

const stepArb = fc.record({
  client: fc.integer({ min: 0, max: USERS.length - 1 }),
  kind: fc.constantFrom('note', 'note', 'accept', 'start_processing'),
  pick: fc.nat(),
});

async function pgUrl(c: RunningCentral): Promise<string> {
  const row = await sql<{ host: string; port: number; user: string; db: string }>`
    select host(inet_server_addr()) as host, inet_server_port() as port,
           current_user as "user", current_database() as db`.execute(c.store.db);
  const r = row.rows[0] as { host: string; port: number; user: string; db: string };
  return `postgres://${r.user}@${r.host}:${r.port}/${r.db}`;
}

/** The whole feed of an officer straight from one instance, as a fresh client would hold it. */
async function stateOn(url: string, username: string): Promise<Map<string, string>> {
  const session = await login(url, username);
  const replica = new Replica();
  await replica.sync(url, session.token, 500);
  return new Map(
    [...replica.records].map(([key, change]) => [
      key,
      JSON.stringify({ version: change.version, data: change.data }),
    ]),
  );
}

function cacheOf(client: OutboxClient): Map<string, string> {
  return new Map(
    [...client.replica.records].map(([key, change]) => [
      key,
      JSON.stringify({ version: change.version, data: change.data }),
    ]),
  );
}

describe('two central instances over one PostgreSQL database', () => {
  if (skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  let storage: StorageConfig;
  let a: RunningCentral;
  let b: RunningCentral;
  let proxy: FaultProxy;
  let now = Date.now();
  const clock = () => now;

  beforeAll(async () => {
    storage = await storages.storage('postgres');
    const common = {
      storage,
      passwordCost: TEST_PASSWORD_COST,
      seedPasswordCost: TEST_PASSWORD_COST,
      clock,
      log: () => undefined,
    };
    a = await startCentral({ ...common, seed: { kind: 'data', data: worldSeed() } });
    // The second finds the database seeded and joins it.
    b = await startCentral(common);
    proxy = await startFaultProxy([a.url, b.url]);
  });
  afterAll(async () => {
    await proxy?.close();
    await b?.close();
    await a?.close();
  });

  it('decides every mutation once and converges, pushing and pulling through both, with faults', async () => {
    expect(b.seeded).toBeNull();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 8, maxLength: 28 }),
        fc.array(faultArb, { minLength: 10, maxLength: 40 }),
        async (steps, faults) => {
          run++;
          proxy.setDecider(() => ({ kind: 'pass' }));
          const sessions = await Promise.all(USERS.map((u) => login(a.url, u)));
          const clients = USERS.map(
            (u, i) =>
              new OutboxClient(proxy.url, (sessions[i] as { token: string }).token, clientId(u)),
          );
          let next = 0;
          proxy.setDecider(({ path }) =>
            path.startsWith('/sync/')
              ? (faults[next++ % faults.length] as Fault)
              : { kind: 'pass' },
          );
          await Promise.all(clients.map((c) => c.pull()));
          // Acting in rounds: each round every client queues a few actions, then all push and
          // pull at once, through whichever instance the proxy picks.
          for (let start = 0; start < steps.length; start += 6) {
            for (const step of steps.slice(start, start + 6)) {
              const user = USERS[step.client] as (typeof USERS)[number];
              const client = clients[step.client] as OutboxClient;
              const targets = TARGETS[user];
              const target = targets[step.pick % targets.length] as string;
              const tag = `inst:${run}:${client.clientId}:${client.outbox.length + 1}`;
              client.act(
                'dossier',
                target,
                step.kind === 'note'
                  ? { type: 'add_note', text: tag, visibility: 'internal' }
                  : { type: step.kind, note: tag },
              );
            }
            // Some clients' previous batch arrives again, late, beside their new one.
            const strays = steps
              .slice(start, start + 6)
              .filter((step) => step.pick % 3 === 0)
              .map(async (step) => {
                const copy = (clients[step.client] as OutboxClient).heldBack();
                await new Promise((resolve) => setTimeout(resolve, step.pick % 25));
                await copy.deliver();
              });
            await Promise.all([...clients.map((c) => c.push()), ...strays]);
            await Promise.all(clients.map((c) => c.pull()));
          }
          proxy.setDecider(() => ({ kind: 'pass' }));
          await Promise.all(clients.map((c) => c.push()));
          await Promise.all(clients.map((c) => c.pull()));

          // Effects: one history entry per applied mutation, none for a refused one.
          const rows = await a.store.db
            .selectFrom('records')
            .select('data')
            .where('entity', '=', 'dossier_history')
            .where('data', 'like', `%inst:${run}:%`)
            .execute();
          const tags = new Map<string, number>();
          for (const row of rows) {
            const note = (JSON.parse(row.data) as { note: string | null }).note ?? '';
            tags.set(note, (tags.get(note) ?? 0) + 1);
          }
          for (const client of clients) {
            const decisions = client.decisions();
            for (let seq = 1; seq <= client.outbox.length; seq++) {
              const result = decisions.get(seq) as MutationResult;
              expect(result, `${client.clientId}:${seq} answered`).toBeDefined();
              const tag = `inst:${run}:${client.clientId}:${seq}`;
              expect(tags.get(tag) ?? 0, tag).toBe(result.status === 'applied' ? 1 : 0);
            }
            const position = await a.store.clientState(client.clientId);
            expect(position?.lastSeq ?? 0).toBe(client.outbox.length);
          }
          // Every client's cache is the central state, as either instance serves it.
          for (const [i, client] of clients.entries()) {
            const user = USERS[i] as string;
            const onA = await stateOn(a.url, user);
            const onB = await stateOn(b.url, user);
            expect(onB).toEqual(onA);
            expect(cacheOf(client)).toEqual(onA);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(run).toBe(RUNS);
    // The faults did reach both instances: answers lost after commits, requests sent twice.
    const pushes = proxy.log.filter((l) => l.path.startsWith('/sync/push'));
    expect(new Set(pushes.map((l) => l.target))).toEqual(new Set([0, 1]));
    expect(pushes.some((l) => l.fault === 'drop-response')).toBe(true);
    expect(pushes.some((l) => l.fault === 'duplicate')).toBe(true);
  });

  it('keeps the feed gap-free and in commit order with writers on both instances', async () => {
    const base = await a.store.head();
    const writers = await Promise.all(
      ['desk_a', 'desk_a_2', 'desk_b', 'lead_b', 'desk_c', 'lead_a'].map(async (u) => ({
        token: (await login(a.url, u)).token,
        id: clientId(`order-${u}`),
        target: {
          desk_a: 'a-new-5',
          desk_a_2: 'a-new-6',
          desk_b: 'b-new-5',
          lead_b: 'b-new-6',
          desk_c: 'c-new-1',
          lead_a: 'a-new-7',
        }[u] as string,
      })),
    );
    const reader = await login(a.url, 'lead_p');
    let writing = true;
    const write = Promise.all(
      writers.map(async (w, i) => {
        for (let seq = 1; seq <= 12; seq++) {
          const reply = await call([a.url, b.url][(seq + i) % 2] as string, 'POST', '/sync/push', {
            token: w.token,
            body: {
              clientId: w.id,
              mutations: [
                {
                  seq,
                  id: `${w.id}-${seq}`,
                  baseVersion: 1,
                  at: Date.now(),
                  target: {
                    entity: 'dossier',
                    id: w.target,
                    action: { type: 'add_note', text: `order ${seq}`, visibility: 'internal' },
                  },
                },
              ],
            },
          });
          expect(reply.status, reply.text).toBe(200);
        }
      }),
    ).finally(() => {
      writing = false;
    });
    const read = (url: string, limit: number) =>
      (async () => {
        const seen: number[] = [];
        let cursor = String(base);
        for (let guard = 0; guard < 20_000; guard++) {
          const reply = await call(url, 'GET', `/sync/changes?since=${cursor}&limit=${limit}`, {
            token: reader.token,
          });
          expect(reply.status).toBe(200);
          const page = reply.json as {
            changes: { seq: string }[];
            removals: { seq: string }[];
            cursor: string;
            hasMore: boolean;
          };
          seen.push(
            ...[...page.changes, ...page.removals].map((x) => Number(x.seq)).sort((x, y) => x - y),
          );
          cursor = page.cursor;
          if (!page.hasMore && !writing && Number(cursor) >= (await a.store.head())) return seen;
          if (!page.hasMore) await new Promise((resolve) => setTimeout(resolve, 2));
        }
        throw new Error('the reader did not finish');
      })();
    const readers = [read(a.url, 3), read(b.url, 5), read(a.url, 50), read(b.url, 1)];
    await write;
    const seen = await Promise.all(readers);
    const head = await a.store.head();
    expect(head - base).toBe(writers.length * 12);
    const expected = Array.from({ length: head - base }, (_, i) => base + 1 + i);
    for (const s of seen) expect(s).toEqual(expected);
  });

  describe('bad input', () => {
    it('decides once when one client id pushes through both instances at once', async () => {
      const desk = await login(a.url, 'desk_a_2');
      const id = clientId('both');
      const batch = (from: number, to: number) => ({
        clientId: id,
        mutations: Array.from({ length: to - from + 1 }, (_, k) => ({
          seq: from + k,
          id: `${id}-${from + k}`,
          baseVersion: 1,
          at: Date.now(),
          target: {
            entity: 'dossier' as const,
            id: 'a-new-8',
            action: { type: 'add_note', text: `both ${from + k}`, visibility: 'internal' },
          },
        })),
      });
      const answers = new Map<number, string>();
      for (const [from, to] of [
        [1, 3],
        [2, 5],
        [4, 6],
        [6, 8],
      ] as const) {
        const replies = await Promise.all(
          [a, b, a, b].map((c) =>
            call(c.url, 'POST', '/sync/push', { token: desk.token, body: batch(from, to) }),
          ),
        );
        for (const reply of replies) {
          expect(reply.status, reply.text).toBe(200);
          for (const r of PushResponseSchema.parse(reply.json).results) {
            if (r.status === 'rejected' && r.code === 'OUT_OF_ORDER') continue;
            const before = answers.get(r.seq);
            if (before !== undefined) expect(JSON.stringify(r)).toBe(before);
            answers.set(r.seq, JSON.stringify(r));
          }
        }
      }
      expect([...answers.keys()].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const notes = await a.store.db
        .selectFrom('records')
        .select('data')
        .where('owner_id', '=', 'a-new-8')
        .where('data', 'like', '%both %')
        .execute();
      expect(notes).toHaveLength(8);
      expect((await b.store.clientState(id))?.lastSeq).toBe(8);
    });

    it('refuses on the other instance a session ended or expired on one (401)', async () => {
      const session = await login(a.url, 'proc_a1');
      const feed = (c: RunningCentral) =>
        call(c.url, 'GET', '/sync/changes?since=0&limit=1', { token: session.token });
      // Signed in on one instance, known to the other.
      expect((await feed(b)).status).toBe(200);
      expect((await feed(a)).status).toBe(200);
      const out = await call(a.url, 'POST', '/auth/logout', { token: session.token });
      expect(out.status).toBe(200);
      for (const c of [b, a]) {
        const reply = await feed(c);
        expect(reply.status).toBe(401);
        expect(reply.json).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
      }
      // Expired: refused by both, whichever saw it last.
      const other = await login(b.url, 'proc_a1_2');
      expect((await feed(a)).status).toBe(401);
      const use = (c: RunningCentral) =>
        call(c.url, 'GET', '/sync/changes?since=0&limit=1', { token: other.token });
      expect((await use(a)).status).toBe(200);
      const start = now;
      now = other.expiresAt + 1;
      try {
        for (const c of [a, b]) expect((await use(c)).status).toBe(401);
      } finally {
        now = start;
      }
      // A token this database never issued (another deployment's, a database reset).
      const foreign = await call(b.url, 'GET', '/sync/changes', {
        token: 'x'.repeat(43),
      });
      expect(foreign.status).toBe(401);
    });

    it('counts failed sign-ins across instances', async () => {
      const attempt = (c: RunningCentral) =>
        call(c.url, 'POST', '/auth/login', { body: { username: 'admin_p', password: 'guess' } });
      for (let i = 0; i < 10; i++) expect((await attempt(i % 2 ? a : b)).status).toBe(401);
      for (const c of [a, b]) {
        const reply = await attempt(c);
        expect(reply.status).toBe(429);
        expect(reply.json).toMatchObject({ error: { code: 'TOO_MANY_ATTEMPTS' } });
      }
    });

    it('answers 503 or decides, never twice, when the database drops connections mid-push, and recovers', async () => {
      const url = await pgUrl(a);
      const { default: pg } = await import('pg');
      const admin = new pg.Client(url);
      await admin.connect();
      const kill = () =>
        admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid()
             and application_name like 'mot-cua-central-%'`,
        );
      try {
        const officers = ['desk_a', 'lead_a', 'desk_b', 'lead_b', 'desk_c'];
        const sessions = await Promise.all(officers.map((u) => login(a.url, u)));
        const targets = ['a-new-9', 'a-new-10', 'b-new-7', 'b-new-8', 'c-new-2'];
        const clients = officers.map(
          (u, i) =>
            new OutboxClient(
              [a.url, b.url][i % 2] as string,
              (sessions[i] as { token: string }).token,
              clientId(`kill-${u}`),
            ),
        );
        const statuses: number[] = [];
        for (let round = 0; round < 4; round++) {
          clients.forEach((c, i) => {
            for (let k = 0; k < 3; k++) {
              c.act('dossier', targets[i] as string, {
                type: 'add_note',
                text: `kill ${c.clientId} ${c.outbox.length + 1}`,
                visibility: 'internal',
              });
            }
          });
          // Every connection of both instances is killed while their pushes are in flight.
          const pushing = clients.map(async (c) => {
            const reply = await call([a.url, b.url][round % 2] as string, 'POST', '/sync/push', {
              token: (sessions[clients.indexOf(c)] as { token: string }).token,
              body: { clientId: c.clientId, mutations: c.outbox.slice(c.lastSeq) },
            });
            statuses.push(reply.status);
            if (reply.status === 200) c.received(PushResponseSchema.parse(reply.json));
            if (reply.status === 503) {
              expect(reply.json).toMatchObject({ error: { code: 'UNAVAILABLE' } });
              expect(reply.headers.get('retry-after')).not.toBeNull();
            }
          });
          await new Promise((resolve) => setTimeout(resolve, round * 3));
          await kill();
          await Promise.all(pushing);
          // Then each client resends until answered, as its outbox would.
          await Promise.all(clients.map((c) => c.push(10)));
        }
        expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
        for (const c of clients) {
          const decisions = c.decisions();
          expect(decisions.size).toBe(c.outbox.length);
          const notes = await a.store.db
            .selectFrom('records')
            .select('data')
            .where('entity', '=', 'dossier_history')
            .where('data', 'like', `%kill ${c.clientId} %`)
            .execute();
          expect(notes).toHaveLength(c.outbox.length);
        }
        // Recovered by itself: both instances ready and listening again, and live notifications
        // cross between them once more.
        for (const c of [a, b]) {
          let ready = await call(c.url, 'GET', '/ready');
          for (let i = 0; i < 100 && (ready.json as { live?: string }).live !== 'listening'; i++) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            ready = await call(c.url, 'GET', '/ready');
          }
          expect(ready.status).toBe(200);
          expect(ReadySchema.parse(ready.json).live).toBe('listening');
        }
        await expectCrossNotification(a, b);
      } finally {
        await admin.end();
      }
    });
  });
});

describe('two central instances started together on an empty PostgreSQL database', () => {
  if (skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  it('seed it once: the second waits for the first, then finds it seeded', async () => {
    const storage = await storages.storage('postgres');
    const options = {
      storage,
      seed: { kind: 'data' as const, data: worldSeed() },
      passwordCost: TEST_PASSWORD_COST,
      seedPasswordCost: TEST_PASSWORD_COST,
      log: () => undefined,
    };
    const started = await Promise.all([startCentral(options), startCentral(options)]);
    try {
      expect(started.map((c) => c.seeded === null).sort()).toEqual([false, true]);
      const dossiers = await started[0].store.db
        .selectFrom('records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('entity', '=', 'dossier')
        .executeTakeFirstOrThrow();
      expect(Number(dossiers.n)).toBe([...worldSeed().dossiers].length);
    } finally {
      for (const c of started) await c.close();
    }
  });
});

/** A commit through `from` reaches a live listener connected to `to`. */
async function expectCrossNotification(from: RunningCentral, to: RunningCentral): Promise<void> {
  const listener = await login(to.url, 'lead_a');
  const writer = await login(from.url, 'desk_a');
  const controller = new AbortController();
  const response = await fetch(`${to.url}/sync/live`, {
    headers: { authorization: `Bearer ${listener.token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  try {
    const first = await reader.read();
    const hello = /data: (.*)/.exec(decoder.decode(first.value))?.[1] ?? '{}';
    const start = Number(LiveEventSchema.parse(JSON.parse(hello)).seq);
    const id = clientId('cross');
    const push = await call(from.url, 'POST', '/sync/push', {
      token: writer.token,
      body: {
        clientId: id,
        mutations: [
          {
            seq: 1,
            id: `${id}-1`,
            baseVersion: 1,
            at: Date.now(),
            target: {
              entity: 'dossier',
              id: 'a-new-11',
              action: { type: 'add_note', text: 'across', visibility: 'internal' },
            },
          },
        ],
      },
    });
    expect(push.status).toBe(200);
    const timeout = setTimeout(() => controller.abort(), 3000);
    let heard = start;
    let buffer = '';
    while (heard <= start) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (const match of buffer.matchAll(/data: (.*)/g)) {
        heard = Math.max(heard, Number(LiveEventSchema.parse(JSON.parse(match[1] ?? '{}')).seq));
      }
    }
    clearTimeout(timeout);
    expect(heard).toBeGreaterThan(start);
  } finally {
    controller.abort();
  }
}
