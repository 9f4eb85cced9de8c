import { describe, expect, it } from 'vitest';
import type { ApiError } from '@shared/contract/envelope';
import type { Result } from '../api/result';
import { RowStore, type Page, type PageRequest } from './row-store';

interface Row {
  id: string;
  label: string;
}
type Query = { sort: 'asc' | 'desc' };

/**
 * A keyset list on a server we control: cursors are opaque strings, answers wait until the test
 * lets them through, and every request is recorded.
 */
class FakeServer {
  rows: Row[];
  readonly requests: PageRequest<Query>[] = [];
  readonly pending: { request: PageRequest<Query>; resolve: (r: Result<Page<Row>>) => void }[] = [];
  failNext: ApiError | null = null;
  maxInFlight = 0;

  constructor(count: number) {
    this.rows = Array.from({ length: count }, (_, i) => ({ id: `d${i}`, label: `row ${i}` }));
  }

  readonly fetchPage = (request: PageRequest<Query>): Promise<Result<Page<Row>>> => {
    this.requests.push(request);
    return new Promise((resolve) => {
      this.pending.push({ request, resolve });
      this.maxInFlight = Math.max(this.maxInFlight, this.pending.length);
    });
  };

  answer(request: PageRequest<Query>): Result<Page<Row>> {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      return { ok: false, error };
    }
    const list = request.query.sort === 'asc' ? this.rows : [...this.rows].reverse();
    const start = request.cursor === null ? 0 : Number(request.cursor.slice(1));
    const rows = list.slice(start, start + request.limit);
    const end = start + rows.length;
    return {
      ok: true,
      value: {
        rows,
        nextCursor: end < list.length ? `@${end}` : null,
        total: request.cursor === null ? list.length : null,
      },
    };
  }

  /** Answers what is pending now (not what those answers trigger). */
  async step(): Promise<number> {
    const batch = this.pending.splice(0);
    for (const { request, resolve } of batch) resolve(this.answer(request));
    await new Promise((r) => setTimeout(r, 0));
    return batch.length;
  }

  /** Answers until the store stops asking. */
  async drain(limit = 10_000): Promise<void> {
    for (let i = 0; i < limit; i += 1) {
      // A step can wake work that asks again (an answered seek asks for its page).
      if ((await this.step()) === 0 && this.pending.length === 0) return;
    }
    throw new Error('the store never stopped fetching');
  }
}

interface SetupOptions {
  maxBlocks?: number;
  reverse?: boolean;
  seek?: 'works' | 'fails';
  settleMs?: number;
}

function setup(count: number, options: SetupOptions = {}) {
  const server = new FakeServer(count);
  const seeks: number[] = [];
  const store = new RowStore<Row, Query>({
    fetchPage: server.fetchPage,
    rowId: (row) => row.id,
    blockSize: 200,
    walkSize: 400,
    maxBlocks: options.maxBlocks ?? 60,
    ...(options.settleMs !== undefined ? { settleMs: options.settleMs } : {}),
    ...(options.reverse
      ? { reverse: (q: Query): Query => ({ sort: q.sort === 'asc' ? 'desc' : 'asc' }) }
      : {}),
    ...(options.seek
      ? {
          seek: ({ position }: { position: number }): Promise<Result<string | null>> => {
            seeks.push(position);
            return Promise.resolve(
              options.seek === 'works'
                ? { ok: true, value: position < server.rows.length ? `@${position}` : null }
                : { ok: false, error: { code: 'UNKNOWN_METHOD', message: 'no seek here' } },
            );
          },
        }
      : {}),
  });
  return { server, store, seeks };
}

describe('RowStore: first page', () => {
  it('asks for one block with no cursor and takes the count from it', async () => {
    const { server, store } = setup(1_000);
    store.setQuery({ sort: 'asc' });
    expect(store.getSnapshot().status).toBe('loading');
    expect(server.requests).toEqual([{ query: { sort: 'asc' }, cursor: null, limit: 200 }]);
    await server.step();
    const snapshot = store.getSnapshot();
    expect(snapshot.status).toBe('ready');
    expect(snapshot.total).toBe(1_000);
    expect(store.getRow(0)?.id).toBe('d0');
    expect(store.getRow(199)?.id).toBe('d199');
    expect(store.getRow(200)).toBeUndefined();
  });

  it('is ready and empty for an empty list', async () => {
    const { server, store } = setup(0);
    store.setQuery({ sort: 'asc' });
    await server.drain();
    expect(store.getSnapshot()).toMatchObject({ status: 'ready', total: 0, error: null });
  });
});

describe('RowStore: scrolling', () => {
  it('fetches the next block with its cursor as the visible rows approach it', async () => {
    const { server, store } = setup(1_000);
    store.setQuery({ sort: 'asc' });
    await server.step();
    store.ensureRange(150, 170);
    await server.drain();
    expect(server.requests[1]).toEqual({ query: { sort: 'asc' }, cursor: '@200', limit: 200 });
    expect(store.getRow(369)?.id).toBe('d369');
  });

  it('walks to a far row in aligned steps the contract accepts, never from the start twice', async () => {
    const { server, store } = setup(200_000);
    store.setQuery({ sort: 'asc' });
    await server.step();
    store.ensureRange(150_000, 150_020);
    await server.drain();
    expect(store.getRow(150_000)?.id).toBe('d150000');
    expect(store.getRow(150_019)?.id).toBe('d150019');
    for (const request of server.requests) {
      expect(request.limit).toBeLessThanOrEqual(500);
      if (request.cursor !== null) expect(Number(request.cursor.slice(1)) % 200).toBe(0);
    }
    const walkSteps = server.requests.length;
    expect(walkSteps).toBeLessThan(150_000 / 400 + 5);
    expect(server.requests.filter((r) => r.cursor === null)).toHaveLength(1);
    expect(store.frontier).toBeGreaterThanOrEqual(150_000);
  });

  it('keeps memory bounded and brings an evicted block back with one call', async () => {
    const { server, store } = setup(20_000, { maxBlocks: 6 });
    store.setQuery({ sort: 'asc' });
    await server.step();
    for (let at = 0; at < 19_000; at += 500) {
      store.ensureRange(at, at + 20);
      await server.drain();
      expect(store.cachedBlockCount).toBeLessThanOrEqual(6);
    }
    expect(store.getRow(10)).toBeUndefined();
    const before = server.requests.length;
    store.ensureRange(0, 20);
    await server.drain();
    expect(store.getRow(10)?.id).toBe('d10');
    const refetches = server.requests.slice(before);
    expect(refetches[0]?.cursor).toBeNull();
    const before2 = server.requests.length;
    store.ensureRange(10_000, 10_020);
    await server.drain();
    const back = server.requests.slice(before2);
    // One call from the nearest known cursor reaches the visible block; prefetch adds a couple.
    expect(back.length).toBeLessThanOrEqual(3);
    for (const request of back) {
      expect(Number(request.cursor?.slice(1))).toBeGreaterThanOrEqual(9_600);
    }
    expect(store.getRow(10_000)?.id).toBe('d10000');
  });

  it('never runs more fetches at once than allowed', async () => {
    const { server, store } = setup(50_000);
    store.setQuery({ sort: 'asc' });
    await server.step();
    // Cursors for blocks 0..9 become known, then a wide range needs several independent fetches.
    store.ensureRange(0, 2_000);
    await server.drain();
    store.markChanged(Array.from({ length: 2_000 }, (_, i) => `d${i}`));
    expect(server.pending.length).toBeLessThanOrEqual(2);
    await server.drain();
    expect(server.maxInFlight).toBe(2);
  });
});

describe('RowStore: changing the query', () => {
  it('drops answers to the old order when the sort changes mid-flight', async () => {
    const { server, store } = setup(1_000);
    store.setQuery({ sort: 'asc' });
    store.setQuery({ sort: 'desc' });
    expect(store.getSnapshot().generation).toBe(2);
    await server.drain();
    expect(store.getRow(0)?.id).toBe('d999');
    expect(store.getSnapshot().status).toBe('ready');
  });

  it('reload starts from the first page again', async () => {
    const { server, store } = setup(1_000);
    store.setQuery({ sort: 'asc' });
    await server.drain();
    server.rows[0] = { id: 'd0', label: 'renamed' };
    store.reload();
    expect(store.getRow(0)).toBeUndefined();
    await server.drain();
    expect(store.getRow(0)?.label).toBe('renamed');
  });
});

describe('RowStore: failures', () => {
  const unavailable: ApiError = { code: 'UNAVAILABLE', message: 'host gone' };

  it('shows a failed first page as an error and recovers on retry', async () => {
    const { server, store } = setup(1_000);
    server.failNext = unavailable;
    store.setQuery({ sort: 'asc' });
    await server.drain();
    expect(store.getSnapshot()).toMatchObject({ status: 'error', error: unavailable });
    store.retry();
    await server.drain();
    expect(store.getSnapshot()).toMatchObject({ status: 'ready', error: null, total: 1_000 });
  });

  it('keeps loaded rows when a later page fails, and does not hammer the host', async () => {
    const { server, store } = setup(1_000);
    store.setQuery({ sort: 'asc' });
    await server.step();
    server.failNext = unavailable;
    store.ensureRange(300, 320);
    await server.drain();
    const snapshot = store.getSnapshot();
    expect(snapshot.status).toBe('ready');
    expect(snapshot.error).toEqual(unavailable);
    expect(store.getRow(5)?.id).toBe('d5');
    const calls = server.requests.length;
    store.ensureRange(301, 321);
    await server.drain();
    expect(server.requests.length).toBe(calls);
    store.retry();
    await server.drain();
    expect(store.getRow(300)?.id).toBe('d300');
  });
});

describe('RowStore: changes from sync', () => {
  it('refetches changed rows in place, keeping them on screen meanwhile', async () => {
    const { server, store } = setup(1_000);
    store.setQuery({ sort: 'asc' });
    await server.step();
    store.ensureRange(0, 30);
    await server.drain();
    const calls = server.requests.length;
    server.rows[5] = { id: 'd5', label: 'accepted' };
    store.markChanged(['d5', 'not-loaded']);
    expect(server.requests.length).toBe(calls + 1);
    expect(store.getRow(5)?.label).toBe('row 5');
    await server.drain();
    expect(store.getRow(5)?.label).toBe('accepted');
  });

  it('does not fetch when no loaded row changed', async () => {
    const { server, store } = setup(1_000);
    store.setQuery({ sort: 'asc' });
    await server.drain();
    const calls = server.requests.length;
    store.markChanged(['d900']);
    await server.drain();
    expect(server.requests.length).toBe(calls);
  });

  it('refetches rows whose fetch was under way when a change came in', async () => {
    const { server, store } = setup(1_000);
    store.setQuery({ sort: 'asc' });
    await server.step();
    store.ensureRange(190, 210);
    expect(server.pending).toHaveLength(1);
    server.rows[250] = { id: 'd250', label: 'changed' };
    store.markChanged(['d250']);
    await server.step();
    expect(store.getRow(250)?.label).toBe('changed');
    await server.drain();
    expect(store.getRow(250)?.label).toBe('changed');
  });

  it('recounts the list', async () => {
    const { server, store } = setup(1_000);
    store.setQuery({ sort: 'asc' });
    await server.drain();
    server.rows.push({ id: 'new', label: 'new' });
    const counting = store.refreshTotal();
    await server.step();
    await counting;
    expect(store.getSnapshot().total).toBe(1_001);
  });

  it('trusts the end of the list over a count taken earlier', async () => {
    const { server, store } = setup(1_000);
    store.setQuery({ sort: 'asc' });
    await server.step();
    server.rows = server.rows.slice(0, 350);
    store.ensureRange(200, 220);
    await server.drain();
    expect(store.getSnapshot().total).toBe(350);
  });
});

describe('RowStore: subscription', () => {
  it('notifies listeners with a new snapshot object on each change', async () => {
    const { server, store } = setup(10);
    const seen: unknown[] = [];
    const unsubscribe = store.subscribe(() => seen.push(store.getSnapshot()));
    store.setQuery({ sort: 'asc' });
    await server.drain();
    unsubscribe();
    store.reload();
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(store.indexOfLoaded('d3')).toBe(-1);
  });
});

describe('RowStore: the last rows (reverse order)', () => {
  it('loads the end of the list with one call instead of a walk', async () => {
    const { server, store } = setup(200_000, { reverse: true });
    store.setQuery({ sort: 'asc' });
    await server.step();
    store.ensureRange(199_983, 200_000);
    expect(server.requests[1]).toEqual({ query: { sort: 'desc' }, cursor: null, limit: 400 });
    await server.drain();
    expect(server.requests).toHaveLength(2);
    expect(store.getRow(199_999)?.id).toBe('d199999');
    expect(store.getRow(199_600)?.id).toBe('d199600');
    expect(store.getRow(199_599)).toBeUndefined();
    expect(store.indexOfLoaded('d199990')).toBe(199_990);
  });

  it('refreshes a changed last row in place', async () => {
    const { server, store } = setup(5_000, { reverse: true });
    store.setQuery({ sort: 'asc' });
    await server.step();
    store.ensureRange(4_990, 5_000);
    await server.drain();
    server.rows[4_995] = { id: 'd4995', label: 'changed' };
    store.markChanged(['d4995']);
    expect(store.getRow(4_995)?.label).toBe('row 4995');
    await server.drain();
    expect(store.getRow(4_995)?.label).toBe('changed');
  });

  it('forgets the last rows when the count changes, since their positions moved', async () => {
    const { server, store } = setup(5_000, { reverse: true });
    store.setQuery({ sort: 'asc' });
    await server.step();
    store.ensureRange(4_990, 5_000);
    await server.drain();
    server.rows.push({ id: 'd5000', label: 'new' });
    const counting = store.refreshTotal();
    await server.step();
    await counting;
    expect(store.getSnapshot().total).toBe(5_001);
    await server.drain();
    expect(store.getRow(5_000)?.id).toBe('d5000');
    expect(store.getRow(4_990)?.id).toBe('d4990');
  });

  it('still walks for rows above the last page', async () => {
    const { server, store } = setup(10_000, { reverse: true });
    store.setQuery({ sort: 'asc' });
    await server.step();
    store.ensureRange(5_000, 5_020);
    await server.drain();
    expect(store.getRow(5_000)?.id).toBe('d5000');
    expect(server.requests.some((r) => r.query.sort === 'desc')).toBe(false);
  });
});

describe('RowStore: seek', () => {
  it('jumps with one call for the cursor and one for the rows', async () => {
    const { server, store, seeks } = setup(1_000_000, { seek: 'works' });
    store.setQuery({ sort: 'asc' });
    await server.step();
    store.ensureRange(600_000, 600_020);
    await server.drain();
    expect(seeks).toContain(600_000);
    expect(store.getRow(600_000)?.id).toBe('d600000');
    expect(store.getRow(600_019)?.id).toBe('d600019');
    expect(server.requests.length).toBeLessThanOrEqual(4);
  });

  it('falls back to walking when the host cannot seek', async () => {
    const { server, store, seeks } = setup(20_000, { seek: 'fails' });
    store.setQuery({ sort: 'asc' });
    await server.step();
    store.ensureRange(10_000, 10_020);
    await server.drain();
    expect(seeks.length).toBeGreaterThan(0);
    expect(store.getRow(10_000)?.id).toBe('d10000');
  });
});

describe('RowStore: while the officer scrolls fast', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('holds far jumps while the rows keep moving, then makes one where they stop', async () => {
    // Generous, so that a slow test machine still counts the moves as one motion.
    const { server, store, seeks } = setup(1_000_000, { seek: 'works', settleMs: 300 });
    store.setQuery({ sort: 'asc' });
    await server.step();
    // A frame's worth apart, far from anything loaded: a dragged scrollbar.
    for (let frame = 1; frame <= 10; frame++) {
      store.ensureRange(frame * 90_000, frame * 90_000 + 20);
      await server.step();
      await sleep(5);
    }
    // Only the first move jumped (it could have been a single jump, e.g. a click on the track):
    // its block and the margin's.
    expect(seeks).toEqual([90_000, 89_800]);
    await sleep(350);
    await server.drain();
    expect(seeks).toContain(900_000);
    expect(seeks.length).toBeLessThanOrEqual(4);
    expect(store.getRow(900_000)?.id).toBe('d900000');
    expect(store.getRow(900_019)?.id).toBe('d900019');
  });

  it('keeps loading the rows one call away while moving', async () => {
    const { server, store } = setup(100_000, { settleMs: 1_000 });
    store.setQuery({ sort: 'asc' });
    await server.step();
    // A steady scroll, 30 rows a frame: every block is next to one already known.
    for (let at = 0; at < 3_000; at += 30) {
      store.ensureRange(at, at + 20);
      await server.drain();
      expect(store.getRow(at)?.id).toBe(`d${at}`);
      expect(store.getRow(at + 19)?.id).toBe(`d${at + 19}`);
    }
  });
});

describe('RowStore: rowsBetween (ranges for multi-select)', () => {
  it('answers from the cache when the rows are loaded, without asking', async () => {
    const { server, store } = setup(1_000);
    store.setQuery({ sort: 'asc' });
    await server.drain();
    const before = server.requests.length;
    const result = await store.rowsBetween(10, 15);
    expect(result.ok && result.value.map((r) => r.id)).toEqual(['d10', 'd11', 'd12', 'd13', 'd14']);
    expect(server.requests.length).toBe(before);
  });

  it('reads rows it has not loaded from the nearest known cursor, without caching them', async () => {
    const { server, store } = setup(2_000);
    store.setQuery({ sort: 'asc' });
    await server.drain();
    const pending = store.rowsBetween(350, 900);
    // Answer requests as they come until the range is read.
    let result: Awaited<typeof pending> | null = null;
    void pending.then((r) => (result = r));
    for (let i = 0; i < 10 && result === null; i += 1) await server.step();
    const read = result as Awaited<typeof pending> | null;
    expect(read?.ok).toBe(true);
    if (read?.ok) {
      expect(read.value).toHaveLength(550);
      expect(read.value[0]?.id).toBe('d350');
      expect(read.value[549]?.id).toBe('d899');
    }
    expect(server.requests.slice(1).every((r) => r.limit === 400)).toBe(true);
    expect(store.getRow(600)).toBeUndefined();
  });

  it('stops at the end of a short list and passes failures on', async () => {
    const { server, store } = setup(300);
    store.setQuery({ sort: 'asc' });
    await server.drain();
    const reading = store.rowsBetween(250, 400);
    await server.step();
    const short = await reading;
    expect(short.ok && short.value.length).toBe(50);

    const { server: failing, store: other } = setup(1_000);
    other.setQuery({ sort: 'asc' });
    await failing.drain();
    failing.failNext = { code: 'UNAVAILABLE', message: 'gone' };
    const pending = other.rowsBetween(300, 700);
    await failing.step();
    expect(await pending).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'gone' } });
  });
});

describe('RowStore: invalidate (the clock moved)', () => {
  it('refetches the rows on screen in place and forgets the others', async () => {
    const { server, store } = setup(2_000, { maxBlocks: 60 });
    store.setQuery({ sort: 'asc' });
    await server.drain();
    store.ensureRange(0, 20);
    await server.drain();
    const before = server.requests.length;
    server.rows[3] = { id: 'd3', label: 'changed' };
    store.invalidate();
    // Still shown while the fresh copy loads.
    expect(store.getRow(3)?.label).toBe('row 3');
    await server.drain();
    expect(store.getRow(3)?.label).toBe('changed');
    expect(server.requests.length).toBeGreaterThan(before);
  });
});

describe('RowStore: a steady scroll (issue 17)', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  function steady(options: { prefetchRows?: number; jumpPages?: boolean } = {}) {
    const server = new FakeServer(1_000_000);
    const positions: number[] = [];
    const fetchPage = (request: PageRequest<Query>) => {
      if (request.position === undefined) return server.fetchPage(request);
      positions.push(request.position);
      // A page at a position is the page from the cursor there.
      return server.fetchPage({
        query: request.query,
        cursor: `@${request.position}`,
        limit: request.limit,
      });
    };
    const store = new RowStore<Row, Query>({
      fetchPage,
      rowId: (row) => row.id,
      blockSize: 200,
      walkSize: 400,
      maxBlocks: 60,
      settleMs: 1_000,
      prefetchRows: options.prefetchRows ?? 2_000,
      ...(options.jumpPages ? { jumpPages: true } : {}),
    });
    return { server, store, positions };
  }

  it('fetches ahead in the direction of the scroll, within its budget, by paging on', async () => {
    const { server, store } = steady();
    store.setQuery({ sort: 'asc' });
    await server.drain();
    for (let at = 0; at <= 600; at += 60) {
      store.ensureRange(at, at + 20);
      await server.drain();
      await sleep(2);
    }
    // Rows well ahead of the visible ones are there, none asked for by a jump.
    expect(store.getRow(1_500)?.id).toBe('d1500');
    expect(store.frontier).toBeLessThanOrEqual(620 + 200 + 2_000 + 400);
    for (const request of server.requests) {
      expect(request.cursor === null || Number(request.cursor.slice(1)) % 200 === 0).toBe(true);
    }
  });

  it('says it is busy only while rows on screen wait, not for rows fetched ahead', async () => {
    const { server, store } = steady();
    store.setQuery({ sort: 'asc' });
    await server.drain();
    const snapshots = new Set<unknown>();
    let rowsSeen = 0;
    store.subscribe(() => snapshots.add(store.getSnapshot()));
    store.subscribeRows(() => (rowsSeen += 1));
    store.ensureRange(10, 30);
    store.ensureRange(20, 40);
    expect(server.pending.length).toBeGreaterThan(0);
    // The rows on screen are loaded: what is under way is ahead of them.
    expect(store.getSnapshot().fetching).toBe(false);
    await server.drain();
    expect(rowsSeen).toBeGreaterThan(0);
    // Rows came in off screen only: the list's snapshot stayed as it was.
    expect(snapshots.size).toBe(0);
  });

  it('jumps with a single page at the position when the host answers one', async () => {
    const { server, store, positions } = steady({ jumpPages: true });
    store.setQuery({ sort: 'asc' });
    await server.drain();
    const before = server.requests.length;
    store.ensureRange(500_010, 500_030);
    await server.drain();
    expect(positions).toContain(500_000);
    expect(store.getRow(500_010)?.id).toBe('d500010');
    expect(store.getRow(500_029)?.id).toBe('d500029');
    // The page there and at most the margin's before it.
    expect(server.requests.length - before).toBeLessThanOrEqual(2);
  });

  it('chases a steady scroll that outran the pages with one jump at a time, ahead of it', async () => {
    const { server, store, positions } = steady({ jumpPages: true, prefetchRows: 0 });
    store.setQuery({ sort: 'asc' });
    await server.drain();
    // Thousands of rows a second, answers held back: the pages cannot keep up.
    let at = 0;
    for (let frame = 0; frame < 30; frame += 1) {
      at += 300;
      store.ensureRange(at, at + 20);
      await sleep(10);
      if (frame % 3 === 2) await server.step();
    }
    await server.drain();
    expect(positions.length).toBeGreaterThan(0);
    for (const position of positions) expect(position % 200).toBe(0);
    // Each jump went ahead of where the rows were when it was asked, never behind the start.
    expect(Math.max(...positions)).toBeGreaterThan(3_000);
  });
});
