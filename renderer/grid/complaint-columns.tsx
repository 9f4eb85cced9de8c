import { createColumnHelper } from '@tanstack/react-table';
import type { ComplaintListRow } from '@shared/contract/api';
import { ComplaintStatusBadge } from '../ui/ComplaintStatusBadge';
import { AssigneeCell, DateCell, DueCell, NumberCell } from './cells';

const column = createColumnHelper<ComplaintListRow>();

/** The complaint grid's columns (PAKN), in default order; see columns.tsx. */
export const complaintColumns = [
  column.display({
    id: 'number',
    meta: {
      labelKey: 'grid.complaintColumns.number',
      sortField: 'number',
      width: 190,
      hideable: false,
      filter: 'pending',
    },
    cell: ({ row, table }) => {
      const meta = table.options.meta;
      return meta ? (
        <NumberCell number={row.original.number} pending={row.original.pending} meta={meta} />
      ) : null;
    },
  }),
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
  column.display({
    id: 'status',
    meta: {
      labelKey: 'grid.complaintColumns.status',
      sortField: 'status',
      width: 190,
      grow: 1,
      filter: 'status',
    },
    cell: ({ row }) => <ComplaintStatusBadge status={row.original.status} />,
  }),
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
  column.display({
    id: 'received',
    meta: { labelKey: 'grid.complaintColumns.received', sortField: 'receivedAt', width: 150 },
    cell: ({ row, table }) => {
      const meta = table.options.meta;
      return meta ? <DateCell value={row.original.receivedAt} meta={meta} empty="" /> : null;
    },
  }),
  column.display({
    id: 'due',
    meta: {
      labelKey: 'grid.complaintColumns.due',
      sortField: 'dueAt',
      width: 168,
      filter: 'deadline',
    },
    cell: ({ row, table }) => {
      const meta = table.options.meta;
      const r = row.original;
      return meta ? (
        <DueCell
          state={r.deadlineState}
          workingMsLeft={r.workingMsLeft}
          dueAt={r.dueAt}
          meta={meta}
        />
      ) : null;
    },
  }),
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
  column.display({
    id: 'appointment',
    meta: {
      labelKey: 'grid.complaintColumns.appointment',
      sortField: 'dueAt',
      width: 150,
      defaultHidden: true,
    },
    cell: ({ row, table }) => {
      const meta = table.options.meta;
      return meta ? (
        <DateCell value={row.original.dueAt} meta={meta} empty={meta.t('grid.noDue')} />
      ) : null;
    },
  }),
  column.display({
    id: 'assignee',
    meta: {
      labelKey: 'grid.complaintColumns.assignee',
      width: 150,
      defaultHidden: true,
      filter: 'assignee',
    },
    cell: ({ row, table }) => {
      const meta = table.options.meta;
      return meta ? <AssigneeCell assigneeId={row.original.assigneeId} meta={meta} /> : null;
    },
  }),
];
