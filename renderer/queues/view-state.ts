import type { ViewDefinition } from '@shared/contract/api';
import { mergeFilter, hasColumnFilters, type ColumnFilters } from '../grid/filters';
import type { SortState } from '../grid/sort';
import { uiKind } from '../kinds';

/**
 * The open queue as the officer has adjusted it: its sort, the column filters on top of its
 * filter, and (for a saved view) its columns until the officer rearranges them. Saving turns
 * this back into a view definition.
 */
export interface ViewState {
  readonly queueId: string;
  readonly sort: SortState<string>;
  readonly filters: ColumnFilters;
  /** The view's own columns while they apply; null once the officer's layout took over. */
  readonly viewColumns: readonly string[] | null;
}

/**
 * `columns`: the view's own columns, in this grid's ids (normalizeColumns), or null to show the
 * officer's layout. Built-in queues pass null: their columns are the officer's layout for that
 * grid, so arranging columns once holds for every built-in queue; an officer's saved view brings
 * its own.
 */
export function initialViewState(
  queueId: string,
  view: ViewDefinition,
  columns: readonly string[] | null,
): ViewState {
  return {
    queueId,
    sort: view.sort,
    filters: {},
    viewColumns: columns !== null && columns.length > 0 ? columns : null,
  };
}

/** The definition to save: the queue's filter narrowed by the column filters, the sort, the columns shown. */
export function toViewDefinition(
  view: ViewDefinition,
  state: ViewState,
  visibleColumns: readonly string[],
): ViewDefinition {
  const kind = uiKind(view.entity);
  // The union of the kinds' views cannot be built from a kind's name; this is the view's own kind.
  return {
    entity: view.entity,
    filter: mergeFilter(view.filter, state.filters),
    sort: {
      field: kind.isSortField(state.sort.field) ? state.sort.field : view.sort.field,
      direction: state.sort.direction,
    },
    columns: [...visibleColumns],
  } as ViewDefinition;
}

/** Whether what is on screen differs from the saved queue (the sidebar marks it). */
export function isModified(
  view: ViewDefinition,
  state: ViewState,
  visibleColumns: readonly string[],
  savedColumns: readonly string[] | null,
): boolean {
  if (state.sort.field !== view.sort.field || state.sort.direction !== view.sort.direction) {
    return true;
  }
  if (hasColumnFilters(state.filters)) return true;
  return (
    savedColumns !== null &&
    savedColumns.length > 0 &&
    savedColumns.join(',') !== visibleColumns.join(',')
  );
}

export const QUEUE_STORAGE_PREFIX = 'workbench.queue.';

/** The last queue an officer had open on this computer is where they start next time. */
export function queueStorageKey(officerId: string | null): string {
  return `${QUEUE_STORAGE_PREFIX}${officerId ?? 'local'}`;
}
