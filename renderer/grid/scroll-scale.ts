/**
 * The one place that knows browsers cap an element's height (Chromium near 33,554,400 px).
 * 200,000 rows of 36 px fit (7.2 M px); 1,000,000 do not (36 M px). Beyond the cap the grid keeps
 * rows at their real height on screen but gives each row less than its height of scroll range,
 * so the scrollbar still spans the whole list and the last row is reachable.
 *
 * Two coordinate systems:
 *  - scrollTop: the scroll container's own offset, 0 … scrollHeight − viewport;
 *  - content offset: where the viewport's top edge is in the unscaled list of rows
 *    (row i starts at i × rowHeight), 0 … contentHeight − viewport.
 * The content offset maps linearly from scrollTop so that both ends line up exactly. With no
 * scaling the two coincide, and everything below reduces to the identity. The grid draws a
 * window of rows (rowWindow) one after the other, its first row placed in the scroll-range
 * element by rowOffsetInScrollElement.
 */

/** Under Chromium's cap with room to spare; also under Firefox's (~17.9 M px) is not needed. */
export const MAX_SCROLL_HEIGHT_PX = 30_000_000;

export interface ScrollScale {
  readonly rowCount: number;
  /** Height of a row on screen. */
  readonly rowHeight: number;
  /** Scroll range per row: rowHeight, or less when the list is too tall. */
  readonly scrollRowHeight: number;
  /** Height of the element that gives the container its scroll range. */
  readonly scrollHeight: number;
  /** Height of all rows at their real height. */
  readonly contentHeight: number;
  /** True when scrollRowHeight < rowHeight. */
  readonly scaled: boolean;
}

export function createScrollScale(
  rowCount: number,
  rowHeight: number,
  maxScrollHeight: number = MAX_SCROLL_HEIGHT_PX,
): ScrollScale {
  const count = Math.max(0, Math.floor(rowCount));
  const contentHeight = count * rowHeight;
  const scaled = contentHeight > maxScrollHeight;
  const scrollRowHeight = scaled ? maxScrollHeight / count : rowHeight;
  return {
    rowCount: count,
    rowHeight,
    scrollRowHeight,
    scrollHeight: scaled ? maxScrollHeight : contentHeight,
    contentHeight,
    scaled,
  };
}

/** Content offset at the viewport's top for a scrollTop. */
export function contentOffsetAt(scale: ScrollScale, scrollTop: number, viewport: number): number {
  const scrollRange = scale.scrollHeight - viewport;
  const contentRange = scale.contentHeight - viewport;
  if (scrollRange <= 0 || contentRange <= 0) return 0;
  const clamped = Math.min(Math.max(scrollTop, 0), scrollRange);
  return scale.scaled ? (clamped * contentRange) / scrollRange : clamped;
}

/** The scrollTop that puts a content offset at the viewport's top. */
export function scrollTopFor(scale: ScrollScale, contentOffset: number, viewport: number): number {
  const scrollRange = scale.scrollHeight - viewport;
  const contentRange = scale.contentHeight - viewport;
  if (scrollRange <= 0 || contentRange <= 0) return 0;
  const clamped = Math.min(Math.max(contentOffset, 0), contentRange);
  return scale.scaled ? (clamped * scrollRange) / contentRange : clamped;
}

/**
 * Where to place row `index` inside the scroll-range element (which scrolls with scrollTop), so
 * that on screen it appears at its unscaled position relative to the content offset.
 */
export function rowOffsetInScrollElement(
  scale: ScrollScale,
  index: number,
  scrollTop: number,
  viewport: number,
): number {
  if (!scale.scaled) return index * scale.rowHeight;
  return index * scale.rowHeight - contentOffsetAt(scale, scrollTop, viewport) + scrollTop;
}

/** Rows at least partly visible, as [first, last] (inclusive); null when there are none. */
export function visibleRows(
  scale: ScrollScale,
  scrollTop: number,
  viewport: number,
): readonly [number, number] | null {
  if (scale.rowCount === 0 || viewport <= 0) return null;
  const top = contentOffsetAt(scale, scrollTop, viewport);
  const first = Math.min(scale.rowCount - 1, Math.floor(top / scale.rowHeight));
  const last = Math.min(scale.rowCount - 1, Math.ceil((top + viewport) / scale.rowHeight) - 1);
  return [first, Math.max(first, last)];
}

/** The scrollTop that brings row `index` fully into view, or null if it already is. */
export function scrollTopToReveal(
  scale: ScrollScale,
  index: number,
  scrollTop: number,
  viewport: number,
): number | null {
  const top = contentOffsetAt(scale, scrollTop, viewport);
  const rowTop = index * scale.rowHeight;
  const rowBottom = rowTop + scale.rowHeight;
  if (rowTop < top) return scrollTopFor(scale, rowTop, viewport);
  if (rowBottom > top + viewport) return scrollTopFor(scale, rowBottom - viewport, viewport);
  return null;
}

/** The rows a grid draws: the visible ones, [first, last], within [start, end) with a margin. */
export interface RowWindow {
  /** First and last rows at least partly visible (last < first when none are). */
  readonly first: number;
  readonly last: number;
  /** Rows drawn, [start, end): the visible ones and `overscan` more on each side. */
  readonly start: number;
  readonly end: number;
}

export const EMPTY_WINDOW: RowWindow = { first: 0, last: -1, start: 0, end: 0 };

/**
 * The rows to draw for a scroll position. Always the same number of them (a screenful plus one
 * partly visible row plus the margins) while the list is that long: near either end the margin
 * moves to the other side instead of shrinking, so the DOM keeps a constant row count from top
 * to bottom (and placeholders, keyed by their place in the window, are reused, not remade).
 */
export function rowWindow(
  scale: ScrollScale,
  scrollTop: number,
  viewport: number,
  overscan: number,
): RowWindow {
  const visible = visibleRows(scale, scrollTop, viewport);
  if (visible === null) return EMPTY_WINDOW;
  const [first, last] = visible;
  const count = Math.min(scale.rowCount, Math.ceil(viewport / scale.rowHeight) + 1 + 2 * overscan);
  const start = Math.max(0, Math.min(first - overscan, scale.rowCount - count));
  return { first, last, start, end: start + count };
}

/** Rows [start, end) of a window drawn with their data; the others are drawn as placeholders. */
export interface LiveRows {
  readonly start: number;
  readonly end: number;
}

/**
 * Which rows of a moving window to draw with their data. While the officer scrolls, rows past
 * the visible ones are there only for the next frames, and in a fast scroll they are gone
 * before anyone sees them: drawing them costs as much as the visible rows. So the visible rows
 * and `ahead` rows in the direction of the scroll (`behind` the other way) are drawn; rows drawn
 * before stay drawn while the window keeps them (drawing them again as placeholders would be work
 * too). The window fills up once it stands still (the caller's part).
 */
export function liveRows(
  previous: LiveRows | null,
  window: RowWindow,
  direction: -1 | 0 | 1,
  ahead: number,
  behind: number,
): LiveRows {
  const before = direction < 0 ? ahead : behind;
  const after = direction > 0 ? ahead : behind;
  const needStart = Math.max(window.start, window.first - before);
  const needEnd = Math.min(window.end, window.last + 1 + after);
  if (needEnd <= needStart) return { start: window.start, end: window.start };
  if (previous === null) return { start: needStart, end: needEnd };
  const keepStart = Math.max(previous.start, window.start);
  const keepEnd = Math.min(previous.end, window.end);
  // Kept rows that do not touch the needed ones would leave a gap: they go.
  if (keepEnd < needStart || keepStart > needEnd || keepEnd <= keepStart) {
    return { start: needStart, end: needEnd };
  }
  return { start: Math.min(keepStart, needStart), end: Math.max(keepEnd, needEnd) };
}
