import type { KindName } from '@shared/kinds';
import type { ColumnFilters } from '../grid/filters';
import { normalizeColumns } from '../grid/layout';
import {
  addRows,
  EMPTY_SELECTION,
  selectOnly,
  toggleRow,
  withoutIds,
  type SelectableRow,
  type Selection,
} from '../grid/selection';
import { toggleSort, type SortDirection } from '../grid/sort';
import { uiKind } from '../kinds';
import type { FormRequest, KindForm } from '../kinds/kind';
import type { PrintTarget } from '../print/print-model';
import type { QueueItem } from '../queues/queue-model';
import { initialViewState, type ViewState } from '../queues/view-state';

/**
 * The workbench's state as one value and the named events that change it: which screen and
 * overlay are open, the queue and how the officer adjusted it, the grid's cursor and checked
 * rows, the open record and a form asked for on it. Pure: the shell keeps it in useReducer,
 * and what follows from an event (saving the last queue, focusing) happens where it is sent.
 */

/** `print`: the preview of `WorkbenchState.print`; `print-register`: choosing a register to print. */
export type Overlay = 'palette' | 'help' | 'notices' | 'save-view' | 'print' | 'print-register';

export interface OpenRecord {
  readonly kind: KindName;
  readonly id: string;
}

/**
 * The grid's cursor and checked rows, for one list: `key` names the list (its kind and the row
 * store's generation), so a new list (another queue, sort or filter, a reload) starts empty
 * without resetting anything while rendering.
 */
export interface ListState {
  readonly key: string;
  readonly cursor: number | null;
  readonly selection: Selection;
}

/**
 * The panel is to follow the grid's cursor to row `index` of list `list`, once the officer
 * stops there: asked for only by the officer moving the cursor while a record is open and no
 * action form is, so nothing else (a record opened from search, a redo, rows leaving the queue
 * after an action) ever moves the panel away from the record on screen.
 */
export interface FollowRequest {
  readonly list: string;
  readonly index: number;
}

export interface WorkbenchState {
  /** The main screen shown (screens/registry.ts). */
  readonly screen: string;
  readonly overlay: Overlay | null;
  readonly queueId: string;
  /** How the officer adjusted the queue `view.queueId`; another queue starts from its own. */
  readonly view: ViewState | null;
  readonly list: ListState;
  readonly open: OpenRecord | null;
  readonly request: FormRequest | null;
  /** A cursor move the panel is to follow (see FollowRequest). */
  readonly follow: FollowRequest | null;
  /** The record an action form is open on: the panel stays on it while the form is open. */
  readonly editing: OpenRecord | null;
  /** The form the print preview shows (while the overlay is `print`). */
  readonly print: PrintTarget | null;
  /** Counters: asks to focus the search box, to reload the list (effects carry them out). */
  readonly searchRequests: number;
  readonly reloads: number;
}

export type WorkbenchEvent =
  | { readonly type: 'screenChosen'; readonly screen: string }
  | { readonly type: 'overlayOpened'; readonly overlay: Overlay }
  | { readonly type: 'overlayClosed' }
  | { readonly type: 'queueChosen'; readonly queueId: string }
  | {
      readonly type: 'sortChanged';
      readonly queue: QueueItem;
      readonly field: string;
      /** Absent: a click on the header (flip, or the field's first-click direction). */
      readonly direction?: SortDirection;
    }
  | { readonly type: 'filtersChanged'; readonly queue: QueueItem; readonly filters: ColumnFilters }
  /** The officer rearranged a saved view's columns: from now on the layout is theirs. */
  | { readonly type: 'viewColumnsReleased'; readonly queue: QueueItem }
  | { readonly type: 'cursorMoved'; readonly list: string; readonly index: number | null }
  | { readonly type: 'rowToggled'; readonly list: string; readonly row: SelectableRow }
  | {
      readonly type: 'rowsChecked';
      readonly list: string;
      readonly rows: readonly SelectableRow[];
      readonly capped: boolean;
      /** Only these (select all), or these as well (a shift range). */
      readonly only: boolean;
    }
  | { readonly type: 'selectionCleared' }
  /** A bulk action took these records: they leave the selection, refused ones stay. */
  | { readonly type: 'rowsSettled'; readonly ids: readonly string[] }
  | { readonly type: 'listReloaded' }
  | { readonly type: 'recordOpened'; readonly record: OpenRecord }
  | { readonly type: 'panelClosed' }
  | { readonly type: 'formRequested'; readonly request: FormRequest }
  | { readonly type: 'formRequestUsed' }
  /** The panel's action form opened on a record, or closed (`record` null). */
  | { readonly type: 'formShown'; readonly record: OpenRecord | null }
  | { readonly type: 'searchRequested' }
  /** A form to preview and print: after an action, from a command, from the register's dialog. */
  | { readonly type: 'printRequested'; readonly target: PrintTarget };

const NO_LIST: ListState = { key: '', cursor: null, selection: EMPTY_SELECTION };

export function initialWorkbenchState(screen: string, queueId: string): WorkbenchState {
  return {
    screen,
    overlay: null,
    queueId,
    view: null,
    list: NO_LIST,
    open: null,
    request: null,
    follow: null,
    editing: null,
    print: null,
    searchRequests: 0,
    reloads: 0,
  };
}

/** The queue as it opens: its sort, no column filters, and a saved view's own columns. */
export function queueView(queue: QueueItem): ViewState {
  const saved = savedColumns(queue);
  return initialViewState(queue.id, queue.view, saved);
}

/** A saved view's own columns, in its grid's ids; null for queues that show the layout. */
export function savedColumns(queue: QueueItem): readonly string[] | null {
  return queue.kind === 'custom'
    ? normalizeColumns(queue.view.columns, uiKind(queue.view.entity).specs)
    : null;
}

/** The open queue's view: as the officer adjusted it, or as it opens. */
export function currentView(view: ViewState | null, queue: QueueItem): ViewState {
  return view !== null && view.queueId === queue.id ? view : queueView(queue);
}

/** The cursor and checked rows of the list on screen (`key`): another list's are gone. */
export function currentList(state: WorkbenchState, key: string): ListState {
  return state.list.key === key ? state.list : { ...NO_LIST, key };
}

function withList(
  state: WorkbenchState,
  key: string,
  change: (list: ListState) => Partial<ListState>,
): WorkbenchState {
  const list = currentList(state, key);
  return { ...state, list: { ...list, ...change(list) } };
}

function withView(
  state: WorkbenchState,
  queue: QueueItem,
  change: (view: ViewState) => ViewState,
): WorkbenchState {
  return { ...state, view: change(currentView(state.view, queue)) };
}

export function workbenchReducer(state: WorkbenchState, event: WorkbenchEvent): WorkbenchState {
  switch (event.type) {
    case 'screenChosen':
      return { ...state, screen: event.screen };
    case 'overlayOpened':
      return { ...state, overlay: event.overlay };
    case 'overlayClosed':
      return { ...state, overlay: null };
    case 'queueChosen':
      return {
        ...state,
        queueId: event.queueId,
        view: event.queueId === state.queueId ? state.view : null,
        list: NO_LIST,
        follow: null,
      };
    case 'sortChanged':
      return withView(state, event.queue, (view) => {
        const kind = uiKind(event.queue.view.entity);
        if (event.direction) {
          return { ...view, sort: { field: event.field, direction: event.direction } };
        }
        if (!kind.isSortField(event.field)) return view;
        return { ...view, sort: toggleSort(view.sort, event.field, kind.firstClick) };
      });
    case 'filtersChanged':
      return withView(state, event.queue, (view) => ({ ...view, filters: event.filters }));
    case 'viewColumnsReleased':
      return withView(state, event.queue, (view) => ({ ...view, viewColumns: null }));
    case 'cursorMoved': {
      const moved = withList(state, event.list, () => ({ cursor: event.index }));
      const follow =
        state.open !== null && state.editing === null && event.index !== null
          ? { list: event.list, index: event.index }
          : null;
      return { ...moved, follow };
    }
    case 'rowToggled':
      return withList(state, event.list, (list) => ({
        selection: toggleRow(list.selection, event.row),
      }));
    case 'rowsChecked':
      return withList(state, event.list, (list) => ({
        selection: event.only
          ? selectOnly(event.rows, event.capped)
          : addRows(list.selection, event.rows, event.capped),
      }));
    case 'selectionCleared':
      return { ...state, list: { ...state.list, selection: EMPTY_SELECTION } };
    case 'rowsSettled':
      return {
        ...state,
        list: { ...state.list, selection: withoutIds(state.list.selection, event.ids) },
      };
    case 'listReloaded':
      return {
        ...state,
        reloads: state.reloads + 1,
        list: { ...state.list, cursor: null },
        follow: null,
      };
    case 'recordOpened':
      return { ...state, open: event.record, request: null, follow: null };
    case 'panelClosed':
      return { ...state, open: null, request: null, follow: null, editing: null };
    case 'formRequested':
      return {
        ...state,
        overlay: null,
        open: { kind: event.request.kind, id: event.request.id },
        request: event.request,
        follow: null,
      };
    case 'formRequestUsed':
      return { ...state, request: null };
    case 'formShown':
      return {
        ...state,
        editing: event.record,
        follow: event.record === null ? state.follow : null,
      };
    case 'searchRequested':
      return { ...state, searchRequests: state.searchRequests + 1 };
    case 'printRequested':
      return { ...state, overlay: 'print', print: event.target };
  }
}

/** The record open now, for a form asked for on it. */
export function requestOn(open: OpenRecord, form: KindForm, redo: boolean): FormRequest {
  return { kind: open.kind, id: open.id, form, redo };
}
