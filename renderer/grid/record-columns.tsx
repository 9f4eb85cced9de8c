import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { DeadlineState } from '@shared/model/codes';
import type { StatusWords } from '../kinds/kind';
import { StatusBadgeMark } from '../ui/StatusBadge';
import { AssigneeCell, DateCell, DueCell, NumberCell } from './cells';
import type { GridRow } from './RecordGrid';
import type { ColumnLabelKey } from './table-meta';

/** What every kind's list row carries, which the columns below read. */
export interface RecordListRow extends GridRow {
  readonly status: string | number;
  readonly receivedAt: number | null;
  readonly dueAt: number | null;
  readonly deadlineState: DeadlineState;
  readonly workingMsLeft: number | null;
  readonly assigneeId: string | null;
}

/**
 * The columns every kind's grid has (number, status, received, time left, appointment,
 * assignee), with the kind's labels and widths. A kind's columns.tsx lists these among its own.
 */
export function recordColumns<Row extends RecordListRow>() {
  const column = createColumnHelper<Row>();
  return {
    /** Names the row: never hidden; filters on changes waiting to sync. */
    number: (labelKey: ColumnLabelKey, width: number): ColumnDef<Row> =>
      column.display({
        id: 'number',
        meta: { labelKey, sortField: 'number', width, hideable: false, filter: 'pending' },
        cell: ({ row, table }) => {
          const meta = table.options.meta;
          return meta ? (
            <NumberCell number={row.original.number} pending={row.original.pending} meta={meta} />
          ) : null;
        },
      }),
    status: (labelKey: ColumnLabelKey, words: StatusWords, width: number): ColumnDef<Row> =>
      column.display({
        id: 'status',
        meta: { labelKey, sortField: 'status', width, grow: 1, filter: 'status' },
        cell: ({ row, table }) => {
          const meta = table.options.meta;
          return meta ? (
            <StatusBadgeMark status={row.original.status} words={words} t={meta.t} />
          ) : null;
        },
      }),
    /** `empty`: the words for a record not received yet (a key of the cell's `t`), or none. */
    received: (labelKey: ColumnLabelKey, empty: 'grid.notReceived' | null): ColumnDef<Row> =>
      column.display({
        id: 'received',
        meta: { labelKey, sortField: 'receivedAt', width: 150 },
        cell: ({ row, table }) => {
          const meta = table.options.meta;
          return meta ? (
            <DateCell
              value={row.original.receivedAt}
              meta={meta}
              empty={empty === null ? '' : meta.t(empty)}
            />
          ) : null;
        },
      }),
    due: (labelKey: ColumnLabelKey, width: number): ColumnDef<Row> =>
      column.display({
        id: 'due',
        meta: { labelKey, sortField: 'dueAt', width, filter: 'deadline' },
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
    appointment: (labelKey: ColumnLabelKey): ColumnDef<Row> =>
      column.display({
        id: 'appointment',
        meta: { labelKey, sortField: 'dueAt', width: 150, defaultHidden: true },
        cell: ({ row, table }) => {
          const meta = table.options.meta;
          return meta ? (
            <DateCell value={row.original.dueAt} meta={meta} empty={meta.t('grid.noDue')} />
          ) : null;
        },
      }),
    assignee: (labelKey: ColumnLabelKey): ColumnDef<Row> =>
      column.display({
        id: 'assignee',
        meta: { labelKey, width: 150, defaultHidden: true, filter: 'assignee' },
        cell: ({ row, table }) => {
          const meta = table.options.meta;
          return meta ? <AssigneeCell assigneeId={row.original.assigneeId} meta={meta} /> : null;
        },
      }),
  };
}
