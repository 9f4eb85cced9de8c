import { useLayoutEffect, useState, useSyncExternalStore, type RefObject } from 'react';
import {
  EMPTY_WINDOW,
  rowOffsetInScrollElement,
  rowWindow,
  type RowWindow,
  type ScrollScale,
} from './scroll-scale';

/** The rows to draw and the height they are drawn in. */
export interface GridWindow extends RowWindow {
  readonly viewport: number;
}

/** What the grid may ask of its scroll position besides the rows to draw. */
export interface GridScroll {
  scrollToTop(): void;
}

const EMPTY: GridWindow = { ...EMPTY_WINDOW, viewport: 0 };

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
    this.#update();
  }

  #update(): void {
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
    this.#window = { ...next, viewport: this.#viewport };
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
