import type { RowData } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import type { Formatter } from '../format/format';
import type { vi } from '../i18n/resources/vi';

export type ColumnLabelKey = `grid.columns.${keyof typeof vi.grid.columns}`;

/**
 * What every grid column may declare besides its cell: how wide it is, what it sorts by in the
 * contract (absent = not sortable), and its translated label. The grid lays columns out with CSS
 * grid from these, so hiding, reordering or resizing a column (issue 5) is table state only.
 */
export interface GridColumnMeta {
  readonly labelKey: ColumnLabelKey;
  /** Sort field of the contract; the store sorts, never the table. */
  readonly sortField?: string;
  /** Minimum width in px; with `grow`, the column takes a share of the spare width. */
  readonly width: number;
  readonly grow?: number;
  readonly align?: 'start' | 'end';
}

/** Shared with every cell, so cells are plain functions with no hooks of their own. */
export interface GridTableMeta {
  readonly t: TFunction;
  readonly format: Formatter;
  readonly now: number;
}

declare module '@tanstack/react-table' {
  // Declaration merging needs an interface with the library's own type parameters.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type
  interface ColumnMeta<TData extends RowData, TValue> extends GridColumnMeta {}
  // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type
  interface TableMeta<TData extends RowData> extends GridTableMeta {}
}

/** CSS grid-template-columns for the visible columns, in their order. */
export function gridTemplate(columns: readonly (GridColumnMeta | undefined)[]): string {
  return columns
    .map((meta) => {
      if (!meta) return 'minmax(120px, 1fr)';
      return meta.grow ? `minmax(${meta.width}px, ${meta.grow}fr)` : `${meta.width}px`;
    })
    .join(' ');
}
