/** What a key press on the grid means; the component carries it out. */
export type GridKeyIntent =
  | { readonly kind: 'select'; readonly index: number }
  | { readonly kind: 'open' }
  | { readonly kind: 'close' };

export interface GridKeyContext {
  readonly selected: number | null;
  readonly rowCount: number;
  /** Rows that fit in the viewport: the step of Page Up / Page Down. */
  readonly pageRows: number;
}

/** Null for keys the grid does not handle, so the browser keeps its default for them. */
export function gridKeyIntent(key: string, context: GridKeyContext): GridKeyIntent | null {
  const { selected, rowCount } = context;
  const last = rowCount - 1;
  const page = Math.max(1, context.pageRows - 1);
  const select = (index: number): GridKeyIntent | null =>
    rowCount === 0 ? null : { kind: 'select', index: Math.min(Math.max(index, 0), last) };
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
    case 'Escape':
      return { kind: 'close' };
    default:
      return null;
  }
}
