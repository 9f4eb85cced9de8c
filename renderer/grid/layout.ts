import type { GridLayout } from '@shared/contract/api';

/**
 * The officer's grid layout: column order, widths, hidden and pinned columns. Plain data with a
 * reducer, persisted per officer through prefs.set ("grid.<entity>", GridLayoutSchema), applied
 * to the table as state. Saved layouts are read defensively: columns that no longer exist are
 * dropped, new ones appear where the defaults put them, and a column the officer may not hide
 * (the record number) is shown whatever the saved layout says.
 */

export type Pin = 'left' | 'right';

/** What a column declares about its layout (from its definition's meta). */
export interface ColumnSpec {
  readonly id: string;
  /** Default width in px; with `grow`, a minimum that takes a share of the spare width. */
  readonly width: number;
  readonly grow?: number;
  /** The number column identifies the row: it stays. */
  readonly hideable: boolean;
  /** Extra columns start hidden. */
  readonly defaultHidden?: boolean;
}

export interface ColumnState {
  readonly id: string;
  /** Px width once the officer resized it; null follows the column's default sizing. */
  readonly width: number | null;
  readonly hidden: boolean;
  readonly pin: Pin | null;
}

export type Layout = readonly ColumnState[];

export const MIN_COLUMN_WIDTH = 60;
export const MAX_COLUMN_WIDTH = 1_200;
/** The checkbox column, drawn before every other and always pinned left. */
export const SELECT_COLUMN_WIDTH = 44;

export type LayoutAction =
  | { readonly type: 'resize'; readonly id: string; readonly width: number }
  | { readonly type: 'move'; readonly id: string; readonly direction: -1 | 1 }
  | { readonly type: 'moveBefore'; readonly id: string; readonly beforeId: string | null }
  | { readonly type: 'hide'; readonly id: string }
  | { readonly type: 'show'; readonly id: string }
  | { readonly type: 'pin'; readonly id: string; readonly pin: Pin | null }
  | { readonly type: 'reset' };

export function defaultLayout(specs: readonly ColumnSpec[]): Layout {
  return specs.map((spec) => ({
    id: spec.id,
    width: null,
    hidden: spec.defaultHidden === true,
    pin: null,
  }));
}

function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));
}

/** The layout from what prefs.get returned (anything: it may come from an older version). */
export function resolveLayout(specs: readonly ColumnSpec[], saved: unknown): Layout {
  const byId = new Map(specs.map((spec) => [spec.id, spec]));
  const columns = isGridLayoutLike(saved) ? saved.columns : [];
  const seen = new Set<string>();
  const layout: ColumnState[] = [];
  for (const column of columns) {
    const spec = byId.get(column.id);
    if (!spec || seen.has(column.id)) continue;
    seen.add(column.id);
    layout.push({
      id: column.id,
      width: typeof column.width === 'number' ? clampWidth(column.width) : null,
      hidden: spec.hideable && column.hidden === true,
      pin: column.pin === 'left' || column.pin === 'right' ? column.pin : null,
    });
  }
  if (layout.length === 0) return defaultLayout(specs);
  // Columns the saved layout does not know go where the defaults have them.
  specs.forEach((spec, order) => {
    if (seen.has(spec.id)) return;
    const previous = specs[order - 1]?.id;
    const at = previous === undefined ? 0 : layout.findIndex((c) => c.id === previous) + 1;
    layout.splice(at, 0, {
      id: spec.id,
      width: null,
      hidden: spec.defaultHidden === true,
      pin: null,
    });
  });
  return ensureVisible(specs, layout);
}

interface GridLayoutLike {
  readonly columns: readonly {
    readonly id: string;
    readonly width?: unknown;
    readonly hidden?: unknown;
    readonly pin?: unknown;
  }[];
}

function isGridLayoutLike(value: unknown): value is GridLayoutLike {
  if (typeof value !== 'object' || value === null) return false;
  const columns = (value as { columns?: unknown }).columns;
  return (
    Array.isArray(columns) &&
    columns.every(
      (c) => typeof c === 'object' && c !== null && typeof (c as { id?: unknown }).id === 'string',
    )
  );
}

/** Never leave the grid without a column: the first non-hideable (or first) one comes back. */
function ensureVisible(specs: readonly ColumnSpec[], layout: ColumnState[]): ColumnState[] {
  if (layout.some((c) => !c.hidden)) return layout;
  const keep = specs.find((s) => !s.hideable)?.id ?? layout[0]?.id;
  return layout.map((c) => (c.id === keep ? { ...c, hidden: false } : c));
}

export function reduceLayout(
  specs: readonly ColumnSpec[],
  layout: Layout,
  action: LayoutAction,
): Layout {
  const spec = 'id' in action ? specs.find((s) => s.id === action.id) : undefined;
  if (action.type !== 'reset' && !spec) return layout;
  const update = (id: string, patch: Partial<ColumnState>) =>
    layout.map((c) => (c.id === id ? { ...c, ...patch } : c));
  switch (action.type) {
    case 'reset':
      return defaultLayout(specs);
    case 'resize':
      return update(action.id, { width: clampWidth(action.width) });
    case 'hide': {
      if (!spec?.hideable) return layout;
      const visible = layout.filter((c) => !c.hidden);
      if (visible.length <= 1) return layout;
      return update(action.id, { hidden: true });
    }
    case 'show':
      return update(action.id, { hidden: false });
    case 'pin':
      return update(action.id, { pin: action.pin });
    case 'move': {
      // Among the columns shown in the same pinned group, one step left or right.
      const order = displayOrder(layout);
      const at = order.findIndex((c) => c.id === action.id);
      const self = order[at];
      const neighbour = order[at + action.direction];
      if (!self || !neighbour || neighbour.pin !== self.pin) return layout;
      const from = layout.findIndex((c) => c.id === self.id);
      const to = layout.findIndex((c) => c.id === neighbour.id);
      const next = [...layout];
      next[from] = neighbour;
      next[to] = self;
      return next;
    }
    case 'moveBefore': {
      if (action.beforeId === action.id) return layout;
      const moving = layout.find((c) => c.id === action.id);
      if (!moving) return layout;
      const rest = layout.filter((c) => c.id !== action.id);
      const target =
        action.beforeId === null ? -1 : rest.findIndex((c) => c.id === action.beforeId);
      const at = target < 0 ? rest.length : target;
      // Dropped among another group's columns, it joins that group.
      const pin = target < 0 ? moving.pin : (rest[target]?.pin ?? null);
      rest.splice(at, 0, { ...moving, pin });
      return rest;
    }
  }
}

/** Shown columns as drawn: pinned left, then the rest, then pinned right. */
export function displayOrder(layout: Layout): ColumnState[] {
  const shown = layout.filter((c) => !c.hidden);
  return [
    ...shown.filter((c) => c.pin === 'left'),
    ...shown.filter((c) => c.pin === null),
    ...shown.filter((c) => c.pin === 'right'),
  ];
}

/** Shown column ids in display order: what a saved view records as its columns. */
export function visibleColumnIds(layout: Layout): string[] {
  return displayOrder(layout).map((c) => c.id);
}

/**
 * A saved view's columns on top of the officer's layout: the view's columns shown, in its order,
 * every other column hidden; widths and pins stay the officer's. An empty or unknown list leaves
 * the layout as it is.
 */
export function applyViewColumns(layout: Layout, columns: readonly string[]): Layout {
  const known = new Map(layout.map((c) => [c.id, c]));
  const shown = [...new Set(columns)].filter((id) => known.has(id));
  if (shown.length === 0) return layout;
  const shownSet = new Set(shown);
  return [
    ...shown.map((id) => ({ ...(known.get(id) as ColumnState), hidden: false })),
    ...layout.filter((c) => !shownSet.has(c.id)).map((c) => ({ ...c, hidden: true })),
  ];
}

/**
 * Other spellings of column ids that saved views may carry: the core's built-in views (and views
 * saved by other clients) name columns by the row field they show. Each maps to this grid's id.
 */
export const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  applicantName: 'applicant',
  procedureName: 'procedure',
  receivedAt: 'received',
  dueAt: 'appointment',
  workingMsLeft: 'due',
  assigneeId: 'assignee',
  unitId: 'unit',
  filedAt: 'filed',
  senderName: 'sender',
};

/** A saved view's column ids as this grid knows them: aliases resolved, unknown and repeated ids dropped. */
export function normalizeColumns(ids: readonly string[], known: readonly ColumnSpec[]): string[] {
  const valid = new Set(known.map((s) => s.id));
  const out: string[] = [];
  for (const raw of ids) {
    const id = valid.has(raw) ? raw : (COLUMN_ALIASES[raw] ?? raw);
    if (valid.has(id) && !out.includes(id)) out.push(id);
  }
  return out;
}

/** What prefs.set stores: only what differs from a column's defaults, in layout order. */
export function toGridLayout(layout: Layout): GridLayout {
  return {
    columns: layout.map((c) => ({
      id: c.id,
      ...(c.width === null ? {} : { width: c.width }),
      ...(c.hidden ? { hidden: true } : {}),
      ...(c.pin === null ? {} : { pin: c.pin }),
    })),
  };
}

export function sameLayout(a: Layout, b: Layout): boolean {
  return JSON.stringify(toGridLayout(a)) === JSON.stringify(toGridLayout(b));
}

/**
 * CSS grid track for a column: a resized or pinned column has a fixed width (pins need one). A
 * growing column's minimum scales with `--grid-shrink` (1 unless the workbench narrows the grid,
 * as beside the open panel), so the columns the officer reads first — number, procedure,
 * applicant, status — stay whole instead of the status being cut off at the grid's edge.
 */
export function columnTrack(spec: ColumnSpec, state: ColumnState): string {
  if (state.width !== null) return `${state.width}px`;
  if (state.pin !== null || !spec.grow) return `${spec.width}px`;
  return `minmax(calc(${spec.width}px * var(--grid-shrink, 1)), ${spec.grow}fr)`;
}

export function columnWidth(spec: ColumnSpec, state: ColumnState): number {
  return state.width ?? spec.width;
}

/** Whether the column's minimum width scales with `--grid-shrink` (see columnTrack). */
export function columnShrinks(spec: ColumnSpec, state: ColumnState): boolean {
  return state.width === null && state.pin === null && Boolean(spec.grow);
}

/**
 * Where each pinned column sticks: `left` offsets after the checkbox column and the pinned
 * columns before it, `right` offsets from the right edge. Unpinned columns get nothing.
 */
export function stickyOffsets(
  specs: readonly ColumnSpec[],
  order: readonly ColumnState[],
  leading = SELECT_COLUMN_WIDTH,
): Map<string, { readonly side: Pin; readonly offset: number }> {
  const byId = new Map(specs.map((s) => [s.id, s]));
  const offsets = new Map<string, { side: Pin; offset: number }>();
  let left = leading;
  for (const c of order) {
    if (c.pin !== 'left') continue;
    offsets.set(c.id, { side: 'left', offset: left });
    const spec = byId.get(c.id);
    left += spec ? columnWidth(spec, c) : 0;
  }
  let right = 0;
  for (const c of [...order].reverse()) {
    if (c.pin !== 'right') continue;
    offsets.set(c.id, { side: 'right', offset: right });
    const spec = byId.get(c.id);
    right += spec ? columnWidth(spec, c) : 0;
  }
  return offsets;
}
