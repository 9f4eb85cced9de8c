import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthSchema, ProblemSchema, ReadySchema } from '@shared/sync/protocol';
import { startCentral, type RunningCentral } from '../../central/index';
import { CENTRAL_MIGRATIONS } from '../../central/store/migrations';
import { CentralStore, type StorageConfig } from '../../central/store/store';
import {
  call,
  clientId,
  login,
  postgresUnavailable,
  STORAGES,
  TEST_PASSWORD_COST,
  useStorages,
  useWorldCentral,
} from './helpers';
import { OFFICERS, passwordOf, worldRecords, worldSeed } from './world';

/**
 * What an operator relies on: /health answers while the process lives, /ready only while the
 * database answers with this server's schema; /metrics in Prometheus' format with the figures
 * that matter (requests, push decisions, feed lag, listeners, the database pools); JSON logs
 * that never carry a citizen's data, a password or a token; a stop that finishes the pushes
 * already taken; a database that stops taking connections answered with 503s, and recovered
 * from without a restart.
 */
const storages = useStorages();
const skip = postgresUnavailable();
const SCHEMA_VERSION = Math.max(...CENTRAL_MIGRATIONS.map((m) => m.version));

function note(seq: number, id: string, text: string) {
  return {
    seq,
    id: `${id}-${seq}`,
    baseVersion: 1,
    at: Date.now(),
    target: {
      entity: 'dossier' as const,
      id,
      action: { type: 'add_note', text, visibility: 'internal' },
    },
  };
}

async function adminUrl(store: CentralStore, database?: string): Promise<string> {
  const row = await sql<{ host: string; port: number; user: string; db: string }>`
    select host(inet_server_addr()) as host, inet_server_port() as port,
           current_user as "user", current_database() as db`.execute(store.db);
  const r = row.rows[0] as { host: string; port: number; user: string; db: string };
  return `postgres://${r.user}@${r.host}:${r.port}/${database ?? r.db}`;
}

describe.each(STORAGES)('operations on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  const central = useWorldCentral(storages, kind);

  it('is alive (/health) and ready (/ready) with the schema it needs', async () => {
    const c = central();
    const health = await call(c.url, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(HealthSchema.parse(health.json)).toEqual({
      ok: true,
      storage: kind,
      seq: String(await c.store.head()),
    });
    const ready = await call(c.url, 'GET', '/ready');
    expect(ready.status).toBe(200);
    expect(ReadySchema.parse(ready.json)).toEqual({
      ok: true,
      storage: kind,
      schemaVersion: SCHEMA_VERSION,
      seq: String(await c.store.head()),
      live: kind === 'postgres' ? 'listening' : 'local',
    });
    expect((await call(c.url, 'GET', '/ready?x=1')).status).toBe(400);
    expect((await call(c.url, 'POST', '/ready')).status).toBe(405);
  });

  it('is not ready (503) on a database whose schema is not its own', async () => {
    const c = central();
    await c.store.db
      .insertInto('central_schema')
      .values({ version: SCHEMA_VERSION + 1, name: 'from a newer server', applied_at: 0 })
      .execute();
    try {
      const reply = await call(c.url, 'GET', '/ready');
      expect(reply.status).toBe(503);
      expect(reply.headers.get('retry-after')).not.toBeNull();
      const problem = ProblemSchema.parse(reply.json).error;
      expect(problem.code).toBe('NOT_READY');
      expect(problem.message).toContain(`version ${SCHEMA_VERSION + 1}`);
      expect(problem.message).toContain(`needs ${SCHEMA_VERSION}`);
      // Still alive: a liveness probe must not restart it for this.
      expect((await call(c.url, 'GET', '/health')).status).toBe(200);
    } finally {
      await c.store.db
        .deleteFrom('central_schema')
        .where('version', '=', SCHEMA_VERSION + 1)
        .execute();
    }
    expect((await call(c.url, 'GET', '/ready')).status).toBe(200);
  });

  it('exposes Prometheus metrics: requests, push decisions, feed lag, listeners, pools', async () => {
    const c = central();
    const desk = await login(c.url, 'desk_a');
    const id = clientId('metrics');
    const push = await call(c.url, 'POST', '/sync/push', {
      token: desk.token,
      body: {
        clientId: id,
        mutations: [
          note(1, 'a-new-12', 'đo'),
          { ...note(2, 'c-new-3', 'out of scope'), id: `${id}-x` },
        ],
      },
    });
    expect(push.status).toBe(200);
    expect(
      (await call(c.url, 'GET', '/sync/changes?since=0&limit=10', { token: desk.token })).status,
    ).toBe(200);
    const controller = new AbortController();
    const live = await fetch(`${c.url}/sync/live`, {
      headers: { authorization: `Bearer ${desk.token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    try {
      const reply = await call(c.url, 'GET', '/metrics');
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = reply.text;
      const value = (line: string) => {
        const found = text.split('\n').find((l) => l.startsWith(`${line} `));
        return found === undefined ? undefined : Number(found.slice(line.length + 1));
      };
      expect(
        value('central_http_requests_total{method="POST",route="/sync/push",status="200"}'),
      ).toBe(1);
      expect(value('central_push_decisions_total{outcome="applied",code=""}')).toBe(1);
      expect(value('central_push_decisions_total{outcome="rejected",code="NOT_FOUND"}')).toBe(1);
      expect(value('central_feed_lag_changes_count')).toBe(1);
      expect(value('central_feed_head')).toBe(await c.store.head());
      expect(value('central_live_listeners')).toBe(1);
      expect(value('central_push_group_mutations_count')).toBeGreaterThanOrEqual(1);
      expect(value('central_process_resident_memory_bytes')).toBeGreaterThan(0);
      if (kind === 'postgres') {
        expect(value('central_db_pool_connections{pool="writer",state="total"}')).toBeGreaterThan(
          0,
        );
        expect(value('central_live_listening')).toBe(1);
      }
      // Ids never become labels: nothing of the officer, the client or the record.
      expect(text).not.toContain(id);
      expect(text).not.toContain('a-new-12');
      expect(text).not.toContain('desk_a');
      expect((await call(c.url, 'GET', '/metrics?x=1')).status).toBe(400);
    } finally {
      controller.abort();
      void live.body?.cancel().catch(() => undefined);
    }
  });
});

describe.each(STORAGES)('logs on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  const lines: string[] = [];
  const central = useWorldCentral(storages, kind, {
    logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
  });

  it('are JSON lines of routes and statuses that carry no citizen data, password or token', async () => {
    const c = central();
    const sessions = [];
    for (const o of OFFICERS.slice(0, 6)) sessions.push(await login(c.url, o.username));
    const desk = sessions[0] as { token: string };
    expect(
      (
        await call(c.url, 'POST', '/auth/login', {
          body: { username: 'desk_a', password: 'wrong-Pw-9' },
        })
      ).status,
    ).toBe(401);
    const id = clientId('logs');
    expect(
      (
        await call(c.url, 'POST', '/sync/push', {
          token: desk.token,
          body: {
            clientId: id,
            mutations: [
              note(1, 'a-new-13', 'ghi chú'),
              {
                ...note(2, 'a-new-13', 'x'),
                target: { entity: 'dossier', id: 'a-new-13', action: { type: 'accept' } },
              },
            ],
          },
        })
      ).status,
    ).toBe(200);
    for (const s of sessions) {
      expect(
        (await call(c.url, 'GET', '/sync/changes?since=0&limit=5000', { token: s.token })).status,
      ).toBe(200);
    }
    expect(
      (await call(c.url, 'GET', '/sync/changes?since=abc', { token: desk.token })).status,
    ).toBe(400);
    expect(
      (await call(c.url, 'POST', '/sync/push', { token: desk.token, raw: '{"clientId":' })).status,
    ).toBe(400);
    // A server error: a stored complaint that breaks its schema makes the feed answer 500.
    const row = await c.store.db
      .selectFrom('records')
      .select('data')
      .where('id', '=', 'ca-2')
      .executeTakeFirstOrThrow();
    await c.store.db
      .updateTable('records')
      .set({ data: JSON.stringify({ ...(JSON.parse(row.data) as object), status: 'lost' }) })
      .where('id', '=', 'ca-2')
      .where('entity', '=', 'complaint')
      .execute();
    try {
      expect(
        (await call(c.url, 'GET', '/sync/changes?since=0&limit=5000', { token: desk.token }))
          .status,
      ).toBe(500);
    } finally {
      await c.store.db
        .updateTable('records')
        .set({ data: row.data })
        .where('id', '=', 'ca-2')
        .where('entity', '=', 'complaint')
        .execute();
    }
    await call(c.url, 'POST', '/auth/logout', { token: desk.token });

    const logged = lines.join('');
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(
      entries.some((e) => e.msg === 'answered' && e.route === '/sync/push' && e.status === 200),
    ).toBe(true);
    expect(entries.some((e) => e.level === 50 && String(e.msg).includes('invalid response'))).toBe(
      true,
    );
    const secrets = new Set<string>(['wrong-Pw-9', ...OFFICERS.map((o) => passwordOf(o.username))]);
    for (const s of sessions) secrets.add(s.token);
    const records = worldRecords();
    for (const { dossier } of records.dossiers) {
      for (const value of [
        dossier.applicantName,
        dossier.applicantIdNumber,
        dossier.phone,
        dossier.email,
        dossier.address,
      ]) {
        if (value) secrets.add(value);
      }
    }
    for (const { complaint } of records.complaints) {
      for (const value of [
        complaint.senderName,
        complaint.senderPhone,
        complaint.senderEmail,
        complaint.senderAddress,
      ]) {
        if (value) secrets.add(value);
      }
    }
    for (const secret of secrets) expect(logged, 'a secret in the log').not.toContain(secret);
    // The data really went through: the feed sent those values.
    expect(secrets.size).toBeGreaterThan(10);
  });
});

describe.each(STORAGES)('stopping on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }

  it('finishes the pushes in flight, refuses new requests, then closes', async () => {
    const storage: StorageConfig = await storages.storage(kind);
    const c: RunningCentral = await startCentral({
      storage,
      seed: { kind: 'data', data: worldSeed() },
      passwordCost: TEST_PASSWORD_COST,
      seedPasswordCost: TEST_PASSWORD_COST,
      log: () => undefined,
    });
    const desk = await login(c.url, 'desk_b');
    // Hold the push's commit back: SQLite, a write transaction open on the store (one writer);
    // PostgreSQL, a lock on the dossier it acts on.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let blocker: Promise<unknown>;
    let admin: pg.Client | null = null;
    if (kind === 'sqlite') {
      let inside!: () => void;
      const entered = new Promise<void>((resolve) => (inside = resolve));
      blocker = c.store.write(async () => {
        inside();
        await held;
      });
      await entered;
    } else {
      admin = new pg.Client(await adminUrl(c.store));
      await admin.connect();
      await admin.query('begin');
      await admin.query(
        `select 1 from records where entity = 'dossier' and id = 'b-new-9' for update`,
      );
      blocker = held.then(() => (admin as pg.Client).query('commit'));
    }
    const id = clientId('stop');
    const inFlight = call(c.url, 'POST', '/sync/push', {
      token: desk.token,
      body: { clientId: id, mutations: [note(1, 'b-new-9', 'before the stop')] },
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const closing = c.close();
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Not taken any more: refused at the door, or a 503 on a connection still open.
    const late = await call(c.url, 'GET', '/health').catch(() => null);
    expect(late === null || late.status === 503).toBe(true);
    release();
    await blocker;
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(answered.json).toMatchObject({ results: [{ status: 'applied', seq: 1 }], lastSeq: 1 });
    await closing;
    await admin?.end();
    const store = await CentralStore.open(storage, { listen: false });
    try {
      const notes = await store.db
        .selectFrom('records')
        .select('data')
        .where('owner_id', '=', 'b-new-9')
        .where('data', 'like', '%before the stop%')
        .execute();
      expect(notes).toHaveLength(1);
      expect((await store.clientState(id))?.lastSeq).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe('a PostgreSQL database that stops taking connections', () => {
  if (skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  let c: RunningCentral;
  let admin: pg.Client;
  let db = '';
  beforeAll(async () => {
    c = await startCentral({
      storage: await storages.storage('postgres'),
      seed: { kind: 'data', data: worldSeed() },
      passwordCost: TEST_PASSWORD_COST,
      seedPasswordCost: TEST_PASSWORD_COST,
      log: () => undefined,
    });
    // From another database: one cannot refuse connections to the database one is in.
    admin = new pg.Client(await adminUrl(c.store, 'postgres'));
    await admin.connect();
    db = (
      await c.store.db
        .selectNoFrom(sql<string>`current_database()`.as('db'))
        .executeTakeFirstOrThrow()
    ).db;
  });
  afterAll(async () => {
    if (db)
      await admin?.query(`alter database ${db} allow_connections true`).catch(() => undefined);
    await admin?.end();
    await c?.close();
  });

  it('answers 503 while it is gone (alive, not ready), and serves again when it is back', async () => {
    const desk = await login(c.url, 'desk_c');
    const id = clientId('gone');
    await admin.query(`alter database ${db} allow_connections false`);
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`, [
      db,
    ]);
    try {
      expect((await call(c.url, 'GET', '/health')).status).toBe(200);
      const ready = await call(c.url, 'GET', '/ready');
      expect(ready.status).toBe(503);
      expect(ProblemSchema.parse(ready.json).error.code).toBe('NOT_READY');
      const push = await call(c.url, 'POST', '/sync/push', {
        token: desk.token,
        body: { clientId: id, mutations: [note(1, 'c-new-4', 'while gone')] },
      });
      expect(push.status).toBe(503);
      expect(ProblemSchema.parse(push.json).error.code).toBe('UNAVAILABLE');
      expect(push.headers.get('retry-after')).not.toBeNull();
      const signIn = await call(c.url, 'POST', '/auth/login', {
        body: { username: 'lead_b', password: passwordOf('lead_b') },
      });
      expect(signIn.status).toBe(503);
    } finally {
      await admin.query(`alter database ${db} allow_connections true`);
    }
    let ready = await call(c.url, 'GET', '/ready');
    for (
      let i = 0;
      i < 100 && (ready.status !== 200 || (ready.json as { live?: string }).live !== 'listening');
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ready = await call(c.url, 'GET', '/ready');
    }
    expect(ReadySchema.parse(ready.json).live).toBe('listening');
    const again = await call(c.url, 'POST', '/sync/push', {
      token: desk.token,
      body: { clientId: id, mutations: [note(1, 'c-new-4', 'while gone')] },
    });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ results: [{ status: 'applied' }], lastSeq: 1 });
    const notes = await c.store.db
      .selectFrom('records')
      .select('data')
      .where('owner_id', '=', 'c-new-4')
      .where('data', 'like', '%while gone%')
      .execute();
    expect(notes).toHaveLength(1);
  });
});
