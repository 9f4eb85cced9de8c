import { describe, expect, it } from 'vitest';
import {
  contentOffsetAt,
  EMPTY_WINDOW,
  createScrollScale,
  liveRows,
  MAX_SCROLL_HEIGHT_PX,
  rowOffsetInScrollElement,
  rowWindow,
  scrollTopFor,
  scrollTopToReveal,
  visibleRows,
  type RowWindow,
} from './scroll-scale';

const ROW = 36;
const VIEWPORT = 720;

describe('createScrollScale', () => {
  it('does not scale a list that fits (200,000 rows)', () => {
    const scale = createScrollScale(200_000, ROW);
    expect(scale.scaled).toBe(false);
    expect(scale.scrollHeight).toBe(7_200_000);
    expect(scale.scrollRowHeight).toBe(ROW);
    expect(contentOffsetAt(scale, 12_345, VIEWPORT)).toBe(12_345);
    expect(rowOffsetInScrollElement(scale, 10, 999, VIEWPORT)).toBe(360);
  });

  it('caps the scroll range of a million rows under the browser limit', () => {
    const scale = createScrollScale(1_000_000, ROW);
    expect(scale.scaled).toBe(true);
    expect(scale.scrollHeight).toBe(MAX_SCROLL_HEIGHT_PX);
    expect(scale.scrollHeight).toBeLessThan(33_554_400);
    expect(scale.scrollRowHeight).toBeLessThan(ROW);
  });

  it('handles an empty list', () => {
    const scale = createScrollScale(0, ROW);
    expect(scale.scrollHeight).toBe(0);
    expect(visibleRows(scale, 0, VIEWPORT)).toBeNull();
    expect(contentOffsetAt(scale, 100, VIEWPORT)).toBe(0);
  });
});

describe('a scaled million-row list', () => {
  const scale = createScrollScale(1_000_000, ROW);
  const maxScrollTop = scale.scrollHeight - VIEWPORT;

  it('lines up both ends exactly', () => {
    expect(contentOffsetAt(scale, 0, VIEWPORT)).toBe(0);
    expect(contentOffsetAt(scale, maxScrollTop, VIEWPORT)).toBe(scale.contentHeight - VIEWPORT);
    expect(visibleRows(scale, 0, VIEWPORT)).toEqual([0, 19]);
    expect(visibleRows(scale, maxScrollTop, VIEWPORT)).toEqual([999_980, 999_999]);
  });

  it('round-trips scrollTop and content offset', () => {
    for (const scrollTop of [0, 1, 777, 15_000_000.5, maxScrollTop]) {
      const offset = contentOffsetAt(scale, scrollTop, VIEWPORT);
      expect(scrollTopFor(scale, offset, VIEWPORT)).toBeCloseTo(scrollTop, 6);
    }
  });

  it('places visible rows at their real height, one under the other', () => {
    const scrollTop = 12_000_000;
    const [first] = visibleRows(scale, scrollTop, VIEWPORT) ?? [0, 0];
    const a = rowOffsetInScrollElement(scale, first, scrollTop, VIEWPORT);
    const b = rowOffsetInScrollElement(scale, first + 1, scrollTop, VIEWPORT);
    expect(b - a).toBeCloseTo(ROW, 6);
    // The first visible row straddles the viewport's top edge (which sits at scrollTop).
    expect(a).toBeLessThanOrEqual(scrollTop);
    expect(a + ROW).toBeGreaterThan(scrollTop);
  });

  it('reveals the last row and a row above the viewport', () => {
    const toEnd = scrollTopToReveal(scale, 999_999, 0, VIEWPORT);
    expect(toEnd).toBeCloseTo(maxScrollTop, 3);
    const middle = 15_000_000;
    const [first] = visibleRows(scale, middle, VIEWPORT) ?? [0, 0];
    const up = scrollTopToReveal(scale, first - 5, middle, VIEWPORT);
    expect(up).not.toBeNull();
    expect(visibleRows(scale, up ?? 0, VIEWPORT)?.[0]).toBe(first - 5);
    expect(scrollTopToReveal(scale, first + 3, middle, VIEWPORT)).toBeNull();
  });
});

describe('rowWindow', () => {
  const OVERSCAN = 6;
  // 720 px of 36 px rows: 20 rows, one more partly visible, and the margins.
  const DRAWN = 20 + 1 + 2 * OVERSCAN;

  it('draws the visible rows with a margin on each side', () => {
    const scale = createScrollScale(200_000, ROW);
    const w = rowWindow(scale, 100 * ROW + 10, VIEWPORT, OVERSCAN);
    expect([w.first, w.last]).toEqual([100, 120]);
    expect([w.start, w.end]).toEqual([94, 94 + DRAWN]);
  });

  it('draws the same number of rows everywhere, ends included, scaled or not', () => {
    for (const count of [200_000, 1_000_000]) {
      const scale = createScrollScale(count, ROW);
      const range = scale.scrollHeight - VIEWPORT;
      const sizes = new Set<number>();
      for (let i = 0; i <= 1000; i++) {
        const w = rowWindow(scale, (range * i) / 1000 + (i % 7) * 3.3, VIEWPORT, OVERSCAN);
        expect(w.start).toBeLessThanOrEqual(w.first);
        expect(w.end).toBeGreaterThan(w.last);
        expect(w.end).toBeLessThanOrEqual(count);
        sizes.add(w.end - w.start);
      }
      expect([...sizes]).toEqual([DRAWN]);
      const bottom = rowWindow(scale, range, VIEWPORT, OVERSCAN);
      expect(bottom.last).toBe(count - 1);
      expect(bottom.end).toBe(count);
    }
  });

  it('draws every row of a short list, and nothing without a viewport', () => {
    const scale = createScrollScale(5, ROW);
    expect(rowWindow(scale, 0, VIEWPORT, OVERSCAN)).toEqual({
      first: 0,
      last: 4,
      start: 0,
      end: 5,
    });
    expect(rowWindow(scale, 0, 0, OVERSCAN)).toEqual(EMPTY_WINDOW);
    expect(rowWindow(createScrollScale(0, ROW), 0, VIEWPORT, OVERSCAN)).toEqual(EMPTY_WINDOW);
  });
});

describe('liveRows', () => {
  // 20 visible rows and 6 more on each side: [first, last] = [106, 125] in [100, 132).
  const at = (first: number): RowWindow => ({
    first,
    last: first + 19,
    start: first - 6,
    end: first + 26,
  });

  it('draws the visible rows and a few ahead of the scroll, fewer behind', () => {
    expect(liveRows(null, at(106), 1, 3, 1)).toEqual({ start: 105, end: 129 });
    expect(liveRows(null, at(106), -1, 3, 1)).toEqual({ start: 103, end: 127 });
  });

  it('keeps rows drawn before while the window keeps them', () => {
    const full = { start: 100, end: 132 };
    // Two rows down: rows 102…131 were drawn and stay; 132 and 133, new in the window and past
    // the rows needed ahead, wait as placeholders.
    expect(liveRows(full, at(108), 1, 3, 1)).toEqual({ start: 102, end: 132 });
    // Further down the needed rows reach past what was drawn.
    expect(liveRows(full, at(112), 1, 3, 1)).toEqual({ start: 106, end: 135 });
  });

  it('starts afresh after a jump past everything drawn', () => {
    expect(liveRows({ start: 100, end: 132 }, at(5006), 1, 3, 1)).toEqual({
      start: 5005,
      end: 5029,
    });
  });

  it('stays inside the window near the ends of the list', () => {
    const top: RowWindow = { first: 0, last: 19, start: 0, end: 32 };
    expect(liveRows(null, top, -1, 3, 1)).toEqual({ start: 0, end: 21 });
    expect(liveRows(null, EMPTY_WINDOW, 1, 3, 1)).toEqual({ start: 0, end: 0 });
  });
});
