import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_NOW } from '../../tests/support/stores';
import { createCore, type Core } from '../app';
import { seedStore } from '../seed';

/**
 * `<plural>.list` at a position (issue 17): a far jump in one call, the page the seek's cursor
 * would give, through the same dispatch the hosts call.
 */
let dir: string;
let core: Core;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wb-list-position-'));
  core = createCore({ dataDir: dir, host: 'browser', startSync: false, clock: () => SEED_NOW });
  seedStore(core.db, { dossiers: 1200, complaints: 300, now: SEED_NOW, seed: 3 });
}, 60_000);
afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Page {
  rows: { id: string }[];
  nextCursor: string | null;
  total: number | null;
}

async function call(method: string, input: object): Promise<Page> {
  const answer = (await core.dispatch(method, input)) as {
    ok: boolean;
    value?: unknown;
    error?: unknown;
  };
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.value as Page;
}

describe('list at a position', () => {
  for (const [plural, sort, filter] of [
    ['dossiers', { field: 'applicantName', direction: 'asc' }, {}],
    ['dossiers', { field: 'receivedAt', direction: 'desc' }, { status: [10, 3] }],
    ['complaints', { field: 'dueAt', direction: 'asc' }, {}],
  ] as const) {
    it(`starts ${plural} by ${sort.field} at the row a seek finds`, async () => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await call(`${plural}.list`, { filter, sort, cursor, limit: 500 });
        ids.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(ids.length).toBeGreaterThan(250);
      for (const position of [1, 57, 131, ids.length - 30]) {
        const page = await call(`${plural}.list`, { filter, sort, position, limit: 50 });
        expect(page.total).toBeNull();
        expect(page.rows.map((r) => r.id)).toEqual(ids.slice(position, position + 50));
        // It pages on like any other page.
        if (page.nextCursor === null) continue;
        const next = await call(`${plural}.list`, {
          filter,
          sort,
          cursor: page.nextCursor,
          limit: 20,
        });
        expect(next.rows.map((r) => r.id)).toEqual(ids.slice(position + 50, position + 70));
      }
      const start = await call(`${plural}.list`, { filter, sort, position: 0, limit: 10 });
      expect(start.rows.map((r) => r.id)).toEqual(ids.slice(0, 10));
    });
  }

  it('is empty at or past the end, and refuses a cursor and a position together', async () => {
    const sort = { field: 'number', direction: 'asc' };
    const total = (await call('dossiers.list', { filter: {}, sort, limit: 1 })).total ?? 0;
    expect(await call('dossiers.list', { filter: {}, sort, position: total, limit: 5 })).toEqual({
      rows: [],
      nextCursor: null,
      total: null,
    });
    const first = await call('dossiers.list', { filter: {}, sort, limit: 5 });
    const both = await core.dispatch('dossiers.list', {
      filter: {},
      sort: { field: 'number', direction: 'asc' },
      cursor: first.nextCursor,
      position: 10,
      limit: 5,
    });
    expect(both).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
