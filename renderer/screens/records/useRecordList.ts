import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ApiClient } from '@shared/contract/client';
import type { KindName } from '@shared/kinds';
import { createChangeBatcher } from '../../grid/change-batcher';
import { mergeFilter } from '../../grid/filters';
import type { GridRow } from '../../grid/RecordGrid';
import type { RowStore, RowStoreSnapshot } from '../../grid/row-store';
import { UI_KINDS } from '../../kinds';
import { onChanged } from '../../kinds/contract';
import type { KindQuery, UiKind } from '../../kinds/kind';
import { createRowStore } from '../../kinds/row-source';
import type { QueueItem } from '../../queues/queue-model';
import type { ViewState } from '../../queues/view-state';

/**
 * The core computes each row's time left when the row is read; rows on screen are read again this
 * often so "còn 2 giờ" does not stand still through an afternoon.
 */
const TIME_LEFT_REFRESH_MS = 5 * 60_000;

type Stores = Readonly<Record<KindName, RowStore<GridRow, KindQuery>>>;

/** One row store per kind, made once; rows refresh in place when sync changes their records. */
function useRowStores(client: ApiClient): Stores {
  const [stores] = useState(
    () =>
      Object.fromEntries(
        UI_KINDS.map((kind) => [kind.name, createRowStore(client, kind.shared.plural)]),
      ) as Stores,
  );

  useEffect(() => {
    const timer = setInterval(() => {
      for (const kind of UI_KINDS) stores[kind.name].invalidate();
    }, TIME_LEFT_REFRESH_MS);
    return () => clearInterval(timer);
  }, [stores]);

  // A moved clock (the trainers' sandbox) changes every row's time left and the queues that
  // hold it (due soon, overdue): rows on screen and totals are read again at once.
  useEffect(
    () =>
      client.on('app.clock', () => {
        for (const kind of UI_KINDS) {
          stores[kind.name].invalidate();
          void stores[kind.name].refreshTotal();
        }
      }),
    [client, stores],
  );

  useEffect(() => {
    const offs = UI_KINDS.map((kind) => {
      const store = stores[kind.name];
      const batch = createChangeBatcher((ids) => {
        store.markChanged(ids);
        void store.refreshTotal();
      });
      const off = onChanged(client, kind.shared.plural, (ids) => batch.add([...ids]));
      return () => {
        off();
        batch.dispose();
      };
    });
    return () => {
      for (const off of offs) off();
    };
  }, [client, stores]);

  return stores;
}

export interface RecordList {
  readonly store: RowStore<GridRow, KindQuery>;
  readonly snapshot: RowStoreSnapshot<KindQuery>;
  /** Names this list (kind and generation): a new query or a reload makes a new one. */
  readonly key: string;
}

/**
 * The open queue's rows: its kind's store, asked for the queue's filter narrowed by the column
 * filters and the officer's sort, and reloaded when the officer asks (`reloads` counts the asks).
 */
export function useRecordList(
  client: ApiClient,
  kind: UiKind,
  queue: QueueItem,
  view: ViewState,
  reloads: number,
): RecordList {
  const stores = useRowStores(client);
  const store = stores[kind.name];
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);

  const filterKey = JSON.stringify([queue.view.filter, view.filters]);
  const sortKey = `${view.sort.field}:${view.sort.direction}`;
  useEffect(() => {
    const field = kind.isSortField(view.sort.field) ? view.sort.field : queue.view.sort.field;
    store.setQuery({
      filter: mergeFilter(queue.view.filter, view.filters),
      sort: { field, direction: view.sort.direction },
    });
    // The keys stand for the objects: a new object with the same content must not refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, filterKey, sortKey, store]);

  const reloaded = useRef(reloads);
  useEffect(() => {
    if (reloaded.current === reloads) return;
    reloaded.current = reloads;
    store.reload();
  }, [reloads, store]);

  return { store, snapshot, key: `${kind.name}:${snapshot.generation}` };
}
