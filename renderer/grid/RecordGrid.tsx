import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type Dispatch,
  type DragEvent,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  type ReactNode,
  type RefObject,
  type SetStateAction,
  useSyncExternalStore,
} from 'react';
import {
  createRow,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type Row as TableRow,
  type SortingState,
} from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { KindName } from '@shared/kinds';
import { useFormatter } from '../format/useFormatter';
import { ErrorNotice } from '../ui/ErrorNotice';
import { InboxIcon, PinIcon, SortIcon } from '../ui/icons';
import { useNow } from '../ui/useNow';
import { ColumnMenu } from './ColumnMenu';
import { gridKeyIntent } from './keyboard';
import {
  columnShrinks,
  columnTrack,
  columnWidth,
  displayOrder,
  SELECT_COLUMN_WIDTH,
  stickyOffsets,
  type ColumnSpec,
  type Layout,
  type LayoutAction,
  type Pin,
} from './layout';
import type { RowStore, RowStoreSnapshot } from './row-store';
import { createScrollScale, scrollTopToReveal } from './scroll-scale';
import { memoizeTranslate } from './memo-translate';
import { headerState, isChecked, type Selection } from './selection';
import type { SortDirection } from './sort';
import type { GridColumnMeta, GridTableMeta } from './table-meta';
import { useRowWindow } from './useRowWindow';
import { RecentMap } from './recent-map';

/** Fixed row height: measuring rows would cost layout at a million rows and break scroll scaling. */
export const ROW_HEIGHT = 40;
const SKELETON_ROWS = 12;
/** How long the last list's rows stay drawn while a new list's first rows are on their way. */
const HOLD_MS = 150;
const RESIZE_STEP = 16;
/** Rows drawn beyond each edge of the viewport, so a short scroll shows rows, not a gap. */
const OVERSCAN = 6;
/** TanStack rows kept for rows drawn lately: several windows' worth, for a scroll back. */
const TABLE_ROWS_KEPT = 600;
const NO_ROWS: readonly never[] = [];

export interface GridRow {
  readonly id: string;
  readonly number: string;
  readonly pending: boolean;
}

export function rowDomId(entity: KindName, index: number): string {
  return `${entity}-row-${index}`;
}

/** The columns' layout facts, from their definitions' meta. */
export function columnSpecs<Row>(columns: readonly ColumnDef<Row>[]): ColumnSpec[] {
  return columns.map((column) => ({
    id: column.id ?? '',
    width: column.meta?.width ?? 120,
    ...(column.meta?.grow ? { grow: column.meta.grow } : {}),
    hideable: column.meta?.hideable !== false,
    ...(column.meta?.defaultHidden ? { defaultHidden: true } : {}),
  }));
}

export interface GridSort {
  readonly columnId: string | null;
  readonly direction: SortDirection;
}

type RecordGridProps<Row extends GridRow, Query> = Readonly<{
  /** The kind of record listed: its rows' test ids and data attributes say it. */
  entity: KindName;
  label: string;
  store: RowStore<Row, Query>;
  snapshot: RowStoreSnapshot<Query>;
  columns: ColumnDef<Row>[];
  specs: readonly ColumnSpec[];
  layout: Layout;
  onLayout: (action: LayoutAction) => void;
  sort: GridSort;
  /** A sortable column's header was clicked (no direction: toggle), or a direction was picked. */
  onSort: (columnId: string, direction?: SortDirection) => void;
  /** The filter control of a filterable column's header, if any. */
  renderFilter?: (columnId: string) => ReactNode;
  selected: number | null;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
  onClose: () => void;
  /** Multi-selection (bulk actions); absent where the grid has none. */
  selection?: Selection;
  onCheck?: (index: number, mode: 'toggle' | 'range') => void;
  onCheckAll?: () => void;
  officerId: string | null;
  emptyTitle: string;
  emptyHint: string;
  /** Shown instead of the empty state when there are no rows yet (the first sync's progress). */
  placeholder?: ReactNode;
  /** The grid's focusable element, so the workbench can give focus back after closing the panel. */
  gridRef: RefObject<HTMLDivElement | null>;
}>;

/**
 * A record grid: @tanstack/react-table gives the column model (order, visibility, pinning from
 * the officer's layout); useRowWindow decides which positions to draw (a fixed number of them,
 * from the scroll position alone: rows have one height, so there is nothing per row to measure);
 * the RowStore supplies rows by position, fetching keyset pages on demand. The table only ever
 * sees the rows on screen, so its cost does not grow with the list.
 */
export function RecordGrid<Row extends GridRow, Query>({
  entity,
  label,
  store,
  snapshot,
  columns,
  specs,
  layout,
  onLayout,
  sort,
  onSort,
  renderFilter,
  selected,
  onSelect,
  onOpen,
  onClose,
  selection,
  onCheck,
  onCheckAll,
  officerId,
  emptyTitle,
  emptyHint,
  placeholder,
  gridRef,
}: RecordGridProps<Row, Query>) {
  const { t } = useTranslation();
  const format = useFormatter();
  const now = useNow();
  const headerRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const slabRef = useRef<HTMLDivElement>(null);
  const { generation, status } = snapshot;
  // Rows arriving off screen (fetched ahead of the scroll) change no snapshot: this draws them.
  useSyncExternalStore(store.subscribeRows, store.getRowsRevision);
  // A new order or filter: the rows drawn for the last list stay a moment (the grid says it is
  // busy), so that a quick answer replaces them in one redraw, not through a skeleton first,
  // which cost as much again to lay out and paint. A slow one brings the skeleton after HOLD_MS.
  const ready = useRef<{ total: number; drawn: ReactNode[] } | null>(null);
  const [holdOver, setHoldOver] = useState<number | null>(null);
  const held = status === 'loading' && holdOver !== generation ? ready.current : null;
  useEffect(() => {
    if (status !== 'loading') return;
    const timer = setTimeout(() => setHoldOver(generation), HOLD_MS);
    return () => clearTimeout(timer);
  }, [status, generation]);
  const total = held ? held.total : snapshot.total;
  const scale = useMemo(() => createScrollScale(total, ROW_HEIGHT), [total]);
  // A column being resized: drawn at this width until the pointer is released.
  const [dragWidth, setDragWidth] = useState<{ id: string; width: number } | null>(null);

  // Which rows to draw: a fixed-size window around the visible ones, recomputed in O(1) from the
  // scroll position (rows all have one height, so nothing per row is measured or kept: a per-row
  // measurement cache would be rebuilt for every new list of a million rows).
  const [view, scroll] = useRowWindow(
    { body: bodyRef, slab: slabRef, header: headerRef },
    scale,
    OVERSCAN,
  );
  const viewport = view.viewport;
  // Until the window catches up with a new count (the same commit), never draw past the end.
  const firstDrawn = Math.min(view.start, total);
  const lastDrawn = Math.min(view.end, total) - 1;
  const firstVisible = Math.min(view.first, Math.max(0, total - 1));
  const lastVisible = Math.min(view.last, total - 1);

  useEffect(() => {
    store.ensureRange(firstVisible, lastVisible + 1);
  }, [store, firstVisible, lastVisible, generation]);

  // A new order or a reload starts at the top.
  useEffect(() => {
    scroll.scrollToTop();
  }, [scroll, generation]);

  const sorting = useMemo<SortingState>(
    () => (sort.columnId ? [{ id: sort.columnId, desc: sort.direction === 'desc' }] : []),
    [sort.columnId, sort.direction],
  );

  const tableState = useMemo(() => {
    const shown = layout.filter((c) => !c.hidden);
    return {
      columnOrder: layout.map((c) => c.id),
      columnVisibility: Object.fromEntries(layout.map((c) => [c.id, !c.hidden])),
      columnPinning: {
        left: shown.filter((c) => c.pin === 'left').map((c) => c.id),
        right: shown.filter((c) => c.pin === 'right').map((c) => c.id),
      },
    };
  }, [layout]);

  // Stable while nothing it holds changes, so rows that stay on screen are not re-rendered.
  const cellT = useMemo(() => memoizeTranslate(t), [t]);
  const tableMeta = useMemo<GridTableMeta>(
    () => ({ t: cellT, format, now, officerId }),
    [cellT, format, now, officerId],
  );
  // The table is the column model only (order, visibility, pinning): its data stays empty, so
  // scrolling rebuilds no row model. Each drawn row gets its TanStack row from tableRowFor.
  // eslint-disable-next-line react-hooks/incompatible-library -- the table is read fresh each render, never memoized
  const table = useReactTable({
    data: NO_ROWS as unknown as Row[],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting, ...tableState },
    meta: tableMeta,
  });
  // One TanStack row per store row, made when it is first drawn and kept while it was drawn
  // lately (a record that changed comes as a new object): a row scrolled back into view draws
  // from the same row and cells, which follow the table's columns by themselves. Only lately:
  // a TanStack row and its cells are dozens of functions, and keeping one for every row the
  // store holds (thousands after a slow scroll) filled the heap, whose collections then held
  // the scroll up.
  const [tableRows] = useState(() => new RecentMap<Row, TableRow<Row>>(TABLE_ROWS_KEPT));
  const tableRowFor = (row: Row): TableRow<Row> => {
    let made = tableRows.get(row);
    if (!made) {
      made = createRow(table, row.id, row, 0, 0);
      tableRows.set(row, made);
    }
    return made;
  };
  const leafColumns = table.getVisibleLeafColumns();
  const leafIds = leafColumns.map((c) => c.id).join(',');
  // What the header needs of each column; the same array while the columns stay the same.
  const headerColumns = useMemo(
    () => leafColumns.map((c) => ({ id: c.id, meta: c.columnDef.meta })),
    // leafIds stands for the columns shown; TanStack's column objects are rebuilt with its options.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [leafIds, columns],
  );

  // Layout: one CSS grid template shared by the header and every row; pinned cells stick.
  const specById = useMemo(() => new Map(specs.map((s) => [s.id, s])), [specs]);
  const order = useMemo(() => {
    const drawn = displayOrder(layout);
    return dragWidth
      ? drawn.map((c) => (c.id === dragWidth.id ? { ...c, width: dragWidth.width } : c))
      : drawn;
  }, [layout, dragWidth]);
  const hasSelection = selection !== undefined;
  const leading = hasSelection ? SELECT_COLUMN_WIDTH : 0;
  const offsets = useMemo(() => stickyOffsets(specs, order, leading), [specs, order, leading]);
  const tracks = order.map((c) => {
    const spec = specById.get(c.id);
    return spec ? columnTrack(spec, c) : '120px';
  });
  // The fixed widths and the growing columns' minimums, which scale as their tracks do.
  let fixedWidth = leading;
  let shrinkingWidth = 0;
  for (const c of order) {
    const spec = specById.get(c.id);
    if (spec && columnShrinks(spec, c)) shrinkingWidth += columnWidth(spec, c);
    else fixedWidth += spec ? columnWidth(spec, c) : 120;
  }
  const gridStyle = {
    '--grid-columns': [...(hasSelection ? [`${SELECT_COLUMN_WIDTH}px`] : []), ...tracks].join(' '),
    '--grid-min-width': `calc(${fixedWidth}px + ${shrinkingWidth}px * var(--grid-shrink, 1))`,
  } as CSSProperties;
  const pinKey = order
    .map((c) => `${c.id}:${c.pin ?? ''}:${offsets.get(c.id)?.offset ?? ''}`)
    .join(',');
  const columnsKey = `${leafIds}|${pinKey}`;
  // One style object and class per column for every row's cells: made once per layout, so
  // drawing a row does no layout arithmetic.
  const cellLook = useMemo(() => {
    const look = new Map<string, { style: CSSProperties | undefined; pin: string }>();
    for (const c of order) {
      const offset = offsets.get(c.id);
      look.set(c.id, {
        style: offset
          ? offset.side === 'left'
            ? { left: offset.offset }
            : { right: offset.offset }
          : undefined,
        pin: pinClass(c.pin),
      });
    }
    return look;
  }, [order, offsets]);

  const reveal = (index: number) => {
    const body = bodyRef.current;
    if (!body) return;
    const target = scrollTopToReveal(scale, index, body.scrollTop, body.clientHeight);
    if (target !== null) body.scrollTop = target;
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys on the header buttons keep their own meaning (Enter sorts there, it does not open).
    if (event.target !== event.currentTarget) return;
    const intent = gridKeyIntent(
      event.key,
      { selected, rowCount: total, pageRows: Math.floor(viewport / ROW_HEIGHT) },
      { shift: event.shiftKey, mod: event.ctrlKey || event.metaKey },
    );
    if (!intent) return;
    if (!hasSelection && (intent.kind === 'toggle' || intent.kind === 'selectAll')) return;
    event.preventDefault();
    switch (intent.kind) {
      case 'select':
        reveal(intent.index);
        onSelect(intent.index);
        if (intent.extend) onCheck?.(intent.index, 'range');
        break;
      case 'open':
        if (selected !== null) onOpen(selected);
        break;
      case 'close':
        onClose();
        break;
      case 'toggle':
        if (selected !== null) onCheck?.(selected, 'toggle');
        break;
      case 'selectAll':
        onCheckAll?.();
        break;
    }
  };

  // Fixed functions that call the latest handlers, so that a drawn row stays as it is (memo)
  // however often the workbench around the grid renders.
  const onRowClick = useStableCallback((event: MouseEvent<HTMLDivElement>, index: number) => {
    gridRef.current?.focus({ preventScroll: true });
    if (hasSelection && event.shiftKey) {
      event.preventDefault();
      onCheck?.(index, 'range');
      return;
    }
    if (hasSelection && (event.ctrlKey || event.metaKey)) {
      onCheck?.(index, 'toggle');
      return;
    }
    onSelect(index);
    onOpen(index);
  });
  const onCheckClick = useStableCallback((event: MouseEvent<HTMLDivElement>, index: number) => {
    event.stopPropagation();
    gridRef.current?.focus({ preventScroll: true });
    onCheck?.(index, event.shiftKey ? 'range' : 'toggle');
  });

  // The header is drawn again only when what it shows changes, not with every window of rows:
  // the workbench's handlers are new functions on each of its renders, so the header gets
  // fixed ones that call the latest.
  const sortBy = useStableCallback(onSort);
  const changeLayout = useStableCallback(onLayout);
  const checkAll = useStableCallback(() => onCheckAll?.());

  const rowTestId = `${entity}-row`;
  const activeDescendant =
    selected !== null &&
    selected >= Math.max(firstDrawn, view.live.start) &&
    selected <= Math.min(lastDrawn, view.live.end - 1) &&
    store.getRow(selected) !== undefined
      ? rowDomId(entity, selected)
      : undefined;
  // Rows past the last known cursor by more than a page need a walk: say so while it runs.
  const seeking =
    status === 'ready' && snapshot.fetching && firstVisible >= store.frontier + store.blockSize;
  const header = hasSelection ? headerState(selection, total) : 'unchecked';

  // Rows the window keeps are the same elements with the same props, so React passes over them
  // (BodyRow is memoized): moving the window draws only the rows that came into it.
  // While the last list's rows are held, none is drawn for the new one.
  const drawn: ReactNode[] = [];
  const { live } = view;
  for (let index = firstDrawn; !held && index <= lastDrawn; index += 1) {
    const row = index >= live.start && index < live.end ? store.getRow(index) : undefined;
    if (!row) {
      // Not loaded, or not drawn yet while the window moves (see liveRows).
      // Keyed by place in the window, not by position: while the officer scrolls through rows
      // not loaded yet, the same placeholder elements are reused instead of made anew each frame.
      drawn.push(
        <PlaceholderRow
          key={`p:${index - firstDrawn}`}
          testId={`${rowTestId}-placeholder`}
          index={index}
          leafIds={leafIds}
          select={hasSelection}
        />,
      );
      continue;
    }
    drawn.push(
      <BodyRow
        key={`r:${row.id}`}
        entity={entity}
        index={index}
        row={row}
        tableRow={tableRowFor(row)}
        meta={tableMeta}
        columnsKey={columnsKey}
        look={cellLook}
        isCursor={selected === index}
        checked={hasSelection && isChecked(selection, row.id)}
        select={hasSelection}
        onRowClick={onRowClick}
        onCheckClick={onCheckClick}
      />,
    );
  }

  useLayoutEffect(() => {
    if (status === 'ready') ready.current = { total, drawn };
  });

  return (
    <div
      ref={gridRef}
      className="grid"
      role="grid"
      aria-label={label}
      aria-rowcount={total + 1}
      aria-colcount={leafColumns.length + (hasSelection ? 1 : 0)}
      aria-multiselectable={hasSelection ? true : undefined}
      aria-busy={status === 'loading' || snapshot.fetching}
      aria-activedescendant={activeDescendant}
      tabIndex={0}
      onKeyDown={handleKeyDown}
      data-testid={`${entity}-grid`}
      data-status={status}
      style={gridStyle}
    >
      <GridHeader
        headerRef={headerRef}
        entity={entity}
        columns={headerColumns}
        order={order}
        specById={specById}
        look={cellLook}
        sortColumnId={sort.columnId}
        sortDirection={sort.direction}
        check={hasSelection ? header : null}
        onCheckAll={checkAll}
        onSort={sortBy}
        onLayout={changeLayout}
        renderFilter={renderFilter}
        setDragWidth={setDragWidth}
      />
      <div className="grid__body" role="rowgroup" ref={bodyRef} tabIndex={-1}>
        <div className="grid__sizer" style={{ height: scale.scrollHeight }}>
          {/* Positioned by useRowWindow on each scroll event, never by React. */}
          <div className="grid__slab" ref={slabRef}>
            {held ? held.drawn : drawn}
          </div>
        </div>
        {status === 'loading' && !held && (
          <div className="grid__overlay grid__overlay--skeleton" data-testid="grid-loading">
            <span className="visually-hidden">{t('grid.loading')}</span>
            {Array.from({ length: SKELETON_ROWS }, (_, i) => (
              <div
                key={i}
                className={`grid__row grid__row--placeholder${i % 2 ? ' grid__row--odd' : ''}`}
              >
                {hasSelection ? <div className="grid__cell" /> : null}
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
        {status === 'ready' && total === 0 && placeholder ? (
          <div className="grid__overlay grid__overlay--center" data-testid="grid-placeholder">
            {placeholder}
          </div>
        ) : null}
        {status === 'ready' && total === 0 && !placeholder && (
          <div className="grid__overlay grid__overlay--center" data-testid="grid-empty">
            <div className="empty-state">
              <InboxIcon width={36} height={36} />
              <p className="empty-state__title">{emptyTitle}</p>
              <p className="empty-state__hint">{emptyHint}</p>
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

function pinClass(pin: Pin | null | undefined): string {
  return pin === 'left'
    ? ' is-pinned is-pinned-left'
    : pin === 'right'
      ? ' is-pinned is-pinned-right'
      : '';
}

/**
 * A function with a fixed identity that calls the latest `fn`, so that a memoized child is not
 * drawn again only because its parent made a new closure. Not for use while rendering.
 */
function useStableCallback<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}

type CellLook = ReadonlyMap<string, { style: CSSProperties | undefined; pin: string }>;

type GridHeaderProps = Readonly<{
  headerRef: RefObject<HTMLDivElement | null>;
  entity: KindName;
  columns: readonly { id: string; meta: GridColumnMeta | undefined }[];
  order: Layout;
  specById: ReadonlyMap<string, ColumnSpec>;
  look: CellLook;
  sortColumnId: string | null;
  sortDirection: SortDirection;
  /** The select-all box's state; null when the grid has no multi-selection. */
  check: 'checked' | 'mixed' | 'unchecked' | null;
  onCheckAll: () => void;
  onSort: (columnId: string, direction?: SortDirection) => void;
  onLayout: (action: LayoutAction) => void;
  renderFilter: ((columnId: string) => ReactNode) | undefined;
  setDragWidth: Dispatch<SetStateAction<{ id: string; width: number } | null>>;
}>;

/**
 * The header row: sort buttons, filters, column menus, resizing (pointer and keyboard) and
 * reordering (drag and drop). Memoized: scrolling draws new rows, never the header.
 */
const GridHeader = memo(function GridHeader({
  headerRef,
  entity,
  columns,
  order,
  specById,
  look,
  sortColumnId,
  sortDirection,
  check,
  onCheckAll,
  onSort,
  onLayout,
  renderFilter,
  setDragWidth,
}: GridHeaderProps) {
  const { t } = useTranslation();
  const [dropTarget, setDropTarget] = useState<{ id: string; side: 'before' | 'after' } | null>(
    null,
  );

  const startResize = (event: PointerEvent<HTMLDivElement>, id: string) => {
    event.preventDefault();
    event.stopPropagation();
    const cell = event.currentTarget.parentElement;
    const startX = event.clientX;
    const startWidth = cell?.getBoundingClientRect().width ?? 120;
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    let width = startWidth;
    const move = (e: globalThis.PointerEvent) => {
      width = Math.max(60, Math.round(startWidth + e.clientX - startX));
      setDragWidth({ id, width });
    };
    const end = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      setDragWidth(null);
      if (width !== startWidth) onLayout({ type: 'resize', id, width });
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };

  const onResizeKey = (event: KeyboardEvent<HTMLDivElement>, id: string, width: number) => {
    const step =
      event.key === 'ArrowLeft' ? -RESIZE_STEP : event.key === 'ArrowRight' ? RESIZE_STEP : 0;
    if (step === 0) return;
    event.preventDefault();
    event.stopPropagation();
    onLayout({ type: 'resize', id, width: width + step });
  };

  const dragType = `application/x-${entity}-column`;
  const onDragStart = (event: DragEvent<HTMLDivElement>, id: string) => {
    if ((event.target as Element).closest('.grid__resize, .popover')) {
      event.preventDefault();
      return;
    }
    event.dataTransfer.setData(dragType, id);
    event.dataTransfer.effectAllowed = 'move';
  };
  const onDragOver = (event: DragEvent<HTMLDivElement>, id: string) => {
    if (!event.dataTransfer.types.includes(dragType)) return;
    event.preventDefault();
    const rect = event.currentTarget.getBoundingClientRect();
    const side = event.clientX > rect.left + rect.width / 2 ? 'after' : 'before';
    if (dropTarget?.id !== id || dropTarget.side !== side) setDropTarget({ id, side });
  };
  const onDrop = (event: DragEvent<HTMLDivElement>, id: string) => {
    const moving = event.dataTransfer.getData(dragType);
    setDropTarget(null);
    if (!moving || moving === id) return;
    event.preventDefault();
    const rect = event.currentTarget.getBoundingClientRect();
    const after = event.clientX > rect.left + rect.width / 2;
    const shown = order.map((c) => c.id).filter((c) => c !== moving);
    const at = shown.indexOf(id);
    const beforeId = after ? (shown[at + 1] ?? null) : id;
    onLayout({ type: 'moveBefore', id: moving, beforeId });
  };

  return (
    <div className="grid__header" role="rowgroup" ref={headerRef}>
      <div className="grid__row grid__row--header" role="row" aria-rowindex={1}>
        {check !== null ? (
          <div
            role="columnheader"
            className="grid__cell grid__cell--select is-pinned is-pinned-left"
          >
            <input
              type="checkbox"
              className="checkbox"
              checked={check === 'checked'}
              ref={(input) => {
                if (input) input.indeterminate = check === 'mixed';
              }}
              aria-checked={check === 'mixed' ? 'mixed' : check === 'checked'}
              onChange={onCheckAll}
              aria-label={t('grid.select.all')}
              title={t('grid.select.all')}
              data-testid="select-all"
            />
          </div>
        ) : null}
        {columns.map(({ id, meta }) => {
          const state = order.find((c) => c.id === id);
          const sortable = meta?.sortField !== undefined;
          const direction =
            sortColumnId === id ? (sortDirection === 'asc' ? 'ascending' : 'descending') : 'none';
          const text = meta ? t(meta.labelKey) : id;
          const spec = specById.get(id);
          const width = spec && state ? columnWidth(spec, state) : 120;
          const drop = dropTarget?.id === id ? ` is-drop-${dropTarget.side}` : '';
          const cell = look.get(id);
          return (
            <div
              key={id}
              role="columnheader"
              aria-sort={sortable ? direction : undefined}
              className={`grid__cell grid__cell--header${direction !== 'none' ? ' is-sorted' : ''}${cell?.pin ?? ''}${drop}`}
              style={cell?.style}
              data-testid={`sort-header-${id}`}
              data-column={id}
              draggable
              onDragStart={(event) => onDragStart(event, id)}
              onDragOver={(event) => onDragOver(event, id)}
              onDragLeave={() => setDropTarget(null)}
              onDrop={(event) => onDrop(event, id)}
            >
              {sortable ? (
                <button
                  type="button"
                  className="grid__sort"
                  onClick={() => onSort(id)}
                  title={t('grid.sortHint')}
                >
                  <span>{text}</span>
                  <SortIcon
                    className="grid__sort-icon"
                    direction={
                      direction === 'none' ? 'none' : direction === 'ascending' ? 'asc' : 'desc'
                    }
                  />
                </button>
              ) : (
                <span className="grid__label">{text}</span>
              )}
              {state?.pin ? (
                <PinIcon
                  className="grid__pin"
                  width={12}
                  height={12}
                  aria-label={t('grid.column.pinned')}
                />
              ) : null}
              <span className="grid__header-tools">
                {meta?.filter && renderFilter ? renderFilter(id) : null}
                <ColumnMenu
                  columnId={id}
                  label={text}
                  sortable={sortable}
                  hideable={spec?.hideable ?? true}
                  pin={state?.pin ?? null}
                  onSort={(dir) => onSort(id, dir)}
                  onLayout={onLayout}
                />
              </span>
              <div
                className="grid__resize"
                role="separator"
                aria-orientation="vertical"
                aria-label={t('grid.column.resize', { column: text })}
                aria-valuenow={width}
                aria-valuemin={60}
                aria-valuemax={1200}
                tabIndex={0}
                onPointerDown={(event) => startResize(event, id)}
                onKeyDown={(event) => onResizeKey(event, id, width)}
                onClick={(event) => event.stopPropagation()}
                data-testid={`column-resize-${id}`}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
});

/**
 * A row not loaded yet: one skeleton per column. It depends only on its position and the
 * columns, so a placeholder that moves to another position keeps its cells as they are.
 */
const PlaceholderRow = memo(function PlaceholderRow({
  testId,
  index,
  leafIds,
  select,
}: Readonly<{ testId: string; index: number; leafIds: string; select: boolean }>) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-busy="true"
      className={`grid__row grid__row--placeholder${index % 2 === 1 ? ' grid__row--odd' : ''}`}
      data-testid={testId}
      data-row-index={index}
    >
      <PlaceholderCells leafIds={leafIds} select={select} />
    </div>
  );
});

const PlaceholderCells = memo(function PlaceholderCells({
  leafIds,
  select,
}: Readonly<{ leafIds: string; select: boolean }>) {
  return (
    <>
      {select ? <div role="gridcell" className="grid__cell" /> : null}
      {leafIds.split(',').map((id) => (
        <div key={id} role="gridcell" className="grid__cell">
          <span className="skeleton" />
        </div>
      ))}
    </>
  );
});

type BodyRowProps<R extends GridRow> = Readonly<{
  entity: KindName;
  index: number;
  /** The store's row object: a new one arrives only when the record changed. */
  row: R;
  /** TanStack's row for it, kept with the row object (tableRowFor). */
  tableRow: TableRow<R>;
  meta: GridTableMeta;
  /** Changes when columns are shown, hidden, moved or pinned. */
  columnsKey: string;
  look: CellLook;
  isCursor: boolean;
  checked: boolean;
  /** Whether the grid has multi-selection (a checkbox cell). */
  select: boolean;
  onRowClick: (event: MouseEvent<HTMLDivElement>, index: number) => void;
  onCheckClick: (event: MouseEvent<HTMLDivElement>, index: number) => void;
}>;

/**
 * A loaded row, drawn again only when something it shows changes: the record, its position,
 * cursor or check, the columns, or the shared cell context (language, clock). Scrolling moves
 * the window's rows without drawing them again.
 */
const BodyRow = memo(function BodyRow<R extends GridRow>({
  entity,
  index,
  row,
  tableRow,
  meta,
  look,
  isCursor,
  checked,
  select,
  onRowClick,
  onCheckClick,
}: BodyRowProps<R>) {
  const parity = index % 2 === 1 ? ' grid__row--odd' : '';
  return (
    <div
      id={rowDomId(entity, index)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={isCursor}
      className={`grid__row${parity}${isCursor ? ' is-selected' : ''}${checked ? ' is-checked' : ''}${row.pending ? ' is-pending' : ''}`}
      data-testid={`${entity}-row`}
      data-row-index={index}
      data-record-id={row.id}
      {...{ [`data-${entity}-id`]: row.id }}
      data-pending={row.pending ? 'true' : undefined}
      data-checked={checked ? 'true' : undefined}
      onClick={(event) => onRowClick(event, index)}
    >
      {select ? (
        <div
          role="gridcell"
          className="grid__cell grid__cell--select is-pinned is-pinned-left"
          onClick={(event) => onCheckClick(event, index)}
        >
          <input
            type="checkbox"
            className="checkbox"
            checked={checked}
            readOnly
            tabIndex={-1}
            aria-label={meta.t('grid.select.row', { number: row.number })}
            data-testid="row-select"
          />
        </div>
      ) : null}
      {tableRow.getVisibleCells().map((cell) => {
        const id = cell.column.id;
        const cellLook = look.get(id);
        return (
          <div
            key={id}
            role="gridcell"
            className={`grid__cell grid__cell--${id}${cellLook?.pin ?? ''}`}
            style={cellLook?.style}
            data-testid={`cell-${id}`}
          >
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </div>
        );
      })}
    </div>
  );
}) as <R extends GridRow>(props: BodyRowProps<R>) => ReactNode;
