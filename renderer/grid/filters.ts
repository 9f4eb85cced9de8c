import type { ComplaintFilter, DossierFilter } from '@shared/contract/api';
import type { DeadlineState } from '@shared/model/codes';

/**
 * Per-column filters on top of a queue's own filter. The contract filters by status, deadline
 * state, assignee (nobody / me), unit and pending changes, so those are the columns that filter;
 * text columns are searched instead (Ctrl+F). A column filter narrows the queue, never widens it:
 * where the queue already restricts a field, the column offers only the queue's values, so the
 * two always intersect.
 */

export type RecordFilter = DossierFilter | ComplaintFilter;

/** What the officer set from the column headers. */
export interface ColumnFilters<Status extends number | string = number | string> {
  readonly status?: readonly Status[];
  readonly deadlineState?: readonly DeadlineState[];
  readonly pendingOnly?: boolean;
  /** 'unassigned' → assigneeId null; 'mine' → mine. */
  readonly assignee?: 'unassigned' | 'mine';
}

export type FilterField = keyof ColumnFilters;

export const NO_COLUMN_FILTERS: ColumnFilters = {};

function intersect<T>(
  base: readonly T[] | undefined,
  extra: readonly T[] | undefined,
): T[] | undefined {
  if (extra === undefined || extra.length === 0) return base ? [...base] : undefined;
  if (base === undefined) return [...extra];
  const both = base.filter((value) => extra.includes(value));
  // The options never allow an empty intersection; if a stale choice does, the queue wins.
  return both.length > 0 ? both : [...base];
}

/** The filter the list is asked for: the queue's, narrowed by the column filters. */
export function mergeFilter<F extends RecordFilter>(base: F, columns: ColumnFilters): F {
  const merged: Record<string, unknown> = { ...base };
  const status = intersect(base.status as readonly (number | string)[] | undefined, columns.status);
  if (status !== undefined) merged.status = status;
  const deadline = intersect(base.deadlineState, columns.deadlineState);
  if (deadline !== undefined) merged.deadlineState = deadline;
  if (columns.pendingOnly) merged.pendingOnly = true;
  if (columns.assignee && base.assigneeId === undefined && !base.mine) {
    if (columns.assignee === 'mine') merged.mine = true;
    else merged.assigneeId = null;
  }
  return merged as F;
}

/** The values a column's filter offers under this queue. */
export function statusOptions<S extends number | string>(
  base: RecordFilter,
  all: readonly S[],
): readonly S[] {
  const restricted = base.status as readonly S[] | undefined;
  return restricted && restricted.length > 0 ? all.filter((s) => restricted.includes(s)) : all;
}

export function deadlineOptions(
  base: RecordFilter,
  all: readonly DeadlineState[],
): readonly DeadlineState[] {
  const restricted = base.deadlineState;
  return restricted && restricted.length > 0 ? all.filter((s) => restricted.includes(s)) : all;
}

/** The assignee filter makes sense only where the queue does not already choose the assignee. */
export function assigneeFilterAvailable(base: RecordFilter): boolean {
  return base.assigneeId === undefined && !base.mine;
}

/** Sets or clears one field; an empty list clears it. */
export function setColumnFilter<K extends FilterField>(
  filters: ColumnFilters,
  field: K,
  value: ColumnFilters[K] | undefined,
): ColumnFilters {
  const next: Record<string, unknown> = { ...filters };
  const empty =
    value === undefined || value === false || (Array.isArray(value) && value.length === 0);
  if (empty) delete next[field];
  else next[field] = value;
  return next;
}

/** Toggles one value of a list filter. */
export function toggleValue<T>(values: readonly T[] | undefined, value: T): T[] {
  const current = values ?? [];
  return current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
}

export function activeFields(filters: ColumnFilters): FilterField[] {
  return (Object.keys(filters) as FilterField[]).filter((field) => {
    const value = filters[field];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== false;
  });
}

export function hasColumnFilters(filters: ColumnFilters): boolean {
  return activeFields(filters).length > 0;
}
