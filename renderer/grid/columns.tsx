import { createColumnHelper } from '@tanstack/react-table';
import type { DossierRow } from '@shared/model';
import { AlertIcon, ClockIcon } from '../ui/icons';
import { StatusBadge } from '../ui/StatusBadge';
import { dossierDeadlineState } from '@shared/domain/deadline';

const column = createColumnHelper<DossierRow>();

/**
 * The dossier grid's columns, in display order. To add one: add a label under grid.columns in
 * both resource files, then an entry here (see renderer/README.md).
 */
export const dossierColumns = [
  column.accessor('number', {
    id: 'number',
    meta: { labelKey: 'grid.columns.number', sortField: 'number', width: 196 },
    cell: (info) => <span className="cell-number">{info.getValue()}</span>,
  }),
  column.accessor('procedureName', {
    id: 'procedure',
    meta: { labelKey: 'grid.columns.procedure', sortField: 'procedureName', width: 160, grow: 2 },
    cell: (info) => (
      <span className="cell-text" title={`${info.row.original.procedureCode} · ${info.getValue()}`}>
        {info.getValue()}
      </span>
    ),
  }),
  column.accessor('applicantName', {
    id: 'applicant',
    meta: { labelKey: 'grid.columns.applicant', sortField: 'applicantName', width: 136, grow: 1 },
    cell: (info) => (
      <span className="cell-text cell-strong" title={info.getValue()}>
        {info.getValue()}
      </span>
    ),
  }),
  column.accessor('status', {
    id: 'status',
    meta: { labelKey: 'grid.columns.status', sortField: 'status', width: 196, grow: 1 },
    cell: (info) => <StatusBadge status={info.getValue()} />,
  }),
  column.accessor('receivedAt', {
    id: 'received',
    meta: { labelKey: 'grid.columns.received', sortField: 'receivedAt', width: 150 },
    cell: ({ getValue, table }) => {
      const meta = table.options.meta;
      const value = getValue();
      if (!meta) return null;
      if (value === null) return <span className="cell-muted">{meta.t('grid.notReceived')}</span>;
      return <span className="cell-date">{meta.format.dateTime(value)}</span>;
    },
  }),
  column.accessor('dueAt', {
    id: 'due',
    meta: { labelKey: 'grid.columns.due', sortField: 'dueAt', width: 160 },
    cell: ({ getValue, row, table }) => {
      const meta = table.options.meta;
      const value = getValue();
      if (!meta) return null;
      if (value === null) return <span className="cell-muted">{meta.t('grid.noDue')}</span>;
      const state = dossierDeadlineState(row.original, meta.now);
      const label = meta.t(`deadline.${state}`);
      return (
        <span className={`cell-due cell-due--${state}`} title={label}>
          <span className="cell-date">{meta.format.dateTime(value)}</span>
          {state === 'overdue' ? (
            <AlertIcon className="deadline-icon" width={14} height={14} />
          ) : null}
          {state === 'due_soon' ? (
            <ClockIcon className="deadline-icon" width={14} height={14} />
          ) : null}
          <span className="visually-hidden">{label}</span>
        </span>
      );
    },
  }),
];
