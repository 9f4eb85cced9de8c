import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnDef } from '@tanstack/react-table';
import type {
  ComplaintFilter,
  ComplaintListRow,
  DossierFilter,
  DossierListRow,
  Notice,
  SearchHit,
} from '@shared/contract/api';
import type { ApiClient } from '@shared/contract/client';
import { call } from '../api/call';
import { useApi } from '../api/context';
import type { Result } from '../api/result';
import type { OpenForm } from '../actions/ActionSection';
import { useDirectoryLoader } from '../actions/directory';
import { isComplaintActionType } from '../actions/complaint-forms';
import { emptyComplaintForm } from '../actions/complaint-forms';
import { emptyDossierForm, isDossierActionType } from '../actions/dossier-forms';
import { ComplaintPanel } from '../complaint/ComplaintPanel';
import { DossierPanel } from '../dossier/DossierPanel';
import { useFormatter } from '../format/useFormatter';
import { createChangeBatcher } from '../grid/change-batcher';
import { BulkBar } from '../grid/BulkBar';
import { ColumnFilter } from '../grid/ColumnFilter';
import { ColumnsChooser } from '../grid/ColumnsChooser';
import { complaintColumns } from '../grid/complaint-columns';
import { createComplaintRowStore } from '../grid/complaint-source';
import { dossierColumns } from '../grid/columns';
import { createDossierRowStore } from '../grid/dossier-source';
import { activeFields, mergeFilter, setColumnFilter, type ColumnFilters } from '../grid/filters';
import {
  applyViewColumns,
  normalizeColumns,
  reduceLayout,
  visibleColumnIds,
  type ColumnSpec,
  type LayoutAction,
} from '../grid/layout';
import { columnSpecs, RecordGrid, type GridRow, type GridSort } from '../grid/RecordGrid';
import {
  addRows,
  allBounds,
  EMPTY_SELECTION,
  headerState,
  rangeBounds,
  selectOnly,
  toggleRow,
  withoutIds,
  type Selection,
} from '../grid/selection';
import {
  COMPLAINT_FIRST_CLICK_DIRECTION,
  FIRST_CLICK_DIRECTION,
  isComplaintSortField,
  isDossierSortField,
  toggleSort,
  type SortDirection,
  type SortState,
} from '../grid/sort';
import { useGridLayout, type GridLayoutState } from '../grid/useGridLayout';
import { HelpSheet } from '../help/HelpSheet';
import { LANGUAGES } from '../i18n/language';
import { CommandPalette, type PaletteCommand } from '../palette/CommandPalette';
import {
  ALL_DOSSIERS_ID,
  allQueues,
  findQueue,
  localQueues,
  type QueueItem,
} from '../queues/queue-model';
import { QueueSidebar } from '../queues/QueueSidebar';
import { SaveViewDialog } from '../queues/SaveViewDialog';
import { useQueues } from '../queues/useQueues';
import {
  initialViewState,
  isModified,
  queueStorageKey,
  toViewDefinition,
  type ViewState,
} from '../queues/view-state';
import { SearchBox, type SearchBoxHandle } from '../search/SearchBox';
import { useSession, useSyncStatus } from '../session/SessionProvider';
import { NoticesDialog } from '../sync/NoticesDialog';
import { redoForm } from '../sync/notice-model';
import { SyncProgress } from '../sync/SyncIndicator';
import { ErrorNotice } from '../ui/ErrorNotice';
import { CloseIcon, RefreshIcon } from '../ui/icons';
import { Header } from './Header';
import { globalShortcut, isTypingTarget } from './shortcuts';
import { browserStorage } from './storage';

/** Waits this long before following the keyboard selection with the panel, so holding ↓ stays smooth. */
const FOLLOW_DELAY_MS = 150;
/**
 * The core computes each row's time left when the row is read; rows on screen are read again this
 * often so "còn 2 giờ" does not stand still through an afternoon.
 */
const TIME_LEFT_REFRESH_MS = 5 * 60_000;

type Entity = 'dossier' | 'complaint';
type OpenRecord = { readonly entity: Entity; readonly id: string };
type Overlay = 'palette' | 'help' | 'notices' | 'save-view' | null;

const dossierSpecs: readonly ColumnSpec[] = columnSpecs(
  dossierColumns as ColumnDef<DossierListRow>[],
);
const complaintSpecs: readonly ColumnSpec[] = columnSpecs(
  complaintColumns as ColumnDef<ComplaintListRow>[],
);

function readStoredQueue(officerId: string | null): string | null {
  try {
    return browserStorage()?.getItem(queueStorageKey(officerId)) ?? null;
  } catch {
    return null;
  }
}

function storeQueue(officerId: string | null, id: string): void {
  try {
    browserStorage()?.setItem(queueStorageKey(officerId), id);
  } catch {
    // Not remembering the queue is harmless.
  }
}

/** What the workbench does with either grid's store, whatever its rows. */
interface RowSource {
  invalidate(): void;
  getRow(index: number): GridRow | undefined;
  rowsBetween(start: number, end: number): Promise<Result<readonly GridRow[]>>;
  reload(): void;
  retry(): void;
  markChanged(ids: Iterable<string>): void;
  refreshTotal(): Promise<void>;
}

/** Rows of both stores refresh in place when sync (or another window) changes their records. */
function useChangeFeed(client: ApiClient, dossiers: RowSource, complaints: RowSource): void {
  useEffect(() => {
    const timer = setInterval(() => {
      dossiers.invalidate();
      complaints.invalidate();
    }, TIME_LEFT_REFRESH_MS);
    return () => clearInterval(timer);
  }, [dossiers, complaints]);

  useEffect(() => {
    const dossierBatch = createChangeBatcher((ids) => {
      dossiers.markChanged(ids);
      void dossiers.refreshTotal();
    });
    const complaintBatch = createChangeBatcher((ids) => {
      complaints.markChanged(ids);
      void complaints.refreshTotal();
    });
    const offs = [
      client.on('dossiers.changed', (payload) => dossierBatch.add(payload.ids)),
      client.on('complaints.changed', (payload) => complaintBatch.add(payload.ids)),
    ];
    return () => {
      for (const off of offs) off();
      dossierBatch.dispose();
      complaintBatch.dispose();
    };
  }, [client, dossiers, complaints]);
}

/**
 * The officer's workbench: queues on the left, the queue's grid (sortable, filterable, columns
 * arranged per officer, rows checked for bulk actions), the open dossier or complaint on the
 * right; search, the command palette, notices and the shortcut sheet on top.
 */
export function Workbench() {
  const { t, i18n } = useTranslation();
  const f = useFormatter();
  const client = useApi();
  const session = useSession();
  const status = useSyncStatus();
  const signedIn = status !== null && status.state !== 'signed_out' && status.officer !== null;
  const officerId = signedIn ? (status.officer?.id ?? null) : null;

  const queues = useQueues(officerId ?? 'local');
  // The synced units and officers (pickers, names): read again when a first sync ends or the
  // connection comes back, not on every live update (the reference data rarely changes).
  const firstSync = status !== null && status.progress !== null;
  const connected = status !== null && status.state !== 'offline';
  useDirectoryLoader(client, `${officerId ?? ''}:${firstSync}:${connected}`);
  const [queueId, setQueueId] = useState(() => readStoredQueue(officerId) ?? ALL_DOSSIERS_ID);
  const queue: QueueItem =
    findQueue(queues.groups, queueId) ??
    localQueues({ dossiers: null, complaints: null })[0] ??
    (allQueues(queues.groups)[0] as QueueItem);
  const entity: Entity = queue.view.entity;

  // The queue's sort, column filters and columns, reset whenever another queue opens.
  const savedColumns =
    queue.kind === 'custom'
      ? normalizeColumns(
          queue.view.columns,
          queue.view.entity === 'dossier' ? dossierSpecs : complaintSpecs,
        )
      : null;
  const [view, setView] = useState<ViewState>(() =>
    initialViewState(queue.id, queue.view, savedColumns),
  );
  if (view.queueId !== queue.id) setView(initialViewState(queue.id, queue.view, savedColumns));

  const [dossierStore] = useState(() => createDossierRowStore(client));
  const [complaintStore] = useState(() => createComplaintRowStore(client));
  const dossierSnapshot = useSyncExternalStore(dossierStore.subscribe, dossierStore.getSnapshot);
  const complaintSnapshot = useSyncExternalStore(
    complaintStore.subscribe,
    complaintStore.getSnapshot,
  );
  useChangeFeed(client, dossierStore, complaintStore);

  const dossierLayout = useGridLayout('dossier', dossierSpecs, officerId);
  const complaintLayout = useGridLayout('complaint', complaintSpecs, officerId);
  const layoutState: GridLayoutState = entity === 'dossier' ? dossierLayout : complaintLayout;
  const specs = entity === 'dossier' ? dossierSpecs : complaintSpecs;
  const layout = useMemo(
    () =>
      view.viewColumns
        ? applyViewColumns(layoutState.layout, view.viewColumns)
        : layoutState.layout,
    [layoutState.layout, view.viewColumns],
  );
  const visibleColumns = visibleColumnIds(layout);

  // The list's query: the queue's filter narrowed by the column filters, and the sort.
  const filterKey = JSON.stringify([queue.view.filter, view.filters]);
  const sortKey = `${view.sort.field}:${view.sort.direction}`;
  useEffect(() => {
    if (entity === 'dossier' && queue.view.entity === 'dossier') {
      const field = isDossierSortField(view.sort.field) ? view.sort.field : queue.view.sort.field;
      dossierStore.setQuery({
        filter: mergeFilter<DossierFilter>(queue.view.filter, view.filters),
        sort: { field, direction: view.sort.direction },
      });
    } else if (queue.view.entity === 'complaint') {
      const field = isComplaintSortField(view.sort.field) ? view.sort.field : queue.view.sort.field;
      complaintStore.setQuery({
        filter: mergeFilter<ComplaintFilter>(queue.view.filter, view.filters),
        sort: { field, direction: view.sort.direction },
      });
    }
    // The keys stand for the objects: a new object with the same content must not refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entity, filterKey, sortKey, dossierStore, complaintStore]);

  // ---- Cursor, open record, selection ----
  const [cursor, setCursor] = useState<number | null>(null);
  const [open, setOpen] = useState<OpenRecord | null>(null);
  const [requested, setRequested] = useState<OpenForm | null>(null);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [overlay, setOverlay] = useState<Overlay>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<SearchBoxHandle>(null);
  // Asked for from the palette: focused after the palette has closed and given focus back.
  const [searchRequest, setSearchRequest] = useState(0);
  useEffect(() => {
    if (searchRequest === 0) return;
    const frame = requestAnimationFrame(() => searchRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [searchRequest]);

  // A new list (another queue, sort or filter) starts with nothing selected.
  const generation =
    entity === 'dossier' ? dossierSnapshot.generation : complaintSnapshot.generation;
  const [selectionGeneration, setSelectionGeneration] = useState(`${entity}:${generation}`);
  if (selectionGeneration !== `${entity}:${generation}`) {
    setSelectionGeneration(`${entity}:${generation}`);
    setSelection(EMPTY_SELECTION);
    setCursor(null);
  }

  const store: RowSource = entity === 'dossier' ? dossierStore : complaintStore;
  const snapshot = entity === 'dossier' ? dossierSnapshot : complaintSnapshot;

  const cursorId = cursor === null ? undefined : store.getRow(cursor)?.id;
  useEffect(() => {
    if (open === null || open.entity !== entity || cursorId === undefined || cursorId === open.id) {
      return;
    }
    const timer = setTimeout(() => setOpen({ entity, id: cursorId }), FOLLOW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [open, cursorId, entity]);

  const chooseQueue = (next: QueueItem) => {
    setQueueId(next.id);
    storeQueue(officerId, next.id);
    setCursor(null);
    setSelection(EMPTY_SELECTION);
  };

  const onSort = (columnId: string, direction?: SortDirection) => {
    const column = (entity === 'dossier' ? dossierColumns : complaintColumns).find(
      (c) => c.id === columnId,
    );
    const field = column?.meta?.sortField;
    if (!field) return;
    setView((current) => {
      let sort: SortState<string>;
      if (direction) sort = { field, direction };
      else if (entity === 'dossier' && isDossierSortField(field)) {
        sort = toggleSort(current.sort as SortState, field, FIRST_CLICK_DIRECTION);
      } else if (isComplaintSortField(field)) {
        sort = toggleSort(
          current.sort as SortState<typeof field>,
          field,
          COMPLAINT_FIRST_CLICK_DIRECTION,
        );
      } else return current;
      return { ...current, sort };
    });
  };

  const onLayout = useCallback(
    (action: LayoutAction) => {
      if (view.viewColumns) {
        // The officer rearranged a saved view's columns: from now on the layout is theirs.
        layoutState.replace(reduceLayout(specs, layout, action));
        setView((current) => ({ ...current, viewColumns: null }));
      } else {
        layoutState.dispatch(action);
      }
    },
    [view.viewColumns, layoutState, specs, layout],
  );

  const setFilters = (filters: ColumnFilters) => setView((current) => ({ ...current, filters }));

  const onOpenIndex = (index: number) => {
    const row = store.getRow(index);
    if (row) setOpen({ entity, id: row.id });
  };
  const onClose = () => {
    setOpen(null);
    setRequested(null);
    gridRef.current?.focus({ preventScroll: true });
  };
  const onRefresh = () => {
    setCursor(null);
    store.reload();
  };

  const onCheck = (index: number, mode: 'toggle' | 'range') => {
    const row = store.getRow(index);
    if (mode === 'toggle') {
      if (row) setSelection((s) => toggleRow(s, { index, id: row.id, label: row.number }));
      return;
    }
    const { start, end, capped } = rangeBounds(selection.anchor ?? cursor, index);
    void store.rowsBetween(start, end).then((result) => {
      if (!result.ok) return;
      setSelection((s) =>
        addRows(
          s,
          result.value.map((r, i) => ({ index: start + i, id: r.id, label: r.number })),
          capped,
        ),
      );
    });
  };
  const onCheckAll = () => {
    if (headerState(selection, snapshot.total) === 'checked') {
      setSelection(EMPTY_SELECTION);
      return;
    }
    const { start, end, capped } = allBounds(snapshot.total);
    void store.rowsBetween(start, end).then((result) => {
      if (!result.ok) return;
      setSelection(
        selectOnly(
          result.value.map((r, i) => ({ index: start + i, id: r.id, label: r.number })),
          capped,
        ),
      );
    });
  };

  const openHit = (hit: SearchHit) => {
    setRequested(null);
    setOpen({ entity: hit.entity, id: hit.id });
  };

  const redo = (notice: Notice) => {
    const form = redoForm(notice);
    setOverlay(null);
    setOpen({ entity: notice.entity, id: notice.recordId });
    if (form) setRequested({ ...form, redo: true });
  };

  // ---- Global shortcuts: Ctrl/Cmd+K palette, Ctrl/Cmd+F or / search, ? help ----
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (overlay !== null) return;
      const command = globalShortcut(event, isTypingTarget(event.target));
      if (!command) return;
      event.preventDefault();
      if (command === 'search') searchRef.current?.focus();
      else setOverlay(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [overlay]);

  // ---- The command palette: queues, actions allowed on the open record, app commands ----
  const [paletteActions, setPaletteActions] = useState<{ key: string; actions: string[] } | null>(
    null,
  );
  const openKey = open ? `${open.entity}:${open.id}` : '';
  useEffect(() => {
    if (overlay !== 'palette' || open === null) return;
    let current = true;
    const method =
      open.entity === 'dossier' ? 'dossiers.allowedActions' : 'complaints.allowedActions';
    void call(client, method, { id: open.id }).then((result) => {
      if (current && result.ok) setPaletteActions({ key: openKey, actions: result.value.actions });
    });
    return () => {
      current = false;
    };
  }, [overlay, open, openKey, client]);

  const queueName = (q: QueueItem) => (q.nameKey ? t(q.nameKey) : q.name);
  const commands: PaletteCommand[] = [];
  if (open && paletteActions?.key === openKey) {
    for (const type of paletteActions.actions) {
      if (open.entity === 'dossier' && isDossierActionType(type)) {
        commands.push({
          id: `action:${type}`,
          group: 'actions',
          label: t(`actionButtons.${type}`),
          run: () => setRequested({ entity: 'dossier', form: emptyDossierForm(type) }),
        });
      } else if (open.entity === 'complaint' && isComplaintActionType(type)) {
        commands.push({
          id: `action:${type}`,
          group: 'actions',
          label: t(`complaintActionButtons.${type}`),
          run: () => setRequested({ entity: 'complaint', form: emptyComplaintForm(type) }),
        });
      }
    }
  }
  for (const q of allQueues(queues.groups)) {
    commands.push({
      id: `queue:${q.id}`,
      group: 'queues',
      label: queueName(q),
      ...(q.count !== null ? { hint: f.number(q.count) } : {}),
      run: () => chooseQueue(q),
    });
  }
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
  commands.push(
    {
      id: 'app:search',
      group: 'app',
      label: t('palette.commands.search'),
      hint: `${mod}+F`,
      run: () => setSearchRequest((n) => n + 1),
    },
    { id: 'app:refresh', group: 'app', label: t('palette.commands.refresh'), run: onRefresh },
    {
      id: 'app:help',
      group: 'app',
      label: t('palette.commands.help'),
      hint: '?',
      run: () => setOverlay('help'),
    },
  );
  if (signedIn) {
    commands.push(
      {
        id: 'app:sync',
        group: 'app',
        label: t('palette.commands.syncNow'),
        run: () => void session.syncNow(),
      },
      {
        id: 'app:notices',
        group: 'app',
        label: t('palette.commands.notices'),
        run: () => setOverlay('notices'),
      },
      {
        id: 'app:save-view',
        group: 'app',
        label: t('palette.commands.saveView'),
        run: () => setOverlay('save-view'),
      },
      {
        id: 'app:sign-out',
        group: 'app',
        label: t('palette.commands.signOut'),
        run: () => void session.logout(),
      },
    );
  } else {
    commands.push({
      id: 'app:sign-in',
      group: 'app',
      label: t('palette.commands.signIn'),
      run: () => session.requestSignIn(true),
    });
  }
  const other = LANGUAGES.find((l) => l !== i18n.resolvedLanguage) ?? 'vi';
  commands.push({
    id: 'app:language',
    group: 'app',
    label: t('palette.commands.language'),
    run: () => void i18n.changeLanguage(other),
  });

  const columns = entity === 'dossier' ? dossierColumns : complaintColumns;
  const sortColumn = columns.find(
    (c) => c.meta?.sortField === view.sort.field && layout.some((l) => l.id === c.id && !l.hidden),
  );
  const gridSort: GridSort = { columnId: sortColumn?.id ?? null, direction: view.sort.direction };
  const sortMeta = columns.find((c) => c.meta?.sortField === view.sort.field)?.meta;
  const { status: listStatus, total, error } = snapshot;
  const modified = isModified(queue.view, view, visibleColumns, savedColumns);
  const filterFields = activeFields(view.filters);

  const renderFilter = (columnId: string): ReactNode => {
    const meta = columns.find((c) => c.id === columnId)?.meta;
    if (!meta?.filter) return null;
    return (
      <ColumnFilter
        kind={meta.filter}
        columnId={columnId}
        columnLabel={t(meta.labelKey)}
        entity={entity}
        base={queue.view.filter}
        filters={view.filters}
        onChange={setFilters}
        signedIn={signedIn}
      />
    );
  };

  // An empty list under a queue or a filter is not an empty store.
  const narrowed = queue.kind !== 'local' || filterFields.length > 0;
  const emptyTitle = narrowed ? t('grid.empty.filteredTitle') : t('grid.empty.title');
  const emptyHint = narrowed ? t('grid.empty.filteredHint') : t('grid.empty.hint');

  const gridProps = {
    label: entity === 'dossier' ? t('grid.label') : t('grid.complaintLabel'),
    specs,
    layout,
    onLayout,
    sort: gridSort,
    onSort,
    renderFilter,
    selected: cursor,
    onSelect: setCursor,
    onOpen: onOpenIndex,
    onClose,
    officerId,
    gridRef,
  };

  return (
    <div className="app">
      <Header
        search={
          <SearchBox ref={searchRef} onOpen={openHit} onLeave={() => gridRef.current?.focus()} />
        }
        onNotices={() => setOverlay('notices')}
        onHelp={() => setOverlay('help')}
      />
      <SyncProgress />
      <main className="app__main">
        <div className={`workbench${open ? ' workbench--with-panel' : ''}`}>
          <QueueSidebar
            queues={queues}
            selectedId={queue.id}
            onSelect={chooseQueue}
            modified={modified}
            onSave={() => setOverlay('save-view')}
            onDelete={(q) => {
              if (window.confirm(t('queueList.deleteConfirm', { name: queueName(q) }))) {
                void queues.remove(q.id).then(() => {
                  if (q.id === queue.id) setQueueId(ALL_DOSSIERS_ID);
                });
              }
            }}
            canSave={signedIn}
          />
          <section className="workbench__list" aria-labelledby="workbench-title">
            <div className="toolbar">
              <div className="toolbar__heading">
                <h1 id="workbench-title" className="toolbar__title" data-testid="grid-title">
                  {queueName(queue)}
                </h1>
                <span className="toolbar__count" data-testid="grid-row-count" aria-live="polite">
                  {listStatus === 'ready'
                    ? entity === 'dossier'
                      ? t('grid.rowCount', { count: total, n: f.number(total) })
                      : t('grid.complaintRowCount', { count: total, n: f.number(total) })
                    : listStatus === 'loading'
                      ? t('grid.counting')
                      : ''}
                </span>
              </div>
              <div className="toolbar__meta">
                {sortMeta ? (
                  <span className="toolbar__sort" data-testid="grid-sort-summary">
                    {t('grid.sortedBy', {
                      column: t(sortMeta.labelKey),
                      direction: t(`grid.direction.${view.sort.direction}`),
                    })}
                  </span>
                ) : null}
                <span className="toolbar__hint">{t('grid.keyboardHint')}</span>
                <ColumnsChooser
                  columns={columns as ColumnDef<unknown>[]}
                  specs={specs}
                  layout={layout}
                  onLayout={onLayout}
                />
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
            {filterFields.length > 0 ? (
              <div className="filter-bar" data-testid="filter-bar">
                <span className="filter-bar__label">{t('grid.filter.active')}:</span>
                {filterFields.map((field) => (
                  <FilterChip
                    key={field}
                    field={field}
                    filters={view.filters}
                    entity={entity}
                    onClear={() => setFilters(setColumnFilter(view.filters, field, undefined))}
                  />
                ))}
                <button
                  type="button"
                  className="button button--ghost"
                  onClick={() => setFilters({})}
                  data-testid="filter-clear-all"
                >
                  {t('grid.filter.clearAll')}
                </button>
              </div>
            ) : null}
            {listStatus === 'ready' && error ? (
              <div className="banner" data-testid="grid-page-error">
                <ErrorNotice error={error} onRetry={() => store.retry()} compact />
              </div>
            ) : null}
            {layoutState.saveFailed ? (
              <p className="banner banner--quiet" role="status">
                {t('grid.layoutSaveFailed')}
              </p>
            ) : null}
            {entity === 'dossier' ? (
              <RecordGrid
                {...gridProps}
                entity="dossier"
                store={dossierStore}
                snapshot={dossierSnapshot}
                columns={dossierColumns}
                selection={selection}
                onCheck={onCheck}
                onCheckAll={onCheckAll}
                emptyTitle={emptyTitle}
                emptyHint={emptyHint}
              />
            ) : (
              <RecordGrid
                {...gridProps}
                entity="complaint"
                store={complaintStore}
                snapshot={complaintSnapshot}
                columns={complaintColumns}
                selection={selection}
                onCheck={onCheck}
                onCheckAll={onCheckAll}
                emptyTitle={emptyTitle}
                emptyHint={emptyHint}
              />
            )}
            <BulkBar
              key={entity}
              entity={entity}
              selection={selection}
              onClear={() => setSelection(EMPTY_SELECTION)}
              onApplied={(ids) => setSelection((s) => withoutIds(s, ids))}
              canAct={signedIn}
            />
          </section>
          {open?.entity === 'dossier' ? (
            <DossierPanel
              key="dossier-panel"
              id={open.id}
              onClose={onClose}
              signedIn={signedIn}
              requested={requested}
              onRequestedUsed={() => setRequested(null)}
            />
          ) : null}
          {open?.entity === 'complaint' ? (
            <ComplaintPanel
              key="complaint-panel"
              id={open.id}
              onClose={onClose}
              signedIn={signedIn}
              requested={requested}
              onRequestedUsed={() => setRequested(null)}
            />
          ) : null}
        </div>
      </main>
      {overlay === 'palette' ? (
        <CommandPalette commands={commands} onClose={() => setOverlay(null)} />
      ) : null}
      {overlay === 'help' ? <HelpSheet onClose={() => setOverlay(null)} /> : null}
      {overlay === 'notices' ? (
        <NoticesDialog onClose={() => setOverlay(null)} onRedo={redo} />
      ) : null}
      {overlay === 'save-view' ? (
        <SaveViewDialog
          view={toViewDefinition(queue.view, view, visibleColumns)}
          current={queue.kind === 'custom' ? queue : null}
          suggestedName={queueName(queue)}
          onSave={(input) => queues.save(input)}
          onSaved={(saved) => {
            setOverlay(null);
            setQueueId(saved.id);
            storeQueue(officerId, saved.id);
          }}
          onClose={() => setOverlay(null)}
        />
      ) : null}
    </div>
  );
}

function FilterChip({
  field,
  filters,
  entity,
  onClear,
}: Readonly<{
  field: keyof ColumnFilters;
  filters: ColumnFilters;
  entity: Entity;
  onClear: () => void;
}>) {
  const { t } = useTranslation();
  let text: string;
  switch (field) {
    case 'status':
      text = (filters.status ?? [])
        .map((s) =>
          entity === 'dossier' ? t(`status.${s as 1}`) : t(`complaintStatus.${s as 'new'}`),
        )
        .join(', ');
      break;
    case 'deadlineState':
      text = (filters.deadlineState ?? []).map((s) => t(`deadline.${s}`)).join(', ');
      break;
    case 'pendingOnly':
      text = t('grid.filter.pendingOnly');
      break;
    case 'assignee':
      text = filters.assignee ? t(`grid.filter.${filters.assignee}`) : '';
      break;
  }
  return (
    <span className="filter-chip" data-testid={`filter-chip-${field}`}>
      {text}
      <button
        type="button"
        className="filter-chip__clear"
        onClick={onClear}
        aria-label={`${t('grid.filter.clear')}: ${text}`}
      >
        <CloseIcon width={12} height={12} />
      </button>
    </span>
  );
}
