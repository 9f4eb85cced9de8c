import type { Dispatch } from 'react';
import type { ListState, WorkbenchEvent } from '../../app/workbench-state';
import type { GridRow } from '../../grid/RecordGrid';
import type { RowStore } from '../../grid/row-store';
import { allBounds, headerState, rangeBounds, type SelectableRow } from '../../grid/selection';
import type { KindQuery } from '../../kinds/kind';

export interface SelectionEvents {
  /** A row's checkbox (toggle), or Shift with a click or an arrow (a range from the anchor). */
  readonly check: (index: number, mode: 'toggle' | 'range') => void;
  /** The header's checkbox or Ctrl/Cmd+A: everything (up to the bulk limit), or nothing. */
  readonly checkAll: () => void;
}

const selectable = (rows: readonly GridRow[], start: number): SelectableRow[] =>
  rows.map((row, i) => ({ index: start + i, id: row.id, label: row.number }));

/**
 * Checking rows in the grid, as workbench events. Rows of a range may not be loaded yet: they
 * are read from the store first, and the event names the list they were read for, so rows that
 * arrive after the list changed check nothing in the new one.
 */
export function useSelectionEvents(
  dispatch: Dispatch<WorkbenchEvent>,
  store: RowStore<GridRow, KindQuery>,
  key: string,
  list: ListState,
  total: number,
): SelectionEvents {
  const check = (index: number, mode: 'toggle' | 'range') => {
    if (mode === 'toggle') {
      const row = store.getRow(index);
      if (row)
        dispatch({ type: 'rowToggled', list: key, row: { index, id: row.id, label: row.number } });
      return;
    }
    const { start, end, capped } = rangeBounds(list.selection.anchor ?? list.cursor, index);
    void store.rowsBetween(start, end).then((result) => {
      if (!result.ok) return;
      const rows = selectable(result.value, start);
      dispatch({ type: 'rowsChecked', list: key, rows, capped, only: false });
    });
  };
  const checkAll = () => {
    if (headerState(list.selection, total) === 'checked') {
      dispatch({ type: 'selectionCleared' });
      return;
    }
    const { start, end, capped } = allBounds(total);
    void store.rowsBetween(start, end).then((result) => {
      if (!result.ok) return;
      const rows = selectable(result.value, start);
      dispatch({ type: 'rowsChecked', list: key, rows, capped, only: true });
    });
  };
  return { check, checkAll };
}
