import { describe, expect, it } from 'vitest';
import type { FeedPage } from '@shared/sync/protocol';
import { CentralError, createCentralClient, readFeedBody } from './central-client';

/**
 * The feed read as bytes for the loader thread (changesBody) is checked exactly like a parsed
 * page (changes) once readFeedBody parses it, and its cursor is known before that: from the
 * headers, or from the body when a server sends none.
 */
const PAGE: FeedPage = {
  changes: [
    {
      entity: 'unit',
      id: 'u1',
      seq: '5',
      version: 1,
      data: { id: 'u1', parentId: null, code: 'H22', name: 'Phường Hai Bà Trưng', kind: 'commune' },
    },
  ],
  removals: [],
  cursor: '5',
  hasMore: true,
};

function serving(body: string, headers: Record<string, string> = {}) {
  return createCentralClient({
    baseUrl: 'http://127.0.0.1:9',
    token: () => 'token',
    fetch: () =>
      Promise.resolve(
        new Response(body, {
          status: 200,
          headers: { 'content-type': 'application/json', ...headers },
        }),
      ),
  });
}

describe('changesBody and readFeedBody', () => {
  it('announces the cursor from the headers and parses to the same page as changes', async () => {
    const text = JSON.stringify(PAGE);
    const headers = { 'feed-cursor': '5', 'feed-has-more': 'true' };
    const heard: unknown[] = [];
    const body = await serving(text, headers).changesBody({ since: '0' }, (h) => heard.push(h));
    expect(heard).toEqual([{ cursor: '5', hasMore: true }]);
    expect({ cursor: body.cursor, hasMore: body.hasMore }).toEqual({ cursor: '5', hasMore: true });
    expect(readFeedBody(body)).toEqual(await serving(text, headers).changes({ since: '0' }));
  });

  it('reads the cursor from the body when the server sends no feed headers', async () => {
    const body = await serving(JSON.stringify({ ...PAGE, hasMore: false })).changesBody({});
    expect({ cursor: body.cursor, hasMore: body.hasMore }).toEqual({ cursor: '5', hasMore: false });
    expect(readFeedBody(body).changes).toHaveLength(1);
  });

  it('refuses a body that breaks the protocol, is not JSON, or lies about its cursor', async () => {
    const wrong = JSON.stringify({ ...PAGE, changes: [{ ...PAGE.changes[0], version: -1 }] });
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error;
      }
      return null;
    };
    const broken = await serving(wrong, {
      'feed-cursor': '5',
      'feed-has-more': 'true',
    }).changesBody({});
    expect(refusal(() => readFeedBody(broken))).toMatchObject({
      kind: 'server',
      message: expect.stringMatching(/breaks the protocol \(changes\.0\.version/) as string,
    });
    const cut = await serving(JSON.stringify(PAGE).slice(0, 40), {
      'feed-cursor': '5',
      'feed-has-more': 'true',
    }).changesBody({});
    expect(refusal(() => readFeedBody(cut))).toBeInstanceOf(CentralError);
    const lying = await serving(JSON.stringify(PAGE), {
      'feed-cursor': '9',
      'feed-has-more': 'true',
    }).changesBody({});
    expect(String(refusal(() => readFeedBody(lying)))).toMatch(/disagree/);
    // Without headers, a body with no cursor cannot even say where the next page starts.
    await expect(serving('{"changes":[]}').changesBody({})).rejects.toMatchObject({
      kind: 'server',
    });
  });
});
