import { describe, expect, it } from 'vitest';
import type { FeedPage } from '@shared/sync/protocol';
import { CentralError, type CentralClient, type FeedHead } from './central-client';
import { FeedReader } from './feed-reader';

/**
 * A feed of `pages` pages whose answers the test releases by hand, in two steps like HTTP: the
 * headers (cursor, has more) first, then the body.
 */
function scriptedFeed(pages: number, options: { headers?: boolean; lie?: number } = {}) {
  const asked: string[] = [];
  const open: { since: string; headed: boolean; head(): void; body(): void }[] = [];
  const pageAfter = (since: string): FeedPage => {
    const n = Number(since) / 10 + 1;
    return {
      changes: [],
      removals: [],
      cursor: String(n * 10),
      hasMore: n < pages,
    };
  };
  const client = {
    changes(query: { since?: string }, onHead?: (head: FeedHead) => void): Promise<FeedPage> {
      const since = query.since ?? '0';
      asked.push(since);
      return new Promise<FeedPage>((resolve) => {
        const page = pageAfter(since);
        const entry = {
          since,
          headed: false,
          head: () => {
            entry.headed = true;
            if (options.headers === false) return;
            const cursor = Number(since) / 10 + 1 === options.lie ? '999' : page.cursor;
            onHead?.({ cursor, hasMore: page.hasMore });
          },
          body: () => resolve(page),
        };
        open.push(entry);
      });
    },
  } as unknown as CentralClient;
  /**
   * 'head': the headers of the oldest request that has not sent them; 'body': the body of the
   * oldest open request; 'both': the oldest request's headers and body.
   */
  const answer = async (part: 'head' | 'body' | 'both' = 'both') => {
    const entry = part === 'head' ? open.find((e) => !e.headed) : open.shift();
    if (!entry) throw new Error('no request is open');
    if (part !== 'body' && !entry.headed) entry.head();
    if (part !== 'head') entry.body();
    await new Promise((r) => setTimeout(r, 0));
  };
  /** A reader of this feed from its start, `ahead` pages asked for at most. */
  const reader = (ahead: number) =>
    new FeedReader((q, h) => client.changes(q, h), '0', { limit: 10, ahead, count: true });
  return { client, asked, answer, reader };
}

describe('FeedReader', () => {
  it('asks for the next page when the headers name its cursor, before the body is read', async () => {
    const feed = scriptedFeed(3);
    const reader = feed.reader(1);
    const first = reader.next();
    expect(feed.asked).toEqual(['0']);
    await feed.answer('head');
    // Page 2 is asked for while page 1's body is still on its way.
    expect(feed.asked).toEqual(['0', '10']);
    await feed.answer('body');
    expect((await first).cursor).toBe('10');
    const second = reader.next();
    await feed.answer();
    expect((await second).cursor).toBe('20');
    const third = reader.next();
    await feed.answer();
    expect(await third).toMatchObject({ cursor: '30', hasMore: false });
    // Nothing past the end.
    expect(feed.asked).toEqual(['0', '10', '20']);
  });

  it('keeps at most `ahead` pages asked for and not taken, and asks again once one is taken', async () => {
    const feed = scriptedFeed(10);
    const reader = feed.reader(2);
    await feed.answer('head');
    await feed.answer('head');
    // Two requests not taken, the second's headers already name page 3: it waits for room.
    expect(feed.asked).toEqual(['0', '10']);
    await new Promise((r) => setTimeout(r, 5));
    expect(feed.asked).toEqual(['0', '10']);
    const first = reader.next();
    expect(feed.asked).toEqual(['0', '10', '20']);
    await feed.answer('body');
    expect((await first).cursor).toBe('10');
    const second = reader.next();
    await feed.answer('body');
    expect((await second).cursor).toBe('20');
  });

  it('reads one page at a time from a server that sends no such headers', async () => {
    const feed = scriptedFeed(3, { headers: false });
    const reader = feed.reader(2);
    const first = reader.next();
    await feed.answer();
    expect((await first).cursor).toBe('10');
    expect(feed.asked).toEqual(['0', '10']);
    const second = reader.next();
    await feed.answer();
    expect((await second).cursor).toBe('20');
  });

  it('refuses a page whose body disagrees with the cursor its headers announced', async () => {
    const feed = scriptedFeed(3, { lie: 1 });
    const reader = feed.reader(1);
    const first = reader.next().catch((error: unknown) => error);
    await feed.answer();
    const error = await first;
    expect(error).toBeInstanceOf(CentralError);
    expect(String(error)).toMatch(/disagree/);
  });
});
