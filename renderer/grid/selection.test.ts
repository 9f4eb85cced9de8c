import { describe, expect, it } from 'vitest';
import {
  addRows,
  allBounds,
  EMPTY_SELECTION,
  headerState,
  rangeBounds,
  selectOnly,
  toggleRow,
  withoutIds,
  type SelectableRow,
} from './selection';

const row = (index: number): SelectableRow => ({ index, id: `d${index}`, label: `HS-${index}` });
const rows = (start: number, end: number) =>
  Array.from({ length: end - start }, (_, i) => row(start + i));

describe('toggleRow', () => {
  it('checks and unchecks a row and makes it the anchor', () => {
    const one = toggleRow(EMPTY_SELECTION, row(3));
    expect([...one.ids]).toEqual([['d3', 'HS-3']]);
    expect(one.anchor).toBe(3);
    const none = toggleRow(one, row(3));
    expect(none.ids.size).toBe(0);
    expect(none.anchor).toBe(3);
  });

  it('refuses to go beyond the bulk limit, and says so', () => {
    const full = selectOnly(rows(0, 3), false, 3);
    const refused = toggleRow(full, row(9), 3);
    expect(refused.ids.size).toBe(3);
    expect(refused.capped).toBe(true);
  });
});

describe('rangeBounds', () => {
  it('spans from the anchor to the clicked row, either way', () => {
    expect(rangeBounds(5, 9)).toEqual({ start: 5, end: 10, capped: false });
    expect(rangeBounds(9, 5)).toEqual({ start: 5, end: 10, capped: false });
    expect(rangeBounds(null, 4)).toEqual({ start: 4, end: 5, capped: false });
  });

  it('stops at the limit counted from the anchor', () => {
    expect(rangeBounds(10, 1_000, 500)).toEqual({ start: 10, end: 510, capped: true });
    expect(rangeBounds(1_000, 10, 500)).toEqual({ start: 501, end: 1_001, capped: true });
  });
});

describe('allBounds', () => {
  it('takes the whole list when it fits, else the first rows', () => {
    expect(allBounds(120)).toEqual({ start: 0, end: 120, capped: false });
    expect(allBounds(1_000_000)).toEqual({ start: 0, end: 500, capped: true });
  });
});

describe('addRows', () => {
  it('extends without unchecking, keeps the anchor and the limit', () => {
    const start = toggleRow(toggleRow(EMPTY_SELECTION, row(2)), row(7));
    const extended = addRows(start, rows(5, 9), false);
    expect([...extended.ids.keys()]).toEqual(['d2', 'd7', 'd5', 'd6', 'd8']);
    expect(extended.anchor).toBe(7);
    const capped = addRows(EMPTY_SELECTION, rows(0, 10), false, 4);
    expect(capped.ids.size).toBe(4);
    expect(capped.capped).toBe(true);
  });
});

describe('withoutIds and headerState', () => {
  it('drops rows that left and keeps the same object when nothing changed', () => {
    const selected = selectOnly(rows(0, 3), false);
    expect([...withoutIds(selected, ['d1']).ids.keys()]).toEqual(['d0', 'd2']);
    expect(withoutIds(selected, ['zz'])).toBe(selected);
  });

  it('tells the header checkbox what to show', () => {
    expect(headerState(EMPTY_SELECTION, 10)).toBe('unchecked');
    expect(headerState(selectOnly(rows(0, 3), false), 10)).toBe('mixed');
    expect(headerState(selectOnly(rows(0, 10), false), 10)).toBe('checked');
    expect(headerState(selectOnly(rows(0, 500), true), 1_000_000)).toBe('checked');
  });
});
