import type { RowData } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import type { Formatter } from '../format/format';
import type { vi } from '../i18n/resources/vi';

export type ColumnLabelKey =
  | `grid.columns.${keyof typeof vi.grid.columns}`
  | `grid.complaintColumns.${keyof typeof vi.grid.complaintColumns}`
  | `grid.extraColumns.${keyof typeof vi.grid.extraColumns}`;

/** Which contract filter a column's header offers (see filters.ts). */
export type ColumnFilterKind = 'status' | 'deadline' | 'pending' | 'assignee';

/**
 * What every grid column declares besides its cell: its label, what it sorts by in the contract
 * (absent = not sortable), its default width and growth, whether the officer may hide it and
 * whether it starts hidden, and the filter its header offers. The grid lays columns out with one
 * CSS grid template from these and the officer's layout (layout.ts).
 */
export interface GridColumnMeta {
  readonly labelKey: ColumnLabelKey;
  /** Sort field of the contract; the store sorts, never the table. */
  readonly sortField?: string;
  /** Default width in px; with `grow`, the column takes a share of the spare width. */
  readonly width: number;
  readonly grow?: number;
  readonly align?: 'start' | 'end';
  /** False for the column that names the record. Default true. */
  readonly hideable?: boolean;
  readonly defaultHidden?: boolean;
  readonly filter?: ColumnFilterKind;
}

/** Shared with every cell, so cells are plain functions with no hooks of their own. */
export interface GridTableMeta {
  readonly t: TFunction;
  readonly format: Formatter;
  readonly now: number;
  /** The signed-in officer, to say "me" instead of an id. */
  readonly officerId: string | null;
}

declare module '@tanstack/react-table' {
  // Declaration merging needs an interface with the library's own type parameters.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type
  interface ColumnMeta<TData extends RowData, TValue> extends GridColumnMeta {}
  // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type
  interface TableMeta<TData extends RowData> extends GridTableMeta {}
}
