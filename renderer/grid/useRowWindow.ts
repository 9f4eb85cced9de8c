import { useLayoutEffect, useState, useSyncExternalStore, type RefObject } from 'react';
import {
  EMPTY_WINDOW,
  liveRows,
  rowOffsetInScrollElement,
  rowWindow,
  type LiveRows,
  type RowWindow,
  type ScrollScale,
} from './scroll-scale';

/** The rows to draw, those of them drawn with their data, and the height they are drawn in. */
export interface GridWindow extends RowWindow {
  readonly viewport: number;
  readonly live: LiveRows;
}

/** While scrolling, rows drawn with their data beyond the visible ones, ahead and behind. */
const LIVE_AHEAD = 3;
const LIVE_BEHIND = 1;
/** The whole window is drawn once it has stood still this long. */
const FILL_AFTER_MS = 120;

/** What the grid may ask of its scroll position besides the rows to draw. */
export interface GridScroll {
  scrollToTop(): void;
}

const EMPTY: GridWindow = { ...EMPTY_WINDOW, viewport: 0, live: { start: 0, end: 0 } };

/**
 * Follows the grid body's scroll position and size, and tells React only when the rows to draw
 * change. Rows are laid out one after the other in a "slab" that this moves into place directly
 * on each scroll event: with a scaled scroll range (a million rows) the rows' place on screen
 * moves with every pixel scrolled, but redrawing the grid for that would be a render per event.
 * O(1) per event whatever the row count: there are no per-row measurements to keep, since every
 * row has the same height.
 *
 * It also keeps the header's horizontal scroll in step with the body's, reading the body's
 * offsets once per event before React touches the DOM (reading them after a render forces a
 * layout).
 */
class ScrollFollower implements GridScroll {
  #body: HTMLElement | null = null;
  #slab: HTMLElement | null = null;
  #header: HTMLElement | null = null;
  #scale: ScrollScale | null = null;
  #overscan = 0;
  #scrollTop = 0;
  #scrollLeft = 0;
  #viewport = 0;
  #transform = '';
  #window: GridWindow = EMPTY;
  #fillTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): GridWindow => this.#window;

  attach(body: HTMLElement, slab: HTMLElement, header: HTMLElement | null): () => void {
    this.#body = body;
    this.#slab = slab;
    this.#header = header;
    this.#transform = '';
    this.#scrollTop = body.scrollTop;
    this.#scrollLeft = body.scrollLeft;
    this.#viewport = body.clientHeight;
    const onScroll = () => this.#onScroll();
    body.addEventListener('scroll', onScroll, { passive: true });
    // Resize observations come after layout, so reading the height here costs nothing more.
    const observer = new ResizeObserver(() => {
      this.#viewport = body.clientHeight;
      this.#update();
    });
    observer.observe(body);
    this.#update();
    return () => {
      body.removeEventListener('scroll', onScroll);
      observer.disconnect();
      this.#cancelFill();
      this.#body = null;
      this.#slab = null;
      this.#header = null;
    };
  }

  /**
   * Back to the first row. Skipped when already there (as far as the last scroll event said):
   * setting scrollTop right after a render forces a layout, even to the same value.
   */
  scrollToTop(): void {
    if (this.#body && this.#scrollTop !== 0) this.#body.scrollTop = 0;
  }

  configure(scale: ScrollScale, overscan: number): void {
    this.#scale = scale;
    this.#overscan = overscan;
    this.#update();
  }

  #onScroll(): void {
    const body = this.#body;
    if (!body) return;
    this.#scrollTop = body.scrollTop;
    const left = body.scrollLeft;
    if (left !== this.#scrollLeft) {
      this.#scrollLeft = left;
      if (this.#header) this.#header.scrollLeft = left;
    }
    this.#update(true);
  }

  /**
   * `scrolled`: the window moves because the officer scrolls, so only the rows about to be seen
   * are drawn with their data until it stands still; otherwise (a new list, a new size) all are.
   */
  #update(scrolled = false): void {
    const scale = this.#scale;
    if (!scale || !this.#body) return;
    const next = rowWindow(scale, this.#scrollTop, this.#viewport, this.#overscan);
    // The slab holds rows [start, end): its top goes where row `start` belongs on screen.
    const top = rowOffsetInScrollElement(scale, next.start, this.#scrollTop, this.#viewport);
    const transform = `translateY(${top}px)`;
    if (transform !== this.#transform && this.#slab) {
      this.#transform = transform;
      this.#slab.style.transform = transform;
    }
    const current = this.#window;
    if (
      next.first === current.first &&
      next.last === current.last &&
      next.start === current.start &&
      next.end === current.end &&
      this.#viewport === current.viewport
    ) {
      return;
    }
    let live: LiveRows = { start: next.start, end: next.end };
    if (scrolled && current !== EMPTY) {
      const direction = Math.sign(next.first - current.first) as -1 | 0 | 1;
      live = liveRows(current.live, next, direction, LIVE_AHEAD, LIVE_BEHIND);
      this.#scheduleFill();
    } else {
      this.#cancelFill();
    }
    this.#window = { ...next, viewport: this.#viewport, live };
    this.#notify();
  }

  #scheduleFill(): void {
    this.#cancelFill();
    this.#fillTimer = setTimeout(() => {
      this.#fillTimer = null;
      const current = this.#window;
      if (current.live.start === current.start && current.live.end === current.end) return;
      this.#window = { ...current, live: { start: current.start, end: current.end } };
      this.#notify();
    }, FILL_AFTER_MS);
  }

  #cancelFill(): void {
    if (this.#fillTimer !== null) clearTimeout(this.#fillTimer);
    this.#fillTimer = null;
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

/**
 * The rows a grid draws for its body's scroll position, as React state that changes only when
 * they do. `slab` must be the element holding the drawn rows in order (it is positioned here,
 * never by React); `header` scrolls sideways with the body.
 */
export function useRowWindow(
  refs: Readonly<{
    body: RefObject<HTMLElement | null>;
    slab: RefObject<HTMLElement | null>;
    header: RefObject<HTMLElement | null>;
  }>,
  scale: ScrollScale,
  overscan: number,
): readonly [GridWindow, GridScroll] {
  const [follower] = useState(() => new ScrollFollower());
  const { body, slab, header } = refs;
  useLayoutEffect(() => {
    if (!body.current || !slab.current) return;
    return follower.attach(body.current, slab.current, header.current);
  }, [follower, body, slab, header]);
  useLayoutEffect(() => follower.configure(scale, overscan), [follower, scale, overscan]);
  return [useSyncExternalStore(follower.subscribe, follower.getSnapshot), follower];
}
