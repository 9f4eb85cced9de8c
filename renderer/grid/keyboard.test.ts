import { describe, expect, it } from 'vitest';
import { gridKeyIntent } from './keyboard';

const ctx = (selected: number | null, rowCount = 100, pageRows = 20) => ({
  selected,
  rowCount,
  pageRows,
});

describe('gridKeyIntent', () => {
  it('moves the selection with arrows and stays inside the list', () => {
    expect(gridKeyIntent('ArrowDown', ctx(null))).toEqual({ kind: 'select', index: 0 });
    expect(gridKeyIntent('ArrowDown', ctx(4))).toEqual({ kind: 'select', index: 5 });
    expect(gridKeyIntent('ArrowDown', ctx(99))).toEqual({ kind: 'select', index: 99 });
    expect(gridKeyIntent('ArrowUp', ctx(0))).toEqual({ kind: 'select', index: 0 });
    expect(gridKeyIntent('ArrowUp', ctx(7))).toEqual({ kind: 'select', index: 6 });
  });

  it('pages by one viewport less a row of overlap, and jumps to the ends', () => {
    expect(gridKeyIntent('PageDown', ctx(10))).toEqual({ kind: 'select', index: 29 });
    expect(gridKeyIntent('PageUp', ctx(10))).toEqual({ kind: 'select', index: 0 });
    expect(gridKeyIntent('Home', ctx(50))).toEqual({ kind: 'select', index: 0 });
    expect(gridKeyIntent('End', ctx(0, 1_000_000))).toEqual({ kind: 'select', index: 999_999 });
  });

  it('opens only a selected row and always lets Esc close', () => {
    expect(gridKeyIntent('Enter', ctx(3))).toEqual({ kind: 'open' });
    expect(gridKeyIntent('Enter', ctx(null))).toBeNull();
    expect(gridKeyIntent('Escape', ctx(null))).toEqual({ kind: 'close' });
  });

  it('ignores keys on an empty list and keys it does not own', () => {
    expect(gridKeyIntent('ArrowDown', ctx(null, 0))).toBeNull();
    expect(gridKeyIntent('Enter', ctx(0, 0))).toBeNull();
    expect(gridKeyIntent('a', ctx(3))).toBeNull();
    expect(gridKeyIntent('Tab', ctx(3))).toBeNull();
  });
});

describe('gridKeyIntent with modifiers (multi-select)', () => {
  it('extends the checked rows with Shift+arrows, but not other keys', () => {
    expect(gridKeyIntent('ArrowDown', ctx(4), { shift: true })).toEqual({
      kind: 'select',
      index: 5,
      extend: true,
    });
    expect(gridKeyIntent('End', ctx(4), { shift: true })).toEqual({ kind: 'select', index: 99 });
  });

  it('checks the cursor row with Space and everything with Ctrl/Cmd+A', () => {
    expect(gridKeyIntent(' ', ctx(4))).toEqual({ kind: 'toggle' });
    expect(gridKeyIntent(' ', ctx(null))).toBeNull();
    expect(gridKeyIntent('a', ctx(null), { mod: true })).toEqual({ kind: 'selectAll' });
    expect(gridKeyIntent('A', ctx(null, 0), { mod: true })).toBeNull();
    expect(gridKeyIntent('c', ctx(3), { mod: true })).toBeNull();
  });
});
