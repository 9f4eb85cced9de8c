import type { ApiClient } from '@shared/contract/client';
import type { GridRow } from '../grid/RecordGrid';
import { RowStore, type FetchPage, type SeekCursor } from '../grid/row-store';
import { listPage, seekCursor, type Plural } from './contract';
import type { KindQuery } from './kind';

/** Rows per page: a screenful many times over, small enough to answer in a few milliseconds. */
export const PAGE_SIZE = 200;
/** Rows per call when walking to a far position; the contract allows up to 500. */
export const WALK_SIZE = 400;
/**
 * Rows fetched ahead of a steady scroll at most (about what a fast scroll passes in the lead
 * time), well inside the blocks kept so that rows fetched ahead never push out those on screen.
 */
export const PREFETCH_ROWS = 4_000;

/** Pages of one kind's list (`<plural>.list`) for the query, from a cursor. */
export function pageFetcher(client: ApiClient, plural: Plural): FetchPage<GridRow, KindQuery> {
  return ({ query, cursor, position, limit }) =>
    listPage(client, plural, {
      filter: query.filter,
      sort: query.sort,
      ...(position !== undefined ? { position } : { cursor }),
      limit,
    });
}

/**
 * A far jump in one call: the core finds the cursor at a row of the same filter and sort
 * (`<plural>.seek`, an index-only walk), so the grid need not page through everything before it.
 */
export function seeker(client: ApiClient, plural: Plural): SeekCursor<KindQuery> {
  return async ({ query, position }) => {
    const result = await seekCursor(client, plural, {
      filter: query.filter,
      sort: query.sort,
      position,
    });
    return result.ok ? { ok: true, value: result.value.cursor } : result;
  };
}

/**
 * The same list in exactly the opposite order. The core orders by (sort key, id) in one
 * direction, so flipping the direction reverses the list row for row; the store uses that to
 * load the last rows (End, the oldest records) with one call.
 */
export function reverseQuery<Q extends KindQuery>(query: Q): Q {
  const direction = query.sort.direction === 'asc' ? 'desc' : 'asc';
  return { ...query, sort: { ...query.sort, direction } };
}

/** The keyset page cache behind one kind's grid. */
export function createRowStore(client: ApiClient, plural: Plural): RowStore<GridRow, KindQuery> {
  return new RowStore({
    fetchPage: pageFetcher(client, plural),
    reverse: reverseQuery,
    seek: seeker(client, plural),
    // The list answers a page at a position: a far jump is one call.
    jumpPages: true,
    rowId: (row) => row.id,
    blockSize: PAGE_SIZE,
    walkSize: WALK_SIZE,
    maxBlocks: 60,
    maxConcurrentFetches: 2,
    prefetchRows: PREFETCH_ROWS,
  });
}
