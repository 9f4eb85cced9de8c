/** What a key press on the grid means; the component carries it out. */
export type GridKeyIntent =
  /** Move the cursor row; `extend` (Shift) also checks the rows passed over. */
  | { readonly kind: 'select'; readonly index: number; readonly extend?: true }
  | { readonly kind: 'open' }
  | { readonly kind: 'close' }
  /** Check or uncheck the cursor row (Space). */
  | { readonly kind: 'toggle' }
  /** Check every row, up to the bulk limit (Ctrl/Cmd+A). */
  | { readonly kind: 'selectAll' };

export interface GridKeyContext {
  readonly selected: number | null;
  readonly rowCount: number;
  /** Rows that fit in the viewport: the step of Page Up / Page Down. */
  readonly pageRows: number;
}

export interface GridKeyModifiers {
  readonly shift?: boolean;
  /** Ctrl, or Cmd on a Mac. */
  readonly mod?: boolean;
}

/** Null for keys the grid does not handle, so the browser keeps its default for them. */
export function gridKeyIntent(
  key: string,
  context: GridKeyContext,
  modifiers: GridKeyModifiers = {},
): GridKeyIntent | null {
  const { selected, rowCount } = context;
  const last = rowCount - 1;
  const page = Math.max(1, context.pageRows - 1);
  const extend = modifiers.shift === true && (key === 'ArrowDown' || key === 'ArrowUp');
  const select = (index: number): GridKeyIntent | null => {
    if (rowCount === 0) return null;
    const target = Math.min(Math.max(index, 0), last);
    return extend
      ? { kind: 'select', index: target, extend: true }
      : { kind: 'select', index: target };
  };
  if (modifiers.mod) {
    if (key === 'a' || key === 'A') return rowCount === 0 ? null : { kind: 'selectAll' };
    return null;
  }
  switch (key) {
    case 'ArrowDown':
      return select(selected === null ? 0 : selected + 1);
    case 'ArrowUp':
      return select(selected === null ? 0 : selected - 1);
    case 'PageDown':
      return select(selected === null ? 0 : selected + page);
    case 'PageUp':
      return select(selected === null ? 0 : selected - page);
    case 'Home':
      return select(0);
    case 'End':
      return select(last);
    case 'Enter':
      return selected === null || rowCount === 0 ? null : { kind: 'open' };
    case ' ':
      return selected === null || rowCount === 0 ? null : { kind: 'toggle' };
    case 'Escape':
      return { kind: 'close' };
    default:
      return null;
  }
}
