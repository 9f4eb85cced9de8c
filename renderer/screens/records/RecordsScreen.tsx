import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentList, savedColumns, type OpenRecord } from '../../app/workbench-state';
import { queueName } from '../../commands/workbench-commands';
import { useApi } from '../../api/context';
import { BulkBar } from '../../grid/BulkBar';
import { ColumnFilter } from '../../grid/ColumnFilter';
import { activeFields, type ColumnFilters } from '../../grid/filters';
import {
  applyViewColumns,
  reduceLayout,
  visibleColumnIds,
  type LayoutAction,
} from '../../grid/layout';
import { RecordGrid, type GridSort } from '../../grid/RecordGrid';
import type { SortDirection } from '../../grid/sort';
import { useGridLayouts } from '../../grid/useGridLayout';
import { UI_KINDS, uiKind } from '../../kinds';
import { RecordPanel } from '../../record/RecordPanel';
import { FIRST_QUEUE_ID, resolveQueue } from '../../queues/queue-model';
import { QueueSidebar } from '../../queues/QueueSidebar';
import { SaveViewDialog } from '../../queues/SaveViewDialog';
import { isModified, toViewDefinition } from '../../queues/view-state';
import { useSyncStatus } from '../../session/SessionProvider';
import { countsReady } from '../../sync/first-sync';
import { FirstSyncProgress } from '../../sync/FirstSyncProgress';
import { ErrorNotice } from '../../ui/ErrorNotice';
import type { WorkbenchHandle } from '../registry';
import { FilterBar } from './FilterBar';
import { RecordsToolbar } from './RecordsToolbar';
import { useRecordList } from './useRecordList';
import { useQueueView } from './useQueueView';
import { useSelectionEvents } from './useSelectionEvents';

/** Waits this long before following the keyboard selection with the panel, so holding ↓ stays smooth. */
const FOLLOW_DELAY_MS = 150;

/** Every kind's grid layout, loaded once for the officer: switching kinds shows it at once. */
const GRID_LAYOUTS = UI_KINDS.map((kind) => ({ name: kind.name, specs: kind.specs }));

/**
 * The records screen: queues on the left, the queue's grid (sortable, filterable, columns
 * arranged per officer, rows checked for bulk actions), the open record on the right.
 */
export function RecordsScreen({ workbench }: Readonly<{ workbench: WorkbenchHandle }>) {
  const { t } = useTranslation();
  const client = useApi();
  const { state, dispatch, queues, signedIn, officerId, listRef, commandContext } = workbench;
  const queue = useMemo(
    () => resolveQueue(queues.groups, state.queueId),
    [queues.groups, state.queueId],
  );
  const kind = uiKind(queue.view.entity);
  const view = useQueueView(state.view, queue);
  const { store, snapshot, key } = useRecordList(client, kind, queue, view, state.reloads);
  const list = currentList(state, key);
  // The first sync fills the store: its progress shows where the rows will be.
  const firstSync = useSyncStatus()?.progress ?? null;
  const selectionEvents = useSelectionEvents(dispatch, store, key, list, snapshot.total);

  const layoutState = useGridLayouts(GRID_LAYOUTS, officerId)(kind.name);
  const layout = useMemo(
    () =>
      view.viewColumns
        ? applyViewColumns(layoutState.layout, view.viewColumns)
        : layoutState.layout,
    [layoutState.layout, view.viewColumns],
  );
  const visibleColumns = visibleColumnIds(layout);
  const onLayout = useCallback(
    (action: LayoutAction) => {
      if (!view.viewColumns) return layoutState.dispatch(action);
      // The officer rearranged a saved view's columns: from now on the layout is theirs.
      layoutState.replace(reduceLayout(kind.specs, layout, action));
      dispatch({ type: 'viewColumnsReleased', queue });
    },
    [view.viewColumns, layoutState, kind.specs, layout, dispatch, queue],
  );

  // Following the cursor with the panel, once the officer stops on the row they moved to (and
  // only then: see FollowRequest). The row may still be loading after a far jump.
  const open = state.open;
  const follow = state.follow !== null && state.follow.list === key ? state.follow : null;
  const followId =
    follow === null || open?.kind !== kind.name ? undefined : store.getRow(follow.index)?.id;
  useEffect(() => {
    if (followId === undefined) return;
    const record = { kind: kind.name, id: followId };
    const timer = setTimeout(() => dispatch({ type: 'recordOpened', record }), FOLLOW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [follow, followId, kind.name, dispatch]);
  const onFormShown = useCallback(
    (record: OpenRecord | null) => dispatch({ type: 'formShown', record }),
    [dispatch],
  );

  const onSort = (columnId: string, direction?: SortDirection) => {
    const field = kind.columns.find((c) => c.id === columnId)?.meta?.sortField;
    if (field) dispatch({ type: 'sortChanged', queue, field, ...(direction ? { direction } : {}) });
  };
  const setFilters = (filters: ColumnFilters) =>
    dispatch({ type: 'filtersChanged', queue, filters });
  const onClose = () => {
    dispatch({ type: 'panelClosed' });
    listRef.current?.focus({ preventScroll: true });
  };
  const onRequestUsed = useCallback(() => dispatch({ type: 'formRequestUsed' }), [dispatch]);

  const sortMeta = kind.columns.find((c) => c.meta?.sortField === view.sort.field)?.meta;
  const sortColumn = kind.columns.find(
    (c) => c.meta?.sortField === view.sort.field && layout.some((l) => l.id === c.id && !l.hidden),
  );
  const gridSort: GridSort = { columnId: sortColumn?.id ?? null, direction: view.sort.direction };
  const renderFilter = (columnId: string): ReactNode => {
    const meta = kind.columns.find((c) => c.id === columnId)?.meta;
    if (!meta?.filter) return null;
    return (
      <ColumnFilter
        filter={meta.filter}
        columnId={columnId}
        columnLabel={t(meta.labelKey)}
        kind={kind}
        base={queue.view.filter}
        filters={view.filters}
        onChange={setFilters}
        signedIn={signedIn}
      />
    );
  };
  // An empty list under a queue or a filter is not an empty store.
  const narrowed = queue.kind !== 'local' || activeFields(view.filters).length > 0;

  return (
    <div className={`workbench${open ? ' workbench--with-panel' : ''}`}>
      <QueueSidebar
        queues={queues}
        selectedId={queue.id}
        onSelect={(q) => workbench.chooseQueue(q.id)}
        modified={isModified(queue.view, view, visibleColumns, savedColumns(queue))}
        onSave={() => dispatch({ type: 'overlayOpened', overlay: 'save-view' })}
        onDelete={(q) => {
          if (!window.confirm(t('queueList.deleteConfirm', { name: queueName(t, q) }))) return;
          void queues.remove(q.id).then(() => {
            if (q.id === queue.id) dispatch({ type: 'queueChosen', queueId: FIRST_QUEUE_ID });
          });
        }}
        canSave={signedIn}
        countsReady={countsReady(firstSync)}
      />
      <section className="workbench__list" aria-labelledby="workbench-title">
        <RecordsToolbar
          kind={kind}
          title={queueName(t, queue)}
          // A count of a store still filling up would be wrong: it waits for the first sync.
          status={firstSync !== null ? 'loading' : snapshot.status}
          total={snapshot.total}
          sort={{ meta: sortMeta, direction: view.sort.direction }}
          layout={layout}
          onLayout={onLayout}
          commands={workbench.commands}
          context={{ ...commandContext, listBusy: snapshot.fetching }}
        />
        <FilterBar kind={kind} filters={view.filters} onChange={setFilters} />
        {firstSync !== null && snapshot.total > 0 ? <FirstSyncProgress placement="band" /> : null}
        {snapshot.status === 'ready' && snapshot.error ? (
          <div className="banner" data-testid="grid-page-error">
            <ErrorNotice error={snapshot.error} onRetry={() => store.retry()} compact />
          </div>
        ) : null}
        {layoutState.saveFailed ? (
          <p className="banner banner--quiet" role="status">
            {t('grid.layoutSaveFailed')}
          </p>
        ) : null}
        <RecordGrid
          entity={kind.name}
          label={t(kind.labels.grid)}
          store={store}
          snapshot={snapshot}
          columns={kind.columns}
          specs={kind.specs}
          layout={layout}
          onLayout={onLayout}
          sort={gridSort}
          onSort={onSort}
          renderFilter={renderFilter}
          selected={list.cursor}
          onSelect={(index) => dispatch({ type: 'cursorMoved', list: key, index })}
          onOpen={(index) => {
            const row = store.getRow(index);
            if (row) dispatch({ type: 'recordOpened', record: { kind: kind.name, id: row.id } });
          }}
          onClose={onClose}
          selection={list.selection}
          onCheck={selectionEvents.check}
          onCheckAll={selectionEvents.checkAll}
          officerId={officerId}
          emptyTitle={narrowed ? t('grid.empty.filteredTitle') : t('grid.empty.title')}
          emptyHint={narrowed ? t('grid.empty.filteredHint') : t('grid.empty.hint')}
          {...(firstSync !== null ? { placeholder: <FirstSyncProgress placement="rows" /> } : {})}
          gridRef={listRef}
        />
        <BulkBar
          key={kind.name}
          kind={kind}
          selection={list.selection}
          onClear={() => dispatch({ type: 'selectionCleared' })}
          onApplied={(ids) => dispatch({ type: 'rowsSettled', ids })}
          canAct={signedIn}
        />
      </section>
      {open ? (
        <RecordPanel
          key={`${open.kind}-panel`}
          kind={uiKind(open.kind)}
          id={open.id}
          onClose={onClose}
          signedIn={signedIn}
          request={state.request}
          onRequestUsed={onRequestUsed}
          onFormShown={onFormShown}
          onPrint={(target) => dispatch({ type: 'printRequested', target })}
        />
      ) : null}
      {state.overlay === 'save-view' ? (
        <SaveViewDialog
          view={toViewDefinition(queue.view, view, visibleColumns)}
          current={queue.kind === 'custom' ? queue : null}
          suggestedName={queueName(t, queue)}
          onSave={(input) => queues.save(input)}
          onSaved={(saved) => {
            dispatch({ type: 'overlayClosed' });
            workbench.chooseQueue(saved.id);
          }}
          onClose={() => dispatch({ type: 'overlayClosed' })}
        />
      ) : null}
    </div>
  );
}
