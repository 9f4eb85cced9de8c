import type { ComplaintSortField, DossierSortField } from '@shared/contract/api';

export type SortDirection = 'asc' | 'desc';

export interface SortState<Field extends string = DossierSortField> {
  readonly field: Field;
  readonly direction: SortDirection;
}

/** What the contract sorts by when the officer has not chosen: the newest dossiers first. */
export const DEFAULT_DOSSIER_SORT: SortState = { field: 'receivedAt', direction: 'desc' };

/**
 * The direction of a first click on a column: the order an officer most likely wants, i.e. the
 * newest received, the most urgent deadline, names and numbers from A.
 */
export const FIRST_CLICK_DIRECTION: Readonly<Record<DossierSortField, SortDirection>> = {
  receivedAt: 'desc',
  dueAt: 'asc',
  number: 'asc',
  applicantName: 'asc',
  procedureName: 'asc',
  status: 'asc',
};

/** The same idea for complaints: the newest first, the nearest deadline first, names from A. */
export const COMPLAINT_FIRST_CLICK_DIRECTION: Readonly<Record<ComplaintSortField, SortDirection>> =
  {
    receivedAt: 'desc',
    dueAt: 'asc',
    number: 'asc',
    senderName: 'asc',
    status: 'asc',
  };

export function isComplaintSortField(value: string | undefined): value is ComplaintSortField {
  return value !== undefined && Object.hasOwn(COMPLAINT_FIRST_CLICK_DIRECTION, value);
}

/**
 * Whether a column's declared sort field is one the contract sorts by. Checked against the
 * table above, whose type already covers every field, so the guard needs no runtime import of
 * the contract (and of zod with it).
 */
export function isDossierSortField(value: string | undefined): value is DossierSortField {
  return value !== undefined && Object.hasOwn(FIRST_CLICK_DIRECTION, value);
}

/** Clicking the sorted column flips it; clicking another column sorts by it, first-click way. */
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
