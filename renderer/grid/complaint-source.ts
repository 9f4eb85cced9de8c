import type { ApiClient } from '@shared/contract/client';
import type { ComplaintFilter, ComplaintListRow, ComplaintSortField } from '@shared/contract/api';
import { call } from '../api/call';
import { PAGE_SIZE, WALK_SIZE } from './dossier-source';
import { RowStore, type FetchPage, type SeekCursor } from './row-store';
import type { SortState } from './sort';

/** What defines one list of complaints: a queue's filter and the officer's sort. */
export interface ComplaintQuery {
  readonly filter: ComplaintFilter;
  readonly sort: SortState<ComplaintSortField>;
}

export function complaintPageFetcher(
  client: ApiClient,
): FetchPage<ComplaintListRow, ComplaintQuery> {
  return ({ query, cursor, limit }) =>
    call(client, 'complaints.list', { filter: query.filter, sort: query.sort, cursor, limit });
}

/** A far jump in one call (complaints.seek), as for dossiers. */
export function complaintSeeker(client: ApiClient): SeekCursor<ComplaintQuery> {
  return async ({ query, position }) => {
    const result = await call(client, 'complaints.seek', {
      filter: query.filter,
      sort: query.sort,
      position,
    });
    return result.ok ? { ok: true, value: result.value.cursor } : result;
  };
}

/** Exactly the opposite order (the core orders by key and id), for the list's last rows. */
export function reverseComplaintQuery(query: ComplaintQuery): ComplaintQuery {
  const direction = query.sort.direction === 'asc' ? 'desc' : 'asc';
  return { ...query, sort: { ...query.sort, direction } };
}

/** The same keyset page cache as the dossier grid's, over complaints.list. */
export function createComplaintRowStore(
  client: ApiClient,
): RowStore<ComplaintListRow, ComplaintQuery> {
  return new RowStore({
    fetchPage: complaintPageFetcher(client),
    reverse: reverseComplaintQuery,
    seek: complaintSeeker(client),
    rowId: (row) => row.id,
    blockSize: PAGE_SIZE,
    walkSize: WALK_SIZE,
    maxBlocks: 60,
    maxConcurrentFetches: 2,
  });
}
