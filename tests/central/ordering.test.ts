import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { readFeedPage } from '../../central/feed';
import { fileRecord } from '../../central/simulate';
import type { CentralStore } from '../../central/store/store';
import { makeDossier, makeHistory } from '../support/fixtures';
import {
  login,
  page,
  postgresUnavailable,
  STORAGES,
  useStorages,
  useWorldCentral,
} from './helpers';
import { T0, UNITS } from './world';

/**
 * The proof that the change feed never skips a change: writers commit concurrently (on
 * PostgreSQL, on separate connections really in parallel, each holding its transaction open a
 * random while after drawing its seqs), readers page the feed all along, and every reader must
 * see every committed change exactly once, in seq order, with no gap. A control experiment shows
 * the hazard is real: writers numbering from a plain PostgreSQL sequence without the lock, read
 * the same way, do lose changes.
 */
const storages = useStorages();
const skip = postgresUnavailable();

let filed = 0;
function newFiling(unitId: string) {
  filed += 1;
  const id = `race-${filed}`;
  const dossier = makeDossier({
    id,
    unitId,
    status: 1,
    receivedAt: null,
    dueAt: null,
    dueSoonAt: null,
    clockStartedAt: null,
    filedAt: T0,
    updatedAt: T0,
    version: 1,
  });
  return {
    dossier: {
      dossier,
      history: [makeHistory(`${id}-h1`, T0, 'filed', { officerId: null, unitId: null })],
    },
  };
}

/** Pages from `since` until `stop()` says so and the reader has reached the head. */
async function readUntil(
  read: (since: string) => Promise<{ seqs: string[]; cursor: string; hasMore: boolean }>,
  stop: () => boolean,
  head: () => Promise<number>,
  since: string,
): Promise<number[]> {
  const seen: number[] = [];
  let cursor = since;
  for (let guard = 0; guard < 200_000; guard++) {
    const p = await read(cursor);
    seen.push(...p.seqs.map(Number));
    cursor = p.cursor;
    if (!p.hasMore && stop() && Number(cursor) >= (await head())) return seen;
    if (!p.hasMore) await sleep(1);
  }
  throw new Error('reader did not finish');
}

function directReader(store: CentralStore, scope: string[], limit: number) {
  return async (since: string) => {
    const { page: p } = await readFeedPage(store, {
      scope,
      since: Number(since),
      limit,
      count: false,
    });
    const seqs = [...p.changes, ...p.removals]
      .map((x) => x.seq)
      .sort((a, b) => Number(a) - Number(b));
    return { seqs, cursor: p.cursor, hasMore: p.hasMore };
  };
}

function expectEveryChangeOnce(seen: number[], base: number, head: number): void {
  for (let i = 1; i < seen.length; i++) {
    if (!((seen[i] as number) > (seen[i - 1] as number))) {
      throw new Error(`out of order or repeated at ${i}: ${seen[i - 1]} then ${seen[i]}`);
    }
  }
  const expected = Array.from({ length: head - base }, (_, i) => base + 1 + i);
  const missing = expected.filter((s) => !seen.includes(s));
  expect(missing, 'seqs a reader never saw').toEqual([]);
  expect(seen).toEqual(expected);
}

describe.each(STORAGES)('seq order under concurrent writers on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  const central = useWorldCentral(storages, kind);

  it('a writer that drew a lower seq commits first: readers never pass it', async () => {
    const { store } = central();
    const base = await store.head();
    const scope = UNITS.map((u) => u.id);
    let releaseSlow!: () => void;
    const slowHolding = new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    let slowInside!: () => void;
    const inside = new Promise<void>((resolve) => {
      slowInside = resolve;
    });
    // The slow writer draws its seqs, then holds its transaction open.
    const slow = fileRecord(store, newFiling('a'), async () => {
      slowInside();
      await slowHolding;
    });
    await inside;
    // A fast writer starts meanwhile and would commit at once if it could.
    const fast = fileRecord(store, newFiling('b'));
    await sleep(50);
    // A reader pages now: it must not see the fast writer's change yet.
    const { page: during } = await readFeedPage(store, {
      scope,
      since: base,
      limit: 100,
      count: false,
    });
    expect(during.changes).toEqual([]);
    expect(Number(during.cursor)).toBe(base);
    releaseSlow();
    const [slowHead, fastHead] = await Promise.all([slow, fast]);
    expect(fastHead).toBeGreaterThan(slowHead);
    const { page: after } = await readFeedPage(store, {
      scope,
      since: base,
      limit: 100,
      count: false,
    });
    expect(after.changes.map((c) => Number(c.seq))).toEqual(
      Array.from({ length: fastHead - base }, (_, i) => base + 1 + i),
    );
  });

  it('readers paging during concurrent writes see every committed change once, in order', async () => {
    const c = central();
    const { store } = c;
    const base = await store.head();
    const writers = kind === 'postgres' ? 8 : 4;
    const perWriter = kind === 'postgres' ? 30 : 40;
    let writing = true;
    let commits = 0;
    const writerTasks = Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) {
        const unit = (['a', 'b', 'c'] as const)[(w + i) % 3] as string;
        // 1–3 records per transaction, held open a random while before committing.
        const hold = Math.floor(Math.random() * 4);
        await fileRecord(store, newFiling(unit), async (tx) => {
          if (i % 3 === 0)
            await tx.put({
              entity: 'dossier',
              id: `race-extra-${w}-${i}`,
              unitId: unit,
              version: 1,
              data: JSON.stringify(newFiling(unit).dossier.dossier),
            });
          if (hold > 0) await sleep(hold);
        });
        commits++;
      }
    });
    const stop = () => !writing;
    const head = () => store.head();
    const all = UNITS.map((u) => u.id);
    // A scope this wide pages by scanning in seq order; a narrow one merges per-unit ranges.
    const wide = [...all, ...Array.from({ length: 40 }, (_, i) => `elsewhere-${i}`)];
    const session = await login(c.url, 'lead_p');
    const httpReader = async (since: string) => {
      const p = await page(c.url, session.token, since, 13);
      const seqs = [...p.changes, ...p.removals]
        .map((x) => x.seq)
        .sort((a, b) => Number(a) - Number(b));
      return { seqs, cursor: p.cursor, hasMore: p.hasMore };
    };
    const readers = [
      readUntil(directReader(store, all, 5), stop, head, String(base)),
      readUntil(directReader(store, wide, 11), stop, head, String(base)),
      readUntil(directReader(store, all, 1), stop, head, String(base)),
      readUntil(httpReader, stop, head, String(base)),
    ];
    await Promise.all(writerTasks);
    writing = false;
    const seen = await Promise.all(readers);
    const finalHead = await store.head();
    expect(commits).toBe(writers * perWriter);
    expect(finalHead - base).toBeGreaterThanOrEqual(writers * perWriter * 2);
    for (const s of seen) expectEveryChangeOnce(s, base, finalHead);
  });

  if (kind === 'postgres') {
    it('control: a plain sequence without the lock does lose changes for a reader', async () => {
      // Three raw connections to the same database, outside the store's discipline.
      const conn = await connectionUrl(central().store);
      const a = new pg.Client(conn);
      const b = new pg.Client(conn);
      const r = new pg.Client(conn);
      await Promise.all([a.connect(), b.connect(), r.connect()]);
      try {
        await r.query('create table naive (seq bigint primary key, v text)');
        await r.query('create sequence naive_seq');
        const read = async (since: number) =>
          (
            await r.query<{ seq: string }>(
              'select seq from naive where seq > $1 order by seq limit 100',
              [since],
            )
          ).rows.map((row) => Number(row.seq));
        // A draws seq 1 and holds its transaction; B draws 2 and commits at once.
        await a.query('begin');
        await a.query(`insert into naive values (nextval('naive_seq'), 'a')`);
        await b.query('begin');
        await b.query(`insert into naive values (nextval('naive_seq'), 'b')`);
        await b.query('commit');
        const first = await read(0);
        expect(first).toEqual([2]);
        const cursor = Math.max(...first);
        await a.query('commit');
        const second = await read(cursor);
        // The reader is past 2 and will never see 1: the change is lost for it.
        expect(second).toEqual([]);
        expect((await r.query('select count(*)::int as n from naive')).rows[0]).toEqual({ n: 2 });
      } finally {
        await Promise.all([a.end(), b.end(), r.end()]);
      }
    });
  }
});

async function connectionUrl(store: CentralStore): Promise<string> {
  const row = await store.db
    .selectNoFrom([
      sql<string>`inet_server_addr()::text`.as('host'),
      sql<number>`inet_server_port()`.as('port'),
      sql<string>`current_user`.as('user'),
      sql<string>`current_database()`.as('db'),
    ])
    .executeTakeFirstOrThrow();
  return `postgres://${row.user}@${row.host.replace(/\/32$/, '')}:${row.port}/${row.db}`;
}
