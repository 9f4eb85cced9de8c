import type { FeedPage } from '@shared/sync/protocol';
import { CentralError, checkFeedHead, type FeedHead, type FeedQueryParams } from './central-client';

/**
 * Fetches one page: a parsed page (`CentralClient.changes`) or a body still to be parsed
 * (`changesBody`); both say their cursor. `onHead` hears the headers' cursor before the body.
 */
export type FeedSource<P extends FeedHead> = (
  query: FeedQueryParams,
  onHead: (head: FeedHead) => void,
) => Promise<P>;

interface Pending<P> {
  readonly page: Promise<P>;
  /** What the headers announced (null until they arrive, or when the server sent none). */
  head: FeedHead | null;
  /** Whether the page after this one has been asked for (or is parked until there is room). */
  successor: boolean;
}

/**
 * Reads the feed from a cursor, asking for each page as soon as the
 * previous answer's headers name its cursor: the central API prepares page N+1 while this
 * process still parses and validates page N, instead of waiting for it (at 200,000 dossiers that
 * wait was a quarter of the time). At most `ahead` pages are asked for and not yet taken, so a
 * slow consumer bounds memory. A server that sends no such headers is read one page at a time.
 * The body stays the authority: a page whose body disagrees with its headers is refused.
 */
export class FeedReader<P extends FeedHead = FeedPage> {
  readonly #source: FeedSource<P>;
  readonly #limit: number;
  readonly #ahead: number;
  readonly #queue: Pending<P>[] = [];
  #parked: string | null = null;

  /** `count`: whether the first page should say how many changes remain (a progress bar). */
  constructor(
    source: FeedSource<P>,
    since: string,
    options: { limit: number; ahead: number; count: boolean },
  ) {
    this.#source = source;
    this.#limit = options.limit;
    this.#ahead = Math.max(1, options.ahead);
    this.#ask(since, options.count);
  }

  /** The next page in order; rejects with the error of its request. */
  async next(): Promise<P> {
    const entry = this.#queue.shift();
    if (!entry) throw new CentralError('server', 'the feed was read past its end');
    if (this.#parked !== null) {
      const cursor = this.#parked;
      this.#parked = null;
      this.#ask(cursor, false);
    }
    const page = await entry.page;
    if (entry.head) checkFeedHead(entry.head, page);
    if (page.hasMore && !entry.successor) {
      entry.successor = true;
      this.#ask(page.cursor, false);
    }
    return page;
  }

  #ask(since: string, count: boolean): void {
    const entry: Pending<P> = {
      head: null,
      successor: false,
      page: this.#source({ since, limit: this.#limit, count: count ? '1' : '0' }, (head) => {
        entry.head = head;
        if (!head.hasMore) return;
        entry.successor = true;
        if (this.#queue.length < this.#ahead) this.#ask(head.cursor, false);
        else this.#parked = head.cursor;
      }),
    };
    // Awaited when taken; until then a failure must not count as unhandled.
    entry.page.catch(() => undefined);
    this.#queue.push(entry);
  }
}
