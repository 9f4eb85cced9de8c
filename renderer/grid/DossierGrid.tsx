import {
  memo,
  useEffect,
  useMemo,
  useRef,
  type CSSProperties,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type Row,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { DossierSortField } from '@shared/contract/api';
import type { DossierRow } from '@shared/model';
import { useFormatter } from '../format/useFormatter';
import { ErrorNotice } from '../ui/ErrorNotice';
import { InboxIcon, SortIcon } from '../ui/icons';
import { useNow } from '../ui/useNow';
import { dossierColumns } from './columns';
import type { DossierQuery } from './dossier-source';
import { gridKeyIntent } from './keyboard';
import type { RowStore, RowStoreSnapshot } from './row-store';
import {
  createScrollScale,
  rowOffsetInScrollElement,
  scrollTopToReveal,
  visibleRows,
} from './scroll-scale';
import { ariaSort, isDossierSortField, type SortState } from './sort';
import { gridTemplate, type GridTableMeta } from './table-meta';

/** Fixed row height: measuring rows would cost layout at a million rows and break scroll scaling. */
export const ROW_HEIGHT = 40;
const SKELETON_ROWS = 12;

export function rowDomId(index: number): string {
  return `dossier-row-${index}`;
}

type DossierGridProps = Readonly<{
  store: RowStore<DossierRow, DossierQuery>;
  snapshot: RowStoreSnapshot<DossierQuery>;
  sort: SortState;
  onSort: (field: DossierSortField) => void;
  selected: number | null;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
  onClose: () => void;
  /** The grid's focusable element, so the workbench can give focus back after closing the panel. */
  gridRef: RefObject<HTMLDivElement | null>;
}>;

/**
 * The dossier grid: @tanstack/react-table gives the column model (headers, cells, and later
 * resizing, ordering, hiding, pinning); @tanstack/react-virtual decides which positions to draw;
 * the RowStore supplies rows by position, fetching keyset pages on demand. The table only ever
 * sees the rows on screen, so its cost does not grow with the list.
 */
export function DossierGrid({
  store,
  snapshot,
  sort,
  onSort,
  selected,
  onSelect,
  onOpen,
  onClose,
  gridRef,
}: DossierGridProps) {
  const { t } = useTranslation();
  const format = useFormatter();
  const now = useNow();
  const headerRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const { total, generation, revision, status } = snapshot;
  const scale = useMemo(() => createScrollScale(total, ROW_HEIGHT), [total]);

  // The virtualizer lays rows out in scroll space (scale.scrollRowHeight per row); rows are then
  // drawn at their real height by rowOffsetInScrollElement. Without scaling the two are the same.
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh each render, never memoized
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => bodyRef.current,
    estimateSize: () => scale.scrollRowHeight,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const viewport = virtualizer.scrollRect?.height ?? 0;
  const scrollTop = virtualizer.scrollOffset ?? 0;
  const firstDrawn = items[0]?.index ?? 0;
  const lastDrawn = items[items.length - 1]?.index ?? -1;
  const onScreen = visibleRows(scale, scrollTop, viewport) ?? [firstDrawn, lastDrawn];
  const [firstVisible, lastVisible] = onScreen;

  useEffect(() => {
    store.ensureRange(firstVisible, lastVisible + 1);
  }, [store, firstVisible, lastVisible, generation]);

  // A new order or a reload starts at the top.
  useEffect(() => {
    const body = bodyRef.current;
    if (body) body.scrollTop = 0;
  }, [generation]);

  const windowRows = useMemo(() => {
    const rows: DossierRow[] = [];
    for (let index = firstDrawn; index <= lastDrawn; index += 1) {
      const row = store.getRow(index);
      if (row) rows.push(row);
    }
    return rows;
    // `revision` is the store's signal that rows behind the same positions changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, firstDrawn, lastDrawn, revision]);

  const sorting = useMemo<SortingState>(() => {
    const sorted = dossierColumns.find((c) => c.meta?.sortField === sort.field);
    return sorted?.id ? [{ id: sorted.id, desc: sort.direction === 'desc' }] : [];
  }, [sort]);

  // Stable while nothing it holds changes, so rows that stay on screen are not re-rendered.
  const tableMeta = useMemo<GridTableMeta>(() => ({ t, format, now }), [t, format, now]);
  const table = useReactTable({
    data: windowRows,
    columns: dossierColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting },
    meta: tableMeta,
  });
  const rowsById = table.getRowModel().rowsById;
  const leafColumns = table.getVisibleLeafColumns();
  const columnsKey = leafColumns.map((c) => c.id).join(',');
  const metas = leafColumns.map((c) => c.columnDef.meta);
  const layout = {
    '--grid-columns': gridTemplate(metas),
    '--grid-min-width': `${metas.reduce((sum, meta) => sum + (meta?.width ?? 120), 0)}px`,
  } as CSSProperties;

  const reveal = (index: number) => {
    const body = bodyRef.current;
    if (!body) return;
    const target = scrollTopToReveal(scale, index, body.scrollTop, body.clientHeight);
    if (target !== null) body.scrollTop = target;
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys on the header buttons keep their own meaning (Enter sorts there, it does not open).
    if (event.target !== event.currentTarget) return;
    const intent = gridKeyIntent(event.key, {
      selected,
      rowCount: total,
      pageRows: Math.floor(viewport / ROW_HEIGHT),
    });
    if (!intent) return;
    event.preventDefault();
    switch (intent.kind) {
      case 'select':
        reveal(intent.index);
        onSelect(intent.index);
        break;
      case 'open':
        if (selected !== null) onOpen(selected);
        break;
      case 'close':
        onClose();
        break;
    }
  };

  const activeDescendant =
    selected !== null && selected >= firstDrawn && selected <= lastDrawn
      ? rowDomId(selected)
      : undefined;
  const seeking = status === 'ready' && snapshot.fetching && firstVisible >= snapshot.frontier;

  return (
    <div
      ref={gridRef}
      className="grid"
      role="grid"
      aria-label={t('grid.label')}
      aria-rowcount={total + 1}
      aria-colcount={leafColumns.length}
      aria-busy={status === 'loading' || snapshot.fetching}
      aria-activedescendant={activeDescendant}
      tabIndex={0}
      onKeyDown={handleKeyDown}
      data-testid="dossier-grid"
      data-status={status}
      style={layout}
    >
      <div className="grid__header" role="rowgroup" ref={headerRef}>
        <div className="grid__row grid__row--header" role="row" aria-rowindex={1}>
          {table.getFlatHeaders().map((header) => {
            const meta = header.column.columnDef.meta;
            const field = isDossierSortField(meta?.sortField) ? meta.sortField : undefined;
            const direction = ariaSort(sort, field);
            const label = meta ? t(meta.labelKey) : header.column.id;
            return (
              <div
                key={header.id}
                role="columnheader"
                aria-sort={direction}
                className={`grid__cell grid__cell--header${direction !== 'none' ? ' is-sorted' : ''}`}
                data-testid={`sort-header-${header.column.id}`}
                data-column={header.column.id}
              >
                {field ? (
                  <button
                    type="button"
                    className="grid__sort"
                    onClick={() => onSort(field)}
                    title={t('grid.sortHint')}
                  >
                    <span>{label}</span>
                    <SortIcon
                      className="grid__sort-icon"
                      direction={
                        direction === 'none' ? 'none' : direction === 'ascending' ? 'asc' : 'desc'
                      }
                    />
                  </button>
                ) : (
                  <span>{label}</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div
        className="grid__body"
        role="rowgroup"
        ref={bodyRef}
        tabIndex={-1}
        onScroll={(event) => {
          if (headerRef.current) headerRef.current.scrollLeft = event.currentTarget.scrollLeft;
        }}
      >
        <div className="grid__sizer" style={{ height: scale.scrollHeight }}>
          {items.map((item) => {
            const index = item.index;
            const row = store.getRow(index);
            const tableRow = row ? rowsById[row.id] : undefined;
            const top = rowOffsetInScrollElement(scale, index, scrollTop, viewport);
            const parity = index % 2 === 1 ? ' grid__row--odd' : '';
            if (!row || !tableRow) {
              return (
                <div
                  key={`p${index}`}
                  role="row"
                  aria-rowindex={index + 2}
                  aria-busy="true"
                  className={`grid__row grid__row--placeholder${parity}`}
                  data-testid="dossier-row-placeholder"
                  data-row-index={index}
                  style={{ transform: `translateY(${top}px)` }}
                >
                  {leafColumns.map((c) => (
                    <div key={c.id} role="gridcell" className="grid__cell">
                      <span className="skeleton" />
                    </div>
                  ))}
                </div>
              );
            }
            const isSelected = selected === index;
            return (
              <div
                key={row.id}
                id={rowDomId(index)}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={isSelected}
                className={`grid__row${parity}${isSelected ? ' is-selected' : ''}`}
                data-testid="dossier-row"
                data-row-index={index}
                data-dossier-id={row.id}
                style={{ transform: `translateY(${top}px)` }}
                onClick={() => {
                  onSelect(index);
                  onOpen(index);
                  gridRef.current?.focus({ preventScroll: true });
                }}
              >
                <RowCells row={tableRow} original={row} meta={tableMeta} columnsKey={columnsKey} />
              </div>
            );
          })}
        </div>
        {status === 'loading' && (
          <div className="grid__overlay grid__overlay--skeleton" data-testid="grid-loading">
            <span className="visually-hidden">{t('grid.loading')}</span>
            {Array.from({ length: SKELETON_ROWS }, (_, i) => (
              <div
                key={i}
                className={`grid__row grid__row--placeholder${i % 2 ? ' grid__row--odd' : ''}`}
              >
                {leafColumns.map((c) => (
                  <div key={c.id} className="grid__cell">
                    <span className="skeleton" />
                  </div>
                ))}
              </div>
            ))}
          </div>
        )}
        {status === 'error' && snapshot.error && (
          <div className="grid__overlay grid__overlay--center" data-testid="grid-error">
            <ErrorNotice error={snapshot.error} onRetry={() => store.retry()} />
          </div>
        )}
        {status === 'ready' && total === 0 && (
          <div className="grid__overlay grid__overlay--center" data-testid="grid-empty">
            <div className="empty-state">
              <InboxIcon width={36} height={36} />
              <p className="empty-state__title">{t('grid.empty.title')}</p>
              <p className="empty-state__hint">{t('grid.empty.hint')}</p>
            </div>
          </div>
        )}
      </div>
      {seeking && (
        <div className="grid__seeking" role="status" data-testid="grid-seeking">
          <span className="spinner" aria-hidden="true" />
          {t('grid.loadingRows', {
            from: format.number(firstVisible + 1),
            to: format.number(lastVisible + 1),
          })}
        </div>
      )}
    </div>
  );
}

type RowCellsProps = Readonly<{
  row: Row<DossierRow>;
  /** The store's row object: a new one arrives only when the dossier changed. */
  original: DossierRow;
  meta: GridTableMeta;
  columnsKey: string;
}>;

/**
 * A row's cells, re-rendered only when the dossier, the columns or the shared cell context
 * (language, clock) change. Scrolling moves rows (their wrapper's transform) without re-rendering
 * them; TanStack's Row objects are rebuilt with each window of rows, so they are not compared.
 */
const RowCells = memo(
  function RowCells({ row }: RowCellsProps) {
    return row.getVisibleCells().map((cell) => (
      <div
        key={cell.column.id}
        role="gridcell"
        className={`grid__cell grid__cell--${cell.column.id}`}
        data-testid={`cell-${cell.column.id}`}
      >
        {flexRender(cell.column.columnDef.cell, cell.getContext())}
      </div>
    ));
  },
  (before, after) =>
    before.original === after.original &&
    before.meta === after.meta &&
    before.columnsKey === after.columnsKey,
);
