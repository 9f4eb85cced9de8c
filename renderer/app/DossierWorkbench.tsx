import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierSortField } from '@shared/contract/api';
import { useApi } from '../api/context';
import { DossierPanel } from '../dossier/DossierPanel';
import { useFormatter } from '../format/useFormatter';
import { createChangeBatcher } from '../grid/change-batcher';
import { dossierColumns } from '../grid/columns';
import { DossierGrid } from '../grid/DossierGrid';
import { createDossierRowStore } from '../grid/dossier-source';
import {
  DEFAULT_DOSSIER_SORT,
  FIRST_CLICK_DIRECTION,
  toggleSort,
  type SortState,
} from '../grid/sort';
import { ErrorNotice } from '../ui/ErrorNotice';
import { RefreshIcon } from '../ui/icons';

/** Waits this long before following the keyboard selection with the panel, so holding ↓ stays smooth. */
const FOLLOW_DELAY_MS = 150;

/**
 * The dossier list and the open dossier side by side. Issue 5 puts the queues to the left of
 * this and passes the queue's filter into the query; nothing here assumes "all dossiers".
 */
export function DossierWorkbench() {
  const { t } = useTranslation();
  const f = useFormatter();
  const client = useApi();
  const [store] = useState(() => createDossierRowStore(client));
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [sort, setSort] = useState<SortState>(DEFAULT_DOSSIER_SORT);
  const [selected, setSelected] = useState<number | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    store.setQuery({ filter: {}, sort });
  }, [store, sort]);

  // Sync and other windows announce changed dossiers; loaded rows refresh where they stand.
  useEffect(() => {
    const batcher = createChangeBatcher((ids) => {
      store.markChanged(ids);
      void store.refreshTotal();
    });
    const unsubscribe = client.on('dossiers.changed', (payload) => batcher.add(payload.ids));
    return () => {
      unsubscribe();
      batcher.dispose();
    };
  }, [client, store]);

  const selectedId = selected === null ? undefined : store.getRow(selected)?.id;
  useEffect(() => {
    if (openId === null || selectedId === undefined || selectedId === openId) return;
    const timer = setTimeout(() => setOpenId(selectedId), FOLLOW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [openId, selectedId]);

  const onSort = (field: DossierSortField) => {
    setSort((current) => toggleSort(current, field, FIRST_CLICK_DIRECTION));
    setSelected(null);
  };
  const onOpen = (index: number) => {
    const row = store.getRow(index);
    if (row) setOpenId(row.id);
  };
  const onClose = () => {
    setOpenId(null);
    gridRef.current?.focus({ preventScroll: true });
  };
  const onRefresh = () => {
    setSelected(null);
    store.reload();
  };

  const sortedColumn = dossierColumns.find((c) => c.meta?.sortField === sort.field)?.meta;
  const { status, total, error } = snapshot;

  return (
    <div className={`workbench${openId ? ' workbench--with-panel' : ''}`}>
      <section className="workbench__list" aria-labelledby="workbench-title">
        <div className="toolbar">
          <div className="toolbar__heading">
            <h1 id="workbench-title" className="toolbar__title">
              {t('grid.title')}
            </h1>
            <span className="toolbar__count" data-testid="grid-row-count" aria-live="polite">
              {status === 'ready'
                ? t('grid.rowCount', { count: total, n: f.number(total) })
                : status === 'loading'
                  ? t('grid.counting')
                  : ''}
            </span>
          </div>
          <div className="toolbar__meta">
            {sortedColumn ? (
              <span className="toolbar__sort" data-testid="grid-sort-summary">
                {t('grid.sortedBy', {
                  column: t(sortedColumn.labelKey),
                  direction: t(`grid.direction.${sort.direction}`),
                })}
              </span>
            ) : null}
            <span className="toolbar__hint">{t('grid.keyboardHint')}</span>
            <button
              type="button"
              className="button button--ghost"
              onClick={onRefresh}
              data-testid="grid-refresh"
            >
              <RefreshIcon className={snapshot.fetching ? 'spin' : undefined} />
              {t('grid.refresh')}
            </button>
          </div>
        </div>
        {status === 'ready' && error ? (
          <div className="banner" data-testid="grid-page-error">
            <ErrorNotice error={error} onRetry={() => store.retry()} compact />
          </div>
        ) : null}
        <DossierGrid
          store={store}
          snapshot={snapshot}
          sort={sort}
          onSort={onSort}
          selected={selected}
          onSelect={setSelected}
          onOpen={onOpen}
          onClose={onClose}
          gridRef={gridRef}
        />
      </section>
      {openId ? <DossierPanel key="panel" id={openId} onClose={onClose} /> : null}
    </div>
  );
}
