/**
 * The grid's multi-selection (checked rows, for bulk assign and transfer), apart from the cursor
 * row the keyboard moves. Rows are remembered by id with a label (the dossier number, to name a
 * refusal), so a selection survives rows refreshing in place; positions only say where a shift
 * range starts. One bulk call takes at most MAX_BULK ids (dossiers.actMany), so ranges and
 * "select all" stop there and say so.
 */
export const MAX_BULK = 500;

export interface Selection {
  /** id → label, in the order the rows were checked. */
  readonly ids: ReadonlyMap<string, string>;
  /** Position of the last row checked or unchecked by itself: where a shift range starts. */
  readonly anchor: number | null;
  /** The last range or "select all" was cut at MAX_BULK. */
  readonly capped: boolean;
}

export interface SelectableRow {
  readonly index: number;
  readonly id: string;
  readonly label: string;
}

export const EMPTY_SELECTION: Selection = { ids: new Map(), anchor: null, capped: false };

export function isChecked(selection: Selection, id: string): boolean {
  return selection.ids.has(id);
}

/** Checks or unchecks one row; it becomes the anchor of the next shift range. */
export function toggleRow(selection: Selection, row: SelectableRow, max = MAX_BULK): Selection {
  const ids = new Map(selection.ids);
  if (ids.has(row.id)) {
    ids.delete(row.id);
    return { ids, anchor: row.index, capped: false };
  }
  if (ids.size >= max) return { ...selection, anchor: row.index, capped: true };
  ids.set(row.id, row.label);
  return { ids, anchor: row.index, capped: false };
}

/**
 * The positions a shift-click on `index` covers, [start, end): from the anchor (or the cursor row,
 * or the row itself) to the clicked row, at most `max` rows counted from the anchor's side.
 */
export function rangeBounds(
  anchor: number | null,
  index: number,
  max = MAX_BULK,
): { readonly start: number; readonly end: number; readonly capped: boolean } {
  const from = anchor ?? index;
  if (index >= from) {
    const end = Math.min(index + 1, from + max);
    return { start: from, end, capped: index + 1 > end };
  }
  const start = Math.max(index, from - max + 1);
  return { start, end: from + 1, capped: index < start };
}

/** "Select all": the first `max` rows of the list. */
export function allBounds(
  total: number,
  max = MAX_BULK,
): { readonly start: number; readonly end: number; readonly capped: boolean } {
  return { start: 0, end: Math.min(total, max), capped: total > max };
}

/**
 * Adds the rows of a range to the selection (a shift range extends, it never unchecks), keeping
 * the total within `max`. The anchor stays, so successive shift-clicks pivot on the same row.
 */
export function addRows(
  selection: Selection,
  rows: readonly SelectableRow[],
  capped: boolean,
  max = MAX_BULK,
): Selection {
  const ids = new Map(selection.ids);
  let cut = capped;
  for (const row of rows) {
    if (ids.has(row.id)) continue;
    if (ids.size >= max) {
      cut = true;
      break;
    }
    ids.set(row.id, row.label);
  }
  return { ids, anchor: selection.anchor ?? rows[0]?.index ?? null, capped: cut };
}

/** Replaces the selection with exactly these rows (select all). */
export function selectOnly(
  rows: readonly SelectableRow[],
  capped: boolean,
  max = MAX_BULK,
): Selection {
  return addRows(EMPTY_SELECTION, rows, capped, max);
}

/** Drops ids (rows that left the list after a bulk action or a refresh). */
export function withoutIds(selection: Selection, gone: Iterable<string>): Selection {
  const ids = new Map(selection.ids);
  let changed = false;
  for (const id of gone) changed = ids.delete(id) || changed;
  return changed ? { ...selection, ids } : selection;
}

/** The header checkbox: checked, unchecked, or mixed (aria-checked="mixed"). */
export function headerState(
  selection: Selection,
  total: number,
): 'checked' | 'unchecked' | 'mixed' {
  const n = selection.ids.size;
  if (n === 0) return 'unchecked';
  return n >= Math.min(total, MAX_BULK) ? 'checked' : 'mixed';
}
