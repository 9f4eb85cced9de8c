import type { ApiError } from '@shared/contract/envelope';
import type { Result } from '../api/result';

/**
 * A sparse, position-addressed cache over a keyset-paginated list, for a virtualized grid.
 *
 * The contract pages with opaque cursors: a page can only be asked for with the cursor that the
 * page before it returned. So the store keeps two things apart:
 *  - cursors, by row position (always a multiple of the block size): tiny, never evicted, so a
 *    block that was evicted comes back with one call;
 *  - blocks of rows, by block index: bounded (LRU), so memory stays flat at a million rows.
 *
 * Reaching a far position, from the cheapest way to the dearest:
 *  1. a known cursor at or just before it: one call;
 *  2. the last rows of the list (End, "oldest first"): one call for the first page of the
 *     reversed order (`reverse`), kept as the "tail";
 *  3. `seek`, when the host offers one: one call for the cursor, one for the rows;
 *  4. otherwise a walk from the nearest known cursor, in steps of the largest page the contract
 *     allows that keeps positions aligned, showing progress.
 *
 * Framework-free on purpose: React reads it through useSyncExternalStore, tests drive it directly,
 * and the complaint grid can reuse it with another Row and Query.
 */

export interface PageRequest<Query> {
  readonly query: Query;
  readonly cursor: string | null;
  /** Instead of a cursor (only with `jumpPages`): the page starts at this row of the list. */
  readonly position?: number;
  readonly limit: number;
}

export interface Page<Row> {
  readonly rows: readonly Row[];
  readonly nextCursor: string | null;
  /** Only the first page (cursor null) counts; later pages answer null. */
  readonly total: number | null;
}

export type FetchPage<Row, Query> = (request: PageRequest<Query>) => Promise<Result<Page<Row>>>;

/** The cursor that makes a page start at `position` (null: the list has no row there). */
export type SeekCursor<Query> = (request: {
  readonly query: Query;
  readonly position: number;
}) => Promise<Result<string | null>>;

export interface RowStoreOptions<Row, Query> {
  readonly fetchPage: FetchPage<Row, Query>;
  readonly rowId: (row: Row) => string;
  /** The same list in exactly the opposite order, so its first page is our last rows. */
  readonly reverse?: (query: Query) => Query;
  /** Jumps: a cursor at a position; absent while the contract has no such method. */
  readonly seek?: SeekCursor<Query>;
  /**
   * `fetchPage` takes a `position` (a page that starts at that row, the host finding the cursor):
   * a jump is then one call, not a seek and then a page.
   */
  readonly jumpPages?: boolean;
  /** Rows per block: the unit of caching and of an ordinary fetch. */
  readonly blockSize?: number;
  /** Rows per call when walking (and of the tail): a multiple of blockSize, ≤ the contract's limit. */
  readonly walkSize?: number;
  /** Blocks kept in memory; the least recently wanted beyond this are dropped. */
  readonly maxBlocks?: number;
  readonly maxConcurrentFetches?: number;
  /**
   * While the visible rows keep moving (a fast scroll, a dragged scrollbar), far jumps (a seek,
   * a walk) wait until they have stood still this long: otherwise every frame sends one for rows
   * the officer only flies past, and each costs the host a walk through its index. Rows one call
   * away load at once, moving or not; so does a single jump (End, a click on the track).
   * 0 turns the wait off.
   */
  readonly settleMs?: number;
  /**
   * Rows fetched ahead of a steady scroll, in its direction, at most: as many as the scroll
   * passes in `leadMs`, so that rows are there when the officer reaches them. Reached by paging
   * on from the last known cursor, never by far jumps. 0 turns it off (a margin of one block
   * remains).
   */
  readonly prefetchRows?: number;
  readonly leadMs?: number;
}

export type RowStoreStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface RowStoreSnapshot<Query> {
  readonly query: Query | null;
  /** Bumps whenever the query changes or the list is reloaded: rows of older generations are gone. */
  readonly generation: number;
  /** 'error' only when the first page failed, i.e. there is nothing to show. */
  readonly status: RowStoreStatus;
  /** Rows in the list (0 until the first page answered). */
  readonly total: number;
  /** The latest failure, also of a later page while earlier rows remain visible. */
  readonly error: ApiError | null;
  /**
   * Rows on screen (or the list itself) are being fetched: the officer waits for them. Rows
   * fetched ahead of a scroll do not count, so that a steady scroll does not flicker the list's
   * busy marks.
   */
  readonly fetching: boolean;
  /**
   * Bumps whenever rows on screen may have changed. Rows elsewhere (fetched ahead of the
   * scroll) bump only `rowsRevision`: the grid follows that, the screen around it need not.
   */
  readonly revision: number;
}

interface Block<Row> {
  rows: readonly Row[];
  /** Shown as is, but refetched when wanted: a change touched it or came in while it loaded. */
  stale: boolean;
}

/** The last rows of the list, in list order, from the reversed query's first page. */
interface Tail<Row> {
  rows: readonly Row[];
  /** Position of rows[0]; derived from the count, so any change of count drops the tail. */
  start: number;
  stale: boolean;
}

const isJump = (plan: Plan): boolean => plan.kind === 'seek' || plan.kind === 'jump';

/** Row positions [start, end). */
interface Span {
  readonly start: number;
  readonly end: number;
}

function sameSnapshot<Q>(a: RowStoreSnapshot<Q>, b: RowStoreSnapshot<Q>): boolean {
  return (
    a.query === b.query &&
    a.generation === b.generation &&
    a.status === b.status &&
    a.total === b.total &&
    a.error === b.error &&
    a.fetching === b.fetching &&
    a.revision === b.revision
  );
}

type Plan =
  | { readonly kind: 'page'; readonly start: number; readonly limit: number }
  | { readonly kind: 'tail' }
  | { readonly kind: 'seek'; readonly position: number }
  /** A page at a position (`jumpPages`): a seek and its page in one call. */
  | { readonly kind: 'jump'; readonly position: number };

interface InFlight {
  readonly plan: Plan;
  /** Positions the answer will fill, [start, end). */
  readonly start: number;
  readonly end: number;
}

interface Wanted {
  /** Rows on screen, [start, end). */
  readonly visibleStart: number;
  readonly visibleEnd: number;
  /** A block's worth around them, [marginStart, marginEnd) ⊇ visible: reached however it takes. */
  readonly marginStart: number;
  readonly marginEnd: number;
  /** Rows worth having ready, [start, end) ⊇ margin: beyond it, fetched ahead of the scroll. */
  readonly start: number;
  readonly end: number;
}

/** A step of the visible rows longer than this many walks is a jump, not a steady scroll. */
const STEADY_STEP_WALKS = 4;
/**
 * How far ahead of the visible rows a steady scroll that outran the pages jumps: about the time a
 * jump and its page take to answer, so that the rows are there when the scroll gets there.
 */
const CHASE_LEAD_MS = 150;

const planKey = (plan: Plan): string =>
  plan.kind === 'page'
    ? `page:${plan.start}`
    : plan.kind === 'jump'
      ? `jump:${plan.position}`
      : plan.kind === 'seek'
        ? `seek:${plan.position}`
        : 'tail';

export class RowStore<Row, Query> {
  readonly blockSize: number;
  readonly #walkSize: number;
  readonly #maxBlocks: number;
  readonly #maxConcurrent: number;
  readonly #fetchPage: FetchPage<Row, Query>;
  readonly #rowId: (row: Row) => string;
  readonly #reverse: ((query: Query) => Query) | undefined;
  readonly #seek: SeekCursor<Query> | undefined;
  readonly #jumpPages: boolean;
  readonly #settleMs: number;
  readonly #prefetchRows: number;
  readonly #leadMs: number;

  #query: Query | null = null;
  #generation = 0;
  #status: RowStoreStatus = 'idle';
  #total = 0;
  #totalKnown = false;
  #error: ApiError | null = null;
  #revision = 0;
  #rowsRevision = 0;
  /** Bumps with each change notice; an answer to a request sent before the latest one is stale. */
  #changeSeq = 0;

  #blocks = new Map<number, Block<Row>>();
  #tail: Tail<Row> | null = null;
  #cursors = new Map<number, string | null>();
  /** The positions of #cursors, ascending: the nearest one is a binary search away. */
  #cursorAt: number[] = [0];
  #inflight = new Map<string, InFlight>();
  #failed = new Set<string>();
  #wanted: Wanted | null = null;
  /** When the visible rows last changed, and whether that came soon after the change before. */
  #movedAt = Number.NEGATIVE_INFINITY;
  #moving = false;
  /** Rows per millisecond the visible rows move at, signed (down the list is positive). */
  #velocity = 0;
  #settleTimer: ReturnType<typeof setTimeout> | null = null;

  #listeners = new Set<() => void>();
  #rowListeners = new Set<() => void>();
  #snapshot: RowStoreSnapshot<Query>;

  constructor(options: RowStoreOptions<Row, Query>) {
    this.blockSize = options.blockSize ?? 200;
    this.#walkSize = options.walkSize ?? this.blockSize * 2;
    if (this.#walkSize % this.blockSize !== 0) {
      throw new Error('walkSize must be a multiple of blockSize, so cursors stay block-aligned');
    }
    this.#maxBlocks = Math.max(4, options.maxBlocks ?? 60);
    this.#maxConcurrent = Math.max(1, options.maxConcurrentFetches ?? 2);
    this.#fetchPage = options.fetchPage;
    this.#rowId = options.rowId;
    this.#reverse = options.reverse;
    this.#seek = options.seek;
    this.#jumpPages = options.jumpPages === true;
    this.#settleMs = Math.max(0, options.settleMs ?? 80);
    this.#prefetchRows = Math.max(0, options.prefetchRows ?? 0);
    this.#leadMs = Math.max(0, options.leadMs ?? 600);
    this.#snapshot = this.#makeSnapshot();
  }

  // ---- React's side: useSyncExternalStore(store.subscribe, store.getSnapshot) ----

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): RowStoreSnapshot<Query> => this.#snapshot;

  /**
   * The grid's side: notified whenever any row may have changed (also rows fetched ahead, off
   * screen), with `getRowsRevision` as the value that changes.
   */
  readonly subscribeRows = (listener: () => void): (() => void) => {
    this.#rowListeners.add(listener);
    return () => this.#rowListeners.delete(listener);
  };

  readonly getRowsRevision = (): number => this.#rowsRevision;

  /**
   * How far the known cursors reach: rows below this position load in one call; rows beyond it
   * may need a walk through the pages before them (the grid shows progress meanwhile).
   */
  get frontier(): number {
    return this.#frontier();
  }

  /** The row at a position, or undefined while it is not loaded. */
  getRow(index: number): Row | undefined {
    const block = this.#blocks.get(Math.floor(index / this.blockSize));
    const row = block?.rows[index % this.blockSize];
    if (row !== undefined) return row;
    const tail = this.#tail;
    return tail && index >= tail.start ? tail.rows[index - tail.start] : undefined;
  }

  /** Blocks of rows held in memory (for tests and diagnostics). */
  get cachedBlockCount(): number {
    return this.#blocks.size;
  }

  /** Position of a loaded row, for keeping a selection across refreshes; -1 if not loaded. */
  indexOfLoaded(id: string): number {
    for (const [blockIndex, block] of this.#blocks) {
      const at = block.rows.findIndex((row) => this.#rowId(row) === id);
      if (at >= 0) return blockIndex * this.blockSize + at;
    }
    const at = this.#tail?.rows.findIndex((row) => this.#rowId(row) === id) ?? -1;
    return at >= 0 && this.#tail ? this.#tail.start + at : -1;
  }

  // ---- Commands ----

  /** Starts over with another filter or sort: everything cached belongs to the old order. */
  setQuery(query: Query): void {
    this.#query = query;
    this.#reset();
  }

  /** Starts the same query over from the first page (the officer pressed Refresh). */
  reload(): void {
    if (this.#query !== null) this.#reset();
  }

  /**
   * The grid shows rows [visibleStart, visibleEnd). The store fetches what is missing there first,
   * then a margin around it, and forgets requests for rows the officer has scrolled away from.
   */
  ensureRange(visibleStart: number, visibleEnd: number): void {
    const start = Math.max(0, Math.floor(visibleStart));
    const end = Math.max(start, Math.ceil(visibleEnd));
    const margin = this.blockSize;
    const before = this.#wanted;
    if (before === null || before.visibleStart !== start || before.visibleEnd !== end) {
      const now = performance.now();
      const elapsed = now - this.#movedAt;
      this.#moving = elapsed < this.#settleMs;
      const step = before === null ? 0 : start - before.visibleStart;
      // A steady scroll moves a screenful or a few per frame; a longer step is a jump (the
      // scrollbar dragged or clicked, End), which says nothing about where the officer goes next.
      if (this.#moving && step !== 0 && Math.abs(step) <= STEADY_STEP_WALKS * this.#walkSize) {
        const velocity = step / Math.max(1, elapsed);
        this.#velocity =
          Math.sign(velocity) === Math.sign(this.#velocity)
            ? (this.#velocity + velocity) / 2
            : velocity;
      } else {
        this.#velocity = 0;
      }
      this.#movedAt = now;
    }
    const ahead = Math.round(Math.min(this.#prefetchRows, Math.abs(this.#velocity) * this.#leadMs));
    const up = this.#velocity < 0;
    this.#wanted = {
      visibleStart: start,
      visibleEnd: end,
      marginStart: Math.max(0, start - (up ? margin : margin / 2)),
      marginEnd: end + (up ? margin / 2 : margin),
      start: Math.max(0, start - (up ? margin + ahead : margin / 2)),
      end: end + (up ? margin / 2 : margin + ahead),
    };
    // Wanted blocks become the most recently used, so eviction takes the ones scrolled past.
    for (const index of this.#blockRange(this.#wanted.start, this.#wanted.end)) {
      const block = this.#blocks.get(index);
      if (block) {
        this.#blocks.delete(index);
        this.#blocks.set(index, block);
      }
    }
    this.#pump();
  }

  /**
   * Records changed in the store (sync, another window). Loaded rows among them are refetched in
   * place, keeping what is on screen until the fresh rows arrive; answers still on their way are
   * refetched too, since they may predate the change.
   */
  markChanged(ids: Iterable<string>): void {
    const changed = new Set(ids);
    if (changed.size === 0) return;
    this.#changeSeq += 1;
    let touched = false;
    for (const [index, block] of [...this.#blocks]) {
      if (!block.rows.some((row) => changed.has(this.#rowId(row)))) continue;
      touched = true;
      const start = index * this.blockSize;
      if (this.#isWanted(start, start + block.rows.length)) block.stale = true;
      else this.#blocks.delete(index);
    }
    const tail = this.#tail;
    if (tail && tail.rows.some((row) => changed.has(this.#rowId(row)))) {
      touched = true;
      if (this.#isWanted(tail.start, tail.start + tail.rows.length)) tail.stale = true;
      else this.#tail = null;
    }
    if (touched) this.#changed();
    this.#pump();
  }

  /**
   * Every loaded row may have changed (the time left of each row moves with the clock): loaded
   * blocks are refetched in place, as for markChanged, without dropping what is on screen.
   */
  invalidate(): void {
    if (this.#blocks.size === 0 && this.#tail === null) return;
    this.#changeSeq += 1;
    for (const [index, block] of [...this.#blocks]) {
      const start = index * this.blockSize;
      if (this.#isWanted(start, start + block.rows.length)) block.stale = true;
      else this.#blocks.delete(index);
    }
    if (this.#tail) {
      if (this.#isWanted(this.#tail.start, this.#tail.start + this.#tail.rows.length)) {
        this.#tail.stale = true;
      } else this.#tail = null;
    }
    this.#changed();
    this.#pump();
  }

  /** Recounts the list (the count comes only with a first page), e.g. after a sync. */
  async refreshTotal(): Promise<void> {
    const query = this.#query;
    const generation = this.#generation;
    if (query === null || !this.#totalKnown) return;
    const result = await this.#fetchPage({ query, cursor: null, limit: 1 });
    if (generation !== this.#generation || !result.ok || result.value.total === null) return;
    if (result.value.total !== this.#total) {
      this.#setTotal(result.value.total);
      this.#changed();
      this.#pump();
    }
  }

  /**
   * The rows at positions [start, end), e.g. for a shift-click range or "select all": from the
   * cache when loaded, else read page by page from the nearest known cursor (not cached: this is a
   * one-off, and the screen's blocks stay as they are). Fewer rows when the list is shorter.
   */
  async rowsBetween(start: number, end: number): Promise<Result<readonly Row[]>> {
    const from = Math.max(0, Math.floor(start));
    const to = Math.max(from, Math.ceil(end));
    const loaded: Row[] = [];
    for (let index = from; index < to; index += 1) {
      const row = this.getRow(index);
      if (row === undefined) break;
      loaded.push(row);
    }
    const query = this.#query;
    if (loaded.length === to - from || query === null) return { ok: true, value: loaded };
    let position = this.#anchorAtOrBefore(from);
    let cursor = this.#cursors.get(position) ?? null;
    const rows: Row[] = [];
    while (position < to) {
      const result = await this.#fetchPage({ query, cursor, limit: this.#walkSize });
      if (!result.ok) return result;
      const page = result.value.rows;
      page.forEach((row, offset) => {
        const at = position + offset;
        if (at >= from && at < to) rows.push(row);
      });
      position += page.length;
      cursor = result.value.nextCursor;
      if (cursor === null || page.length === 0) break;
    }
    return { ok: true, value: rows };
  }

  /** Tries again what failed; a failure is not retried on its own, so a dead host is not hammered. */
  retry(): void {
    this.#failed.clear();
    this.#error = null;
    if (this.#status === 'error') this.#status = 'loading';
    this.#changed();
    this.#pump();
  }

  // ---- Planning ----

  #reset(): void {
    this.#generation += 1;
    this.#status = 'loading';
    this.#total = 0;
    this.#totalKnown = false;
    this.#error = null;
    this.#blocks = new Map();
    this.#tail = null;
    this.#cursors = new Map([[0, null]]);
    this.#cursorAt = [0];
    this.#inflight = new Map();
    this.#failed = new Set();
    this.#wanted ??= {
      visibleStart: 0,
      visibleEnd: 0,
      marginStart: 0,
      marginEnd: this.blockSize,
      start: 0,
      end: this.blockSize,
    };
    this.#changed();
    this.#pump();
  }

  /** Starts as many requests as allowed, nearest to the screen first; `publish`: say if busy changed. */
  #pump(publish = true): void {
    if (this.#query === null || this.#status === 'error') return;
    while (this.#inflight.size < this.#maxConcurrent) {
      const plan = this.#nextPlan();
      if (!plan) break;
      this.#start(plan);
    }
    if (publish && this.#snapshot.fetching !== this.#waitedFor()) this.#publish(null);
  }

  #nextPlan(): Plan | null {
    const wanted = this.#wanted;
    if (!wanted) return null;
    // Before the count is known, only the first page can be asked for.
    const limit = this.#totalKnown ? this.#total : this.blockSize;
    const end = Math.min(wanted.end, limit);
    const visibleEnd = Math.min(wanted.visibleEnd, limit);
    const marginEnd = Math.min(wanted.marginEnd, limit);
    // The visible blocks first, then outwards from them, the scroll's direction first.
    const first = Math.floor(wanted.visibleStart / this.blockSize);
    const last = Math.floor((Math.max(wanted.visibleStart, visibleEnd) - 1) / this.blockSize);
    const lowest = Math.floor(wanted.start / this.blockSize);
    const highest = Math.floor((Math.max(wanted.start, end) - 1) / this.blockSize);
    const order: number[] = [];
    for (let index = first; index <= last; index += 1) order.push(index);
    const after: number[] = [];
    for (let index = last + 1; index <= highest; index += 1) after.push(index);
    const before: number[] = [];
    for (let index = first - 1; index >= lowest; index -= 1) before.push(index);
    if (this.#velocity < 0) order.push(...before, ...after);
    else order.push(...after, ...before);
    for (const index of order) {
      const position = index * this.blockSize;
      if (position >= end || position + this.blockSize <= wanted.start) continue;
      // Only the wanted rows of the block matter: the tail may cover them though not the block.
      const from = Math.max(position, wanted.start);
      const to = Math.min(position + this.blockSize, end);
      const kind =
        position < visibleEnd && position + this.blockSize > wanted.visibleStart
          ? 'visible'
          : position < marginEnd && position + this.blockSize > wanted.marginStart
            ? 'margin'
            : 'ahead';
      const plan = this.#planFor(position, from, to, end, kind);
      if (plan) return plan;
    }
    return null;
  }

  /**
   * What to ask for so that rows [from, to) of the block at `position` become fresh, if anything.
   * `kind`: the block is on screen, in the margin around it, or ahead of a steady scroll (only
   * ever reached by paging on: rows fetched ahead never cost the host a jump).
   */
  #planFor(
    position: number,
    from: number,
    to: number,
    wantedEnd: number,
    kind: 'visible' | 'margin' | 'ahead',
  ): Plan | null {
    const block = this.#blocks.get(position / this.blockSize);
    if (block && !block.stale) return null;
    if (this.#isInFlight(position)) return null;
    const tail = this.#tail;
    if (tail && from >= tail.start && to <= tail.start + tail.rows.length) {
      return tail.stale ? this.#ifFree({ kind: 'tail' }) : null;
    }

    const anchor = this.#anchorAtOrBefore(position);
    const distance = position - anchor;
    if (distance >= this.#walkSize) {
      // A cursor on its way just before the block (a jump, a page) reaches it with one call.
      if (this.#cursorComing(position)) return null;
      if (this.#tailWouldCover(from)) {
        const plan = this.#ifFree({ kind: 'tail' });
        if (plan || this.#inflight.has('tail')) return plan;
      }
      if (kind === 'ahead') {
        if (distance > this.#prefetchRows + this.#walkSize) return null;
        const walk = this.#walkFrom(anchor, position, wantedEnd);
        if (walk || !this.#secondChain()) return walk;
        // The pages nearer the screen are on their way, one after the other; a scroll this fast
        // would outrun them, so a second run of pages starts here, past them, with a jump.
        const jump = this.#jumpTo(position);
        return jump ? this.#ifFree(jump) : null;
      }
      if (this.#restless()) {
        // Paging on catches up with a scroll a page or two ahead; further, a steady scroll is
        // chased with one jump at a time, and anything else (a dragged scrollbar) waits.
        if (distance < 2 * this.#walkSize) return this.#walkFrom(anchor, position, wantedEnd);
        if (kind === 'visible' && this.#velocity !== 0 && this.#jumpTo(0)) {
          return this.#chase(position);
        }
        return this.#afterStillness();
      }
      const jump = this.#jumpTo(position);
      if (jump) {
        const plan = this.#ifFree(jump);
        if (plan || this.#inflight.has(planKey(jump))) return plan;
      }
    }
    return this.#walkFrom(anchor, position, wantedEnd);
  }

  /**
   * A steady scroll outran the pages: one jump at a time, to where the visible rows will be by
   * the time the jump and its page have answered, rather than paging through rows already passed.
   * Nothing while a known cursor lies on the way there: the scroll reaches rows loading anyway.
   */
  #chase(position: number): Plan | null {
    for (const flight of this.#inflight.values()) if (isJump(flight.plan)) return null;
    const lead = Math.round(this.#velocity * CHASE_LEAD_MS);
    const last = Math.max(0, this.#total - 1);
    const target =
      Math.floor(Math.min(last, Math.max(0, position + lead)) / this.blockSize) * this.blockSize;
    const low = Math.min(position, target);
    const high = Math.max(position, target);
    for (const flight of this.#inflight.values()) {
      if (flight.end > low && flight.start <= high) return null;
    }
    const known = this.#cursorAt[this.#indexAtOrBefore(high)] ?? 0;
    if (known > low) return null;
    const jump = this.#jumpTo(target);
    return jump ? this.#ifFree(jump) : null;
  }

  /**
   * Whether rows ahead may be fetched by a second run of pages: the scroll moves fast enough to
   * want more than a couple of pages ahead, and no other jump is under way (one at a time, so
   * the host is asked for at most one far position at once).
   */
  #secondChain(): boolean {
    if (Math.abs(this.#velocity) * this.#leadMs < 2 * this.#walkSize) return false;
    for (const flight of this.#inflight.values()) if (isJump(flight.plan)) return false;
    return true;
  }

  /** How to reach `position` in one go: a page there, a seek, or (no way) null. */
  #jumpTo(position: number): Plan | null {
    if (this.#jumpPages) return { kind: 'jump', position };
    return this.#seek ? { kind: 'seek', position } : null;
  }

  /** Whether a request under way will make a cursor known less than a walk before `position`. */
  #cursorComing(position: number): boolean {
    for (const flight of this.#inflight.values()) {
      const at = flight.plan.kind === 'seek' ? flight.start : flight.end;
      if (flight.plan.kind !== 'tail' && at <= position && position - at < this.#walkSize) {
        return true;
      }
    }
    return false;
  }

  /** The visible rows are on the move: far jumps wait (see `settleMs`). */
  #restless(): boolean {
    return this.#moving && performance.now() - this.#movedAt < this.#settleMs;
  }

  /** Plans again once the visible rows have stood still for `settleMs`; nothing until then. */
  #afterStillness(): null {
    if (this.#settleTimer === null) {
      const wait = this.#settleMs - (performance.now() - this.#movedAt);
      this.#settleTimer = setTimeout(
        () => {
          this.#settleTimer = null;
          this.#pump();
        },
        Math.max(0, wait) + 1,
      );
    }
    return null;
  }

  #tailWouldCover(from: number): boolean {
    return (
      this.#reverse !== undefined &&
      this.#totalKnown &&
      this.#tail === null &&
      from >= this.#total - this.#walkSize
    );
  }

  /**
   * The page that brings `position` closer: from the nearest known cursor at or before it, unless
   * a request under way will reveal a nearer one. Covers the run of wanted blocks after `position`
   * in one call when it can.
   */
  #walkFrom(anchor: number, position: number, wantedEnd: number): Plan | null {
    for (const flight of this.#inflight.values()) {
      if (flight.plan.kind === 'page' && flight.start >= anchor && flight.start < position)
        return null;
      if (isJump(flight.plan) && flight.start > anchor && flight.start <= position) return null;
    }
    let runEnd = position + this.blockSize;
    while (runEnd < wantedEnd && runEnd - anchor < this.#walkSize) {
      const next = this.#blocks.get(runEnd / this.blockSize);
      if (next && !next.stale) break;
      runEnd += this.blockSize;
    }
    const limit = Math.min(this.#walkSize, Math.max(this.blockSize, runEnd - anchor));
    return this.#ifFree({ kind: 'page', start: anchor, limit });
  }

  #ifFree(plan: Plan): Plan | null {
    const key = planKey(plan);
    return this.#inflight.has(key) || this.#failed.has(key) ? null : plan;
  }

  #anchorAtOrBefore(position: number): number {
    return this.#cursorAt[this.#indexAtOrBefore(position)] ?? 0;
  }

  /** Index in #cursorAt of the last known position ≤ `position` (0: position 0 is always known). */
  #indexAtOrBefore(position: number): number {
    const at = this.#cursorAt;
    let low = 0;
    let high = at.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((at[mid] ?? 0) <= position) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  #setCursor(position: number, cursor: string): void {
    if (!this.#cursors.has(position)) {
      const at = this.#cursorAt;
      at.splice(this.#indexAtOrBefore(position) + 1, 0, position);
    }
    this.#cursors.set(position, cursor);
  }

  #isInFlight(position: number): boolean {
    for (const flight of this.#inflight.values()) {
      if (flight.plan.kind !== 'seek' && position >= flight.start && position < flight.end)
        return true;
    }
    return false;
  }

  #isWanted(start: number, end: number): boolean {
    const wanted = this.#wanted;
    return wanted !== null && start < wanted.end && end > wanted.start;
  }

  // ---- Requests and answers ----

  #start(plan: Plan): void {
    const query = this.#query;
    if (query === null) return;
    const key = planKey(plan);
    const span =
      plan.kind === 'page'
        ? { start: plan.start, end: plan.start + plan.limit }
        : plan.kind === 'tail'
          ? { start: Math.max(0, this.#total - this.#walkSize), end: this.#total }
          : plan.kind === 'jump'
            ? { start: plan.position, end: plan.position + this.#walkSize }
            : { start: plan.position, end: plan.position };
    this.#inflight.set(key, { plan, ...span });
    const generation = this.#generation;
    const changeSeq = this.#changeSeq;
    // `apply` stores the answer and says which positions' rows it brought, if any.
    const settle = <T>(
      pending: Promise<Result<T>>,
      apply: (value: T, stale: boolean) => Span | null,
    ) => {
      void pending
        .catch((error: unknown): Result<T> => ({
          // Fetchers answer Results; a throw is a bug, shown to the officer rather than swallowed.
          ok: false,
          error: { code: 'INTERNAL', message: String(error) },
        }))
        .then((result) => {
          if (generation !== this.#generation) return;
          this.#inflight.delete(key);
          let rows: Span | null = null;
          if (result.ok) rows = apply(result.value, changeSeq !== this.#changeSeq);
          else this.#fail(key, result.error);
          this.#pump(false);
          this.#publish(rows);
        });
    };
    switch (plan.kind) {
      case 'page': {
        const cursor = this.#cursors.get(plan.start) ?? null;
        settle(this.#fetchPage({ query, cursor, limit: plan.limit }), (page, stale) =>
          this.#storePage(plan.start, page, stale),
        );
        break;
      }
      case 'tail': {
        const reversed = this.#reverse?.(query) ?? query;
        settle(
          this.#fetchPage({ query: reversed, cursor: null, limit: this.#walkSize }),
          (page, stale) => this.#storeTail(page, stale),
        );
        break;
      }
      case 'jump': {
        const { position } = plan;
        settle(
          this.#fetchPage({ query, cursor: null, position, limit: this.#walkSize }),
          (page, stale) => {
            if (page.rows.length > 0) return this.#storePage(position, page, stale);
            // Nothing there: the list is shorter than it was counted.
            this.#setTotal(Math.min(this.#total, position));
            return null;
          },
        );
        break;
      }
      case 'seek': {
        const seek = this.#seek;
        if (!seek) return;
        settle(seek({ query, position: plan.position }), (cursor) => {
          if (cursor === null) this.#setTotal(Math.min(this.#total, plan.position));
          else this.#setCursor(plan.position, cursor);
          return null;
        });
        break;
      }
    }
  }

  #fail(key: string, error: ApiError): void {
    this.#failed.add(key);
    this.#error = error;
    if (!this.#totalKnown) this.#status = 'error';
  }

  #storePage(start: number, page: Page<Row>, stale: boolean): Span {
    const { rows, nextCursor, total } = page;
    if (total !== null) {
      this.#setTotal(total);
      this.#status = 'ready';
    }
    for (let offset = 0; offset < rows.length; offset += this.blockSize) {
      const index = (start + offset) / this.blockSize;
      this.#blocks.delete(index);
      this.#blocks.set(index, { rows: rows.slice(offset, offset + this.blockSize), stale });
    }
    const end = start + rows.length;
    if (nextCursor === null) {
      // The list ends here, whatever the count said when it was taken.
      this.#setTotal(end);
      this.#status = 'ready';
    } else if (end % this.blockSize === 0) {
      this.#setCursor(end, nextCursor);
      if (end > this.#total) this.#setTotal(end);
    }
    this.#evict();
    return { start, end };
  }

  #storeTail(page: Page<Row>, stale: boolean): Span {
    if (page.total !== null) this.#setTotal(page.total);
    const rows = [...page.rows].reverse();
    this.#tail = { rows, start: this.#total - rows.length, stale };
    return { start: this.#tail.start, end: this.#total };
  }

  #setTotal(total: number): void {
    this.#totalKnown = true;
    if (total === this.#total) return;
    this.#total = total;
    // The tail's positions count from the end: a new count moves every one of them.
    this.#tail = null;
    for (const index of [...this.#blocks.keys()]) {
      if (index * this.blockSize >= total) this.#blocks.delete(index);
    }
  }

  #evict(): void {
    if (this.#blocks.size <= this.#maxBlocks) return;
    for (const index of this.#blocks.keys()) {
      if (this.#blocks.size <= this.#maxBlocks) break;
      const start = index * this.blockSize;
      if (!this.#isWanted(start, start + this.blockSize)) this.#blocks.delete(index);
    }
  }

  *#blockRange(start: number, end: number): Generator<number> {
    if (end <= start) return;
    const first = Math.floor(start / this.blockSize);
    const last = Math.floor((end - 1) / this.blockSize);
    for (let index = first; index <= last; index += 1) yield index;
  }

  #frontier(): number {
    const furthest = this.#cursorAt[this.#cursorAt.length - 1] ?? 0;
    return this.#totalKnown ? Math.min(furthest, this.#total) : furthest;
  }

  /** Anything may have changed (a new list, a reload, stale marks, a new count). */
  #changed(): void {
    this.#publish('all');
  }

  /**
   * Tells the listeners what changed: the rows at `rows` ('all': any row), or, with null, only
   * the list's own facts. The list's listeners hear of it when its snapshot changes, which rows
   * off screen never make it do; the grid's hear of every change.
   */
  #publish(rows: Span | 'all' | null): void {
    if (rows !== null) this.#rowsRevision += 1;
    if (rows === 'all' || (rows !== null && this.#onScreen(rows.start, rows.end))) {
      this.#revision += 1;
    }
    const next = this.#makeSnapshot();
    const listChanged = !sameSnapshot(next, this.#snapshot);
    if (listChanged) {
      this.#snapshot = next;
      for (const listener of [...this.#listeners]) listener();
    }
    if (rows !== null || listChanged) {
      for (const listener of [...this.#rowListeners]) listener();
    }
  }

  #onScreen(start: number, end: number): boolean {
    const wanted = this.#wanted;
    return wanted === null || (start < wanted.visibleEnd && end > wanted.visibleStart);
  }

  /** Whether the officer waits for a fetch: of rows on screen, of the list, or of any while rows on screen are missing. */
  #waitedFor(): boolean {
    if (this.#inflight.size === 0) return false;
    const wanted = this.#wanted;
    if (!this.#totalKnown || wanted === null) return true;
    const end = Math.min(wanted.visibleEnd, this.#total);
    for (const flight of this.#inflight.values()) {
      if (isJump(flight.plan)) return true;
      if (flight.start < end && flight.end > wanted.visibleStart) return true;
    }
    for (let index = wanted.visibleStart; index < end; index += 1) {
      if (this.getRow(index) === undefined) return true;
    }
    return false;
  }

  #makeSnapshot(): RowStoreSnapshot<Query> {
    return {
      query: this.#query,
      generation: this.#generation,
      status: this.#status,
      total: this.#total,
      error: this.#error,
      fetching: this.#waitedFor(),
      revision: this.#revision,
    };
  }
}
