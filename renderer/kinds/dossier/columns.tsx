import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { DossierListRow } from '@shared/contract/api';
import { DateCell, UnitCell } from '../../grid/cells';
import { recordColumns } from '../../grid/record-columns';
import { dossierStatus } from './status';

const column = createColumnHelper<DossierListRow>();
const shared = recordColumns<DossierListRow>();

/**
 * The dossier grid's columns, in default order: the first six are shown, the rest can be shown
 * from the column chooser. Display columns (the store sorts, the table never reads values), each
 * with a stable `id` that becomes `cell-<id>` and `sort-header-<id>`. To add one: see
 * renderer/README.md.
 */
export const dossierColumns: ColumnDef<DossierListRow>[] = [
  shared.number('grid.columns.number', 210),
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
  shared.status('grid.columns.status', dossierStatus, 196),
  shared.received('grid.columns.received', 'grid.notReceived'),
  shared.due('grid.columns.due', 184),
  shared.appointment('grid.extraColumns.appointment'),
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
  shared.assignee('grid.extraColumns.assignee'),
  column.display({
    id: 'unit',
    meta: { labelKey: 'grid.extraColumns.unit', width: 150, defaultHidden: true },
    cell: ({ row }) => <UnitCell unitId={row.original.unitId} />,
  }),
];
