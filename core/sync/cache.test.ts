import { beforeEach, describe, expect, it } from 'vitest';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import type { Dossier } from '@shared/model';
import type { FeedPage } from '@shared/sync/protocol';
import { makeDossier } from '../../tests/support/fixtures';
import { openStore, type Db } from '../store/db';
import { createWriter } from '../store/writer';
import { LocalRefusal, SyncCache, type ReplayContext } from './cache';

const ctx: ReplayContext = {
  officer: { id: 'o1', roles: ['desk_officer', 'processing_officer', 'leader'], unitIds: ['u1'] },
  calendar: new WorkingCalendar(),
};
const NOW = Date.UTC(2026, 2, 2, 2, 0); // Monday 2 March 2026, 09:00 in Hà Nội

let db: Db;
let cache: SyncCache;

const newDossier = (overrides: Partial<Dossier> = {}) =>
  makeDossier({
    id: 'd1',
    status: 1,
    receivedAt: null,
    dueAt: null,
    dueSoonAt: null,
    clockStartedAt: null,
    version: 3,
    ...overrides,
  });

function page(
  changes: FeedPage['changes'],
  cursor: string,
  removals: FeedPage['removals'] = [],
): FeedPage {
  return { changes, removals, cursor, hasMore: false };
}

const dossierChange = (d: Dossier, seq: string): FeedPage['changes'][number] => ({
  entity: 'dossier',
  id: d.id,
  seq,
  version: d.version,
  data: d,
});

const historyChange = (
  id: string,
  action: string,
  at: number,
  seq: string,
  note: string | null = null,
): FeedPage['changes'][number] => ({
  entity: 'dossier_history',
  id,
  seq,
  version: 1,
  data: {
    id,
    dossierId: 'd1',
    at,
    action,
    officerId: 'o1',
    officerName: 'Trần Thị Hạnh',
    unitId: 'u1',
    unitName: 'UBND Phường Hai Bà Trưng',
    fromStatus: null,
    toStatus: null,
    note,
    visibility: 'internal',
    data: null,
  },
});

const outbox = () =>
  db
    .prepare(
      'SELECT client_seq, status, base_version, applied_version FROM outbox ORDER BY client_seq',
    )
    .all();
const history = () =>
  db
    .prepare(`SELECT id, action FROM dossier_history WHERE dossier_id = 'd1' ORDER BY at, id`)
    .all() as { id: string; action: string }[];

beforeEach(() => {
  db = openStore(':memory:');
  cache = new SyncCache(db, createWriter(db));
  cache.applyPage(page([dossierChange(newDossier(), '10')], '10'), () => ctx);
});

describe('sync cache: feed pages', () => {
  it('stores a page and its cursor together', () => {
    expect(cache.cursor).toBe('10');
    expect(cache.readRecord('dossier', 'd1')?.version).toBe(3);
  });

  it('stores nothing, not even the cursor, when a page fails half-way', () => {
    const bad = page(
      [
        dossierChange(newDossier({ id: 'd2', number: 'N-2' }), '11'),
        // Same number as d1: the UNIQUE constraint fails on the second record of the page.
        dossierChange(newDossier({ id: 'd3', number: newDossier().number }), '12'),
      ],
      '12',
    );
    expect(() => cache.applyPage(bad, () => ctx)).toThrow();
    expect(cache.cursor).toBe('10');
    expect(cache.readRecord('dossier', 'd2')).toBeNull();
  });

  it("drops a record that left the officer's scope, with its history", () => {
    cache.enqueue(
      {
        entity: 'dossier',
        id: 'd1',
        action: { type: 'add_note', text: 'x', visibility: 'internal' },
      },
      NOW,
      ctx,
    );
    cache.applyPage(page([], '11', [{ entity: 'dossier', id: 'd1', seq: '11' }]), () => ctx);
    expect(cache.readRecord('dossier', 'd1')).toBeNull();
    expect(history()).toEqual([]);
  });
});

describe('sync cache: reset (another officer signs in)', () => {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const searchHits = (word: string) =>
    n(`SELECT count(*) AS n FROM dossier_search WHERE dossier_search MATCH '${word}'`);

  it('forgets records, history, counters and search documents, and keeps every trigger working', () => {
    const triggers = n(`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'trigger'`);
    const applicant = cache.readRecord('dossier', 'd1') as Dossier;
    const token = applicant.phone.replace(/\D/g, '');
    expect(searchHits(token)).toBe(1);
    expect(n('SELECT sum(n) AS n FROM dossier_counts')).toBe(1);

    cache.reset();
    expect(cache.cursor).toBe('0');
    expect(cache.initialDone).toBe(false);
    expect(n('SELECT count(*) AS n FROM dossiers')).toBe(0);
    expect(n('SELECT count(*) AS n FROM dossier_history')).toBe(0);
    expect(n('SELECT count(*) AS n FROM dossier_counts')).toBe(0);
    expect(searchHits(token)).toBe(0);
    expect(n(`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'trigger'`)).toBe(triggers);

    // The next officer's records are counted and indexed, and deleting one still cleans up.
    cache.applyPage(page([dossierChange(newDossier({ id: 'd9' }), '5')], '5'), () => ctx);
    expect(n('SELECT sum(n) AS n FROM dossier_counts')).toBe(1);
    expect(searchHits(token)).toBe(1);
    cache.applyPage(page([], '6', [{ entity: 'dossier', id: 'd9', seq: '6' }]), () => ctx);
    expect(n('SELECT sum(n) AS n FROM dossier_counts')).toBe(0);
    expect(searchHits(token)).toBe(0);
  });
});

describe('sync cache: outbox', () => {
  it('applies an action at once and queues it with the version it was made on', () => {
    const { record, pending } = cache.enqueue(
      { entity: 'dossier', id: 'd1', action: { type: 'accept' } },
      NOW,
      ctx,
    );
    expect(record.status).toBe(2);
    expect(pending).toBe(1);
    expect(cache.readRecord('dossier', 'd1')).toMatchObject({
      status: 2,
      version: 3,
      receivedAt: NOW,
    });
    expect(cache.pendingBatch(10)).toEqual([
      expect.objectContaining({
        seq: 1,
        baseVersion: 3,
        at: NOW,
        target: { entity: 'dossier', id: 'd1', action: { type: 'accept' } },
      }),
    ]);
    expect(history().map((h) => h.action)).toEqual(['accept']);
  });

  it('numbers changes contiguously, each made on the version last received', () => {
    cache.enqueue({ entity: 'dossier', id: 'd1', action: { type: 'accept' } }, NOW, ctx);
    cache.enqueue(
      {
        entity: 'dossier',
        id: 'd1',
        action: { type: 'add_note', text: 'Đã gọi điện', visibility: 'internal' },
      },
      NOW + 1000,
      ctx,
    );
    expect(cache.pendingBatch(10).map((m) => [m.seq, m.baseVersion])).toEqual([
      [1, 3],
      [2, 3],
    ]);
  });

  it('refuses an action the state machine refuses, and writes nothing', () => {
    expect(() =>
      cache.enqueue({ entity: 'dossier', id: 'd1', action: { type: 'return_result' } }, NOW, ctx),
    ).toThrow(LocalRefusal);
    expect(outbox()).toEqual([]);
    expect(history()).toEqual([]);
    expect(cache.readRecord('dossier', 'd1')?.status).toBe(1);
    expect(cache.meta('sync.nextClientSeq')).toBeNull();
  });

  it('keeps a confirmed change until the feed brings the version that contains it', () => {
    cache.enqueue({ entity: 'dossier', id: 'd1', action: { type: 'accept' } }, NOW, ctx);
    const [m] = cache.pendingBatch(10);
    cache.applyPushResults(
      [{ status: 'applied', seq: 1, id: m!.id, entity: 'dossier', recordId: 'd1', version: 4 }],
      NOW,
      ctx,
    );
    expect(outbox()).toEqual([
      { client_seq: 1, status: 'applied', base_version: 3, applied_version: 4 },
    ]);
    expect(cache.pendingBatch(10)).toEqual([]);
    expect(cache.readRecord('dossier', 'd1')?.status).toBe(2);
    const server = { ...cache.readRecord('dossier', 'd1')!, version: 4 };
    // The record comes back on one page, its history entry on the next: in between, the
    // officer still sees the step they took.
    cache.applyPage(page([dossierChange(server, '20')], '20'), () => ctx);
    expect(outbox()).toEqual([]);
    expect(history().map((h) => h.action)).toEqual(['accept']);
    expect(db.prepare('SELECT count(*) AS n FROM server_copies').get()).toEqual({ n: 0 });
    cache.applyPage(page([historyChange('h-accept', 'accept', NOW, '21')], '21'), () => ctx);
    expect(history()).toEqual([{ id: 'h-accept', action: 'accept' }]);
  });

  it('keeps a confirmed note on screen from the push answer until the feed brings the real one', () => {
    const note = {
      type: 'add_note',
      text: 'Đã gọi điện cho công dân',
      visibility: 'internal',
    } as const;
    cache.enqueue({ entity: 'dossier', id: 'd1', action: note }, NOW, ctx);
    const [m] = cache.pendingBatch(10);
    // A note leaves the record's version as it was: the answer names the version the cache has.
    cache.applyPushResults(
      [{ status: 'applied', seq: 1, id: m!.id, entity: 'dossier', recordId: 'd1', version: 3 }],
      NOW,
      ctx,
    );
    expect(outbox()).toEqual([]);
    expect(history().map((h) => h.action)).toEqual(['add_note']);
    // The feed brings the entry the central API wrote: it replaces the local one, never doubles it.
    cache.applyPage(
      page(
        [
          dossierChange(newDossier(), '40'),
          historyChange('h-note', 'add_note', NOW, '41', 'Đã gọi điện cho công dân'),
        ],
        '41',
      ),
      () => ctx,
    );
    expect(history()).toEqual([{ id: 'h-note', action: 'add_note' }]);
  });

  it('drops a confirmed entry no real one replaced once a pull read the feed after it', () => {
    const note = { type: 'add_note', text: 'Ghi chú', visibility: 'internal' } as const;
    cache.enqueue({ entity: 'dossier', id: 'd1', action: note }, NOW, ctx);
    const [m] = cache.pendingBatch(10);
    const before = cache.confirmationMark();
    cache.applyPushResults(
      [{ status: 'applied', seq: 1, id: m!.id, entity: 'dossier', recordId: 'd1', version: 3 }],
      NOW,
      ctx,
    );
    // A pull that started before the answer proves nothing about it.
    expect(cache.dropConfirmed(before).dossier).toEqual([]);
    expect(history()).toHaveLength(1);
    expect(cache.dropConfirmed(cache.confirmationMark()).dossier).toEqual(['d1']);
    expect(history()).toEqual([]);
  });

  it("turns a refused change into a notice and shows the server's version again", () => {
    cache.enqueue({ entity: 'dossier', id: 'd1', action: { type: 'accept' } }, NOW, ctx);
    const [m] = cache.pendingBatch(10);
    const current = newDossier({ status: 3, version: 4, finishedAt: NOW - 1000 });
    const effect = cache.applyPushResults(
      [
        {
          status: 'rejected',
          seq: 1,
          id: m!.id,
          entity: 'dossier',
          recordId: 'd1',
          code: 'CONFLICT',
          message: 'changed by a leader',
          current,
        },
      ],
      NOW,
      ctx,
    );
    expect(effect.notices).toBe(1);
    expect(cache.readRecord('dossier', 'd1')).toMatchObject({ status: 3, version: 4 });
    expect(outbox()).toEqual([]);
    expect(history()).toEqual([]);
    expect(cache.noticeCount()).toBe(1);
  });

  it('rebases pending changes on a newer server version from the feed', () => {
    cache.enqueue(
      {
        entity: 'dossier',
        id: 'd1',
        action: { type: 'add_note', text: 'ghi chú', visibility: 'internal' },
      },
      NOW,
      ctx,
    );
    const server = newDossier({ version: 4, applicantName: 'Nguyễn Thị Ánh' });
    cache.applyPage(page([dossierChange(server, '30')], '30'), () => ctx);
    expect(cache.readRecord('dossier', 'd1')).toMatchObject({
      applicantName: 'Nguyễn Thị Ánh',
      version: 4,
    });
    expect(cache.pendingBatch(10)).toHaveLength(1);
    expect(history().map((h) => h.action)).toEqual(['add_note']);
  });

  it('ignores a result for a change it no longer holds (a replayed answer)', () => {
    cache.enqueue({ entity: 'dossier', id: 'd1', action: { type: 'accept' } }, NOW, ctx);
    const effect = cache.applyPushResults(
      [
        {
          status: 'applied',
          seq: 1,
          id: 'someone-else',
          entity: 'dossier',
          recordId: 'd1',
          version: 9,
        },
      ],
      NOW,
      ctx,
    );
    expect(effect.changed.dossier).toEqual([]);
    expect(outbox()).toEqual([
      { client_seq: 1, status: 'pending', base_version: 3, applied_version: null },
    ]);
  });
});

describe('sync cache: pages stored in chunks', () => {
  const pages = (n: number, cursor: string) =>
    page(
      Array.from({ length: n }, (_, i) =>
        dossierChange(newDossier({ id: `c${i}`, number: `N-${i}` }), String(100 + i)),
      ),
      cursor,
    );

  it('advances the cursor only with the last chunk of a page', async () => {
    const seen: string[] = [];
    await cache.applyPageInChunks(
      pages(25, '200'),
      () => ctx,
      150, // dossiers cost 15 each: chunks of 10
      () => {
        seen.push(cache.cursor);
        return Promise.resolve();
      },
    );
    // Two pauses between three chunks: the cursor stayed where it was until the end.
    expect(seen).toEqual(['10', '10']);
    expect(cache.cursor).toBe('200');
    expect(db.prepare(`SELECT count(*) AS n FROM dossiers WHERE id LIKE 'c%'`).get()).toEqual({
      n: 25,
    });
  });

  it('stores the same page again without harm after a crash between chunks', async () => {
    let pauses = 0;
    await expect(
      cache.applyPageInChunks(
        pages(25, '200'),
        () => ctx,
        150,
        () => {
          if (++pauses === 1) return Promise.reject(new Error('killed'));
          return Promise.resolve();
        },
      ),
    ).rejects.toThrow('killed');
    expect(cache.cursor).toBe('10');
    await cache.applyPageInChunks(
      pages(25, '200'),
      () => ctx,
      150,
      () => Promise.resolve(),
    );
    expect(cache.cursor).toBe('200');
    expect(db.prepare(`SELECT count(*) AS n FROM dossiers WHERE id LIKE 'c%'`).get()).toEqual({
      n: 25,
    });
  });
});
