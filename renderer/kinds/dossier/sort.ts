import type { DossierSortField } from '@shared/contract/api';
import type { SortDirection } from '../../grid/sort';

/**
 * The direction of a first click on a column: the order an officer most likely wants, i.e. the
 * newest received, the most urgent deadline, names and numbers from A. Its keys are exactly the
 * fields the contract sorts dossiers by (the type says so), which is what `isSortField` checks.
 */
export const dossierFirstClick: Readonly<Record<DossierSortField, SortDirection>> = {
  receivedAt: 'desc',
  dueAt: 'asc',
  number: 'asc',
  applicantName: 'asc',
  procedureName: 'asc',
  status: 'asc',
};
