import type { ComplaintSortField } from '@shared/contract/api';
import type { SortDirection } from '../../grid/sort';

/** As for dossiers: the newest first, the nearest deadline first, names from A. */
export const complaintFirstClick: Readonly<Record<ComplaintSortField, SortDirection>> = {
  receivedAt: 'desc',
  dueAt: 'asc',
  number: 'asc',
  senderName: 'asc',
  status: 'asc',
};
