import { createColumnHelper } from '@tanstack/react-table';
import type { DossierListRow } from '@shared/contract/api';
import { StatusBadge } from '../ui/StatusBadge';
import { AssigneeCell, DateCell, DueCell, NumberCell, UnitCell } from './cells';

const column = createColumnHelper<DossierListRow>();

/**
 * The dossier grid's columns, in default order: the first six are shown, the rest can be shown
 * from the column chooser. Display columns (the store sorts, the table never reads values), each
 * with a stable `id` that becomes `cell-<id>` and `sort-header-<id>`. To add one: see
 * renderer/README.md.
 */
export const dossierColumns = [
  column.display({
    id: 'number',
    meta: {
      labelKey: 'grid.columns.number',
      sortField: 'number',
      width: 210,
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
    id: 'procedure',
    meta: { labelKey: 'grid.columns.procedure', sortField: 'procedureName', width: 160, grow: 2 },
    cell: ({ row }) => (
      <span
        className="cell-text"
        title={`${row.original.procedureCode} · ${row.original.procedureName}`}
      >
        {row.original.procedureName}
      </span>
    ),
  }),
  column.display({
    id: 'applicant',
    meta: { labelKey: 'grid.columns.applicant', sortField: 'applicantName', width: 136, grow: 1 },
    cell: ({ row }) => (
      <span className="cell-text cell-strong" title={row.original.applicantName}>
        {row.original.applicantName}
      </span>
    ),
  }),
  column.display({
    id: 'status',
    meta: {
      labelKey: 'grid.columns.status',
      sortField: 'status',
      width: 196,
      grow: 1,
      filter: 'status',
    },
    cell: ({ row }) => <StatusBadge status={row.original.status} />,
  }),
  column.display({
    id: 'received',
    meta: { labelKey: 'grid.columns.received', sortField: 'receivedAt', width: 150 },
    cell: ({ row, table }) => {
      const meta = table.options.meta;
      return meta ? (
        <DateCell value={row.original.receivedAt} meta={meta} empty={meta.t('grid.notReceived')} />
      ) : null;
    },
  }),
  column.display({
    id: 'due',
    meta: { labelKey: 'grid.columns.due', sortField: 'dueAt', width: 184, filter: 'deadline' },
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
    id: 'appointment',
    meta: {
      labelKey: 'grid.extraColumns.appointment',
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
    id: 'procedureCode',
    meta: { labelKey: 'grid.extraColumns.procedureCode', width: 130, defaultHidden: true },
    cell: ({ row }) => <span className="cell-text mono">{row.original.procedureCode}</span>,
  }),
  column.display({
    id: 'filed',
    meta: { labelKey: 'grid.extraColumns.filed', width: 150, defaultHidden: true },
    cell: ({ row, table }) => {
      const meta = table.options.meta;
      return meta ? <DateCell value={row.original.filedAt} meta={meta} empty="" /> : null;
    },
  }),
  column.display({
    id: 'assignee',
    meta: {
      labelKey: 'grid.extraColumns.assignee',
      width: 150,
      defaultHidden: true,
      filter: 'assignee',
    },
    cell: ({ row, table }) => {
      const meta = table.options.meta;
      return meta ? <AssigneeCell assigneeId={row.original.assigneeId} meta={meta} /> : null;
    },
  }),
  column.display({
    id: 'unit',
    meta: { labelKey: 'grid.extraColumns.unit', width: 150, defaultHidden: true },
    cell: ({ row }) => <UnitCell unitId={row.original.unitId} />,
  }),
];
