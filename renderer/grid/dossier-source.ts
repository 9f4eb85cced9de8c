import type { ApiClient } from '@shared/contract/client';
import type { DossierFilter, DossierListRow } from '@shared/contract/api';
import { call } from '../api/call';
import { RowStore, type FetchPage, type SeekCursor } from './row-store';
import type { SortState } from './sort';

/** What defines one list of dossiers: a queue's filter (issue 5) and the officer's sort. */
export interface DossierQuery {
  readonly filter: DossierFilter;
  readonly sort: SortState;
}

/** Rows per page: a screenful many times over, small enough to answer in a few milliseconds. */
export const PAGE_SIZE = 200;
/** Rows per call when walking to a far position; the contract allows up to 500. */
export const WALK_SIZE = 400;

export function dossierPageFetcher(client: ApiClient): FetchPage<DossierListRow, DossierQuery> {
  return ({ query, cursor, limit }) =>
    call(client, 'dossiers.list', { filter: query.filter, sort: query.sort, cursor, limit });
}

/**
 * A far jump in one call: the core finds the cursor at a row of the same filter and sort
 * (dossiers.seek, an index-only walk), so the grid need not page through everything before it.
 */
export function dossierSeeker(client: ApiClient): SeekCursor<DossierQuery> {
  return async ({ query, position }) => {
    const result = await call(client, 'dossiers.seek', {
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
 * load the last rows (End, the oldest dossiers) with one call.
 */
export function reverseDossierQuery(query: DossierQuery): DossierQuery {
  const direction = query.sort.direction === 'asc' ? 'desc' : 'asc';
  return { ...query, sort: { ...query.sort, direction } };
}

export function createDossierRowStore(client: ApiClient): RowStore<DossierListRow, DossierQuery> {
  return new RowStore({
    fetchPage: dossierPageFetcher(client),
    reverse: reverseDossierQuery,
    seek: dossierSeeker(client),
    rowId: (row) => row.id,
    blockSize: PAGE_SIZE,
    walkSize: WALK_SIZE,
    maxBlocks: 60,
    maxConcurrentFetches: 2,
  });
}
