export type SortDirection = 'asc' | 'desc';

export interface SortState<Field extends string = string> {
  readonly field: Field;
  readonly direction: SortDirection;
}

/**
 * Clicking the sorted column flips it; clicking another column sorts by it, first-click way
 * (each kind's table: kinds/<kind>/sort.ts).
 */
export function toggleSort<Field extends string>(
  current: SortState<Field>,
  field: Field,
  firstDirection: Readonly<Record<Field, SortDirection>>,
): SortState<Field> {
  if (current.field === field) {
    return { field, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  }
  return { field, direction: firstDirection[field] };
}

/** The value of aria-sort for a column header. */
export function ariaSort<Field extends string>(
  current: SortState<Field>,
  field: Field | undefined,
): 'ascending' | 'descending' | 'none' {
  if (field === undefined || current.field !== field) return 'none';
  return current.direction === 'asc' ? 'ascending' : 'descending';
}
