import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { createChangeBatcher } from '../../grid/change-batcher';
import { defaultLayout, reduceLayout, type Layout, type LayoutAction } from '../../grid/layout';
import { RecordGrid, type GridSort } from '../../grid/RecordGrid';
import type { SortDirection } from '../../grid/sort';
import { uiKind } from '../../kinds';
import { onChanged } from '../../kinds/contract';
import { createRowStore } from '../../kinds/row-source';
import { RecordPanel } from '../../record/RecordPanel';
import { useFormatter } from '../../format/useFormatter';
import { CloseIcon } from '../../ui/icons';
import type { Drill } from './dashboard-model';

/**
 * The grid a figure opens: the records of exactly the filter the figure was counted with, in
 * the kind's own grid (sortable, the record opens beside it), refreshed as sync brings changes.
 * Its count is the list's total, so the officer sees it equal the number they clicked.
 */
export function DrillDown({
  drill,
  onClose,
  signedIn,
  officerId,
}: Readonly<{ drill: Drill; onClose: () => void; signedIn: boolean; officerId: string | null }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  const client = useApi();
  const kind = uiKind(drill.kind);
  const [store] = useState(() => createRowStore(client, kind.shared.plural));
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [layout, setLayout] = useState<Layout>(() => defaultLayout(kind.specs));
  const firstSort = kind.columns.find((c) => c.meta?.sortField === 'receivedAt');
  const [sort, setSort] = useState<{ columnId: string; field: string; direction: SortDirection }>({
    columnId: firstSort?.id ?? 'receivedAt',
    field: 'receivedAt',
    direction: 'desc',
  });
  const [cursor, setCursor] = useState<number | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const gridRef = useRef<HTMLDivElement | null>(null);
  const filterKey = JSON.stringify(drill.filter);

  useEffect(() => {
    store.setQuery({
      filter: drill.filter,
      sort: { field: sort.field, direction: sort.direction },
    });
    // The key stands for the filter object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, filterKey, sort.field, sort.direction]);

  useEffect(() => {
    const batch = createChangeBatcher((ids) => {
      store.markChanged(ids);
      void store.refreshTotal();
    });
    const off = onChanged(client, kind.shared.plural, (ids) => batch.add([...ids]));
    return () => {
      off();
      batch.dispose();
    };
  }, [client, kind.shared.plural, store]);

  useEffect(() => {
    gridRef.current?.focus({ preventScroll: true });
  }, []);

  const gridSort: GridSort = { columnId: sort.columnId, direction: sort.direction };
  const onSort = (columnId: string, direction?: SortDirection) => {
    const field = kind.columns.find((c) => c.id === columnId)?.meta?.sortField;
    if (!field) return;
    setSort((s) => ({
      columnId,
      field,
      direction: direction ?? (s.columnId === columnId && s.direction === 'desc' ? 'asc' : 'desc'),
    }));
  };
  const onLayout = (action: LayoutAction) => setLayout((l) => reduceLayout(kind.specs, l, action));
  const total = snapshot.total;
  const countText = useMemo(
    () =>
      total === null
        ? ''
        : drill.kind === 'dossier'
          ? t('supervision.drill.count', { n: f.number(total) })
          : t('supervision.drill.countComplaints', { n: f.number(total) }),
    [total, drill.kind, t, f],
  );

  return (
    <div className="drill" data-testid="drill-down" data-kind={drill.kind}>
      <div className="drill__bar">
        <button
          type="button"
          className="button button--quiet"
          onClick={onClose}
          data-testid="drill-close"
        >
          <CloseIcon width={16} height={16} />
          {t('supervision.drill.back')}
        </button>
        <h2 className="drill__title" data-testid="drill-title">
          {t('supervision.drill.title', { label: drill.label })}
        </h2>
        <span
          className="drill__count"
          data-testid="drill-count"
          data-total={total ?? ''}
          data-expected={drill.count}
          aria-live="polite"
        >
          {countText}
        </span>
      </div>
      <div className={`drill__body${open ? ' drill__body--with-panel' : ''}`}>
        <RecordGrid
          entity={kind.name}
          label={drill.label}
          store={store}
          snapshot={snapshot}
          columns={kind.columns}
          specs={kind.specs}
          layout={layout}
          onLayout={onLayout}
          sort={gridSort}
          onSort={onSort}
          selected={cursor}
          onSelect={setCursor}
          onOpen={(index) => {
            const row = store.getRow(index);
            if (row) setOpen(row.id);
          }}
          onClose={() => (open ? setOpen(null) : onClose())}
          officerId={officerId}
          emptyTitle={t('grid.empty.filteredTitle')}
          emptyHint={t('grid.empty.filteredHint')}
          gridRef={gridRef}
        />
        {open ? (
          <RecordPanel
            key={`${kind.name}-drill-panel`}
            kind={kind}
            id={open}
            onClose={() => setOpen(null)}
            signedIn={signedIn}
            request={null}
            onRequestUsed={() => undefined}
          />
        ) : null}
      </div>
    </div>
  );
}
