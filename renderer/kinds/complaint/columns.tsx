import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { ComplaintListRow } from '@shared/contract/api';
import { recordColumns } from '../../grid/record-columns';
import { complaintStatus } from './status';

const column = createColumnHelper<ComplaintListRow>();
const shared = recordColumns<ComplaintListRow>();

/** The complaint grid's columns (PAKN), in default order; see ../dossier/columns.tsx. */
export const complaintColumns: ColumnDef<ComplaintListRow>[] = [
  shared.number('grid.complaintColumns.number', 190),
  column.display({
    id: 'sender',
    meta: {
      labelKey: 'grid.complaintColumns.sender',
      sortField: 'senderName',
      width: 150,
      grow: 1,
    },
    cell: ({ row }) => (
      <span className="cell-text cell-strong" title={row.original.senderName}>
        {row.original.senderName}
      </span>
    ),
  }),
  column.display({
    id: 'title',
    meta: { labelKey: 'grid.complaintColumns.title', width: 180, grow: 2 },
    cell: ({ row }) => (
      <span className="cell-text" title={row.original.title}>
        {row.original.title}
      </span>
    ),
  }),
  shared.status('grid.complaintColumns.status', complaintStatus, 190),
  column.display({
    id: 'classification',
    meta: { labelKey: 'grid.complaintColumns.classification', width: 160 },
    cell: ({ row, table }) => {
      const meta = table.options.meta;
      const value = row.original.classification;
      if (!meta) return null;
      return value === null ? (
        <span className="cell-muted">{meta.t('classification.none')}</span>
      ) : (
        <span className="cell-text">{meta.t(`classification.${value}`)}</span>
      );
    },
  }),
  shared.received('grid.complaintColumns.received', null),
  shared.due('grid.complaintColumns.due', 168),
  column.display({
    id: 'channel',
    meta: { labelKey: 'grid.complaintColumns.channel', width: 120, defaultHidden: true },
    cell: ({ row, table }) => {
      const meta = table.options.meta;
      return meta ? (
        <span className="cell-text">{meta.t(`complaintChannel.${row.original.channel}`)}</span>
      ) : null;
    },
  }),
  shared.appointment('grid.complaintColumns.appointment'),
  shared.assignee('grid.complaintColumns.assignee'),
];
