import { describe, expect, it } from 'vitest';
import type { DossierListRow } from '@shared/contract/api';
import type { ApiClient } from '@shared/contract/client';
import { complaintKind, dossierKind } from '@shared/kinds';
import type { KindQuery } from './kind';
import { createRowStore, pageFetcher, reverseQuery, seeker } from './row-source';

const DOSSIERS = dossierKind.plural;
const COMPLAINTS = complaintKind.plural;

/** A host that answers every call with `answer` and records what it was asked. */
function recording(answer: unknown): { client: ApiClient; calls: unknown[] } {
  const calls: unknown[] = [];
  const client: ApiClient = {
    invoke: ((method: string, input: unknown) => {
      calls.push({ method, input });
      return Promise.resolve(answer);
    }) as ApiClient['invoke'],
    on: () => () => undefined,
  };
  return { client, calls };
}

describe('pageFetcher', () => {
  it('asks dossiers.list with the query, cursor and limit, and answers a Result', async () => {
    const { client, calls } = recording({
      ok: true,
      value: { rows: [], nextCursor: null, total: 0 },
    });
    const fetchPage = pageFetcher(client, DOSSIERS);
    const result = await fetchPage({
      query: { filter: { status: [4] }, sort: { field: 'dueAt', direction: 'asc' } },
      cursor: 'abc',
      limit: 200,
    });
    expect(result).toEqual({ ok: true, value: { rows: [], nextCursor: null, total: 0 } });
    expect(calls).toEqual([
      {
        method: 'dossiers.list',
        input: {
          filter: { status: [4] },
          sort: { field: 'dueAt', direction: 'asc' },
          cursor: 'abc',
          limit: 200,
        },
      },
    ]);
  });

  it('turns a dead bridge into an UNAVAILABLE result instead of a rejection', async () => {
    const client: ApiClient = {
      invoke: () => Promise.reject(new Error('ipc closed')),
      on: () => () => undefined,
    };
    const result = await pageFetcher(
      client,
      DOSSIERS,
    )({
      query: { filter: {}, sort: { field: 'receivedAt', direction: 'desc' } },
      cursor: null,
      limit: 200,
    });
    expect(result).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'ipc closed' } });
  });

  it('asks complaints.list with the query, cursor and limit', async () => {
    const { client, calls } = recording({
      ok: true,
      value: { rows: [], nextCursor: null, total: 0 },
    });
    await pageFetcher(
      client,
      COMPLAINTS,
    )({
      query: { filter: { status: ['processing'] }, sort: { field: 'dueAt', direction: 'asc' } },
      cursor: null,
      limit: 200,
    });
    expect(calls).toEqual([
      {
        method: 'complaints.list',
        input: {
          filter: { status: ['processing'] },
          sort: { field: 'dueAt', direction: 'asc' },
          cursor: null,
          limit: 200,
        },
      },
    ]);
  });
});

describe('reverseQuery', () => {
  it('flips only the direction', () => {
    const query: KindQuery = {
      filter: { unitId: 'u1' },
      sort: { field: 'dueAt', direction: 'asc' },
    };
    expect(reverseQuery(query)).toEqual({
      filter: { unitId: 'u1' },
      sort: { field: 'dueAt', direction: 'desc' },
    });
    expect(reverseQuery(reverseQuery(query))).toEqual(query);
  });

  it('flips only the direction of a complaint query', () => {
    const query: KindQuery = {
      filter: { mine: true },
      sort: { field: 'senderName', direction: 'asc' },
    };
    expect(reverseQuery(query)).toEqual({
      filter: { mine: true },
      sort: { field: 'senderName', direction: 'desc' },
    });
  });
});

describe('seeker', () => {
  it('asks dossiers.seek for the cursor at the position, with the list’s filter and sort', async () => {
    const { client, calls } = recording({ ok: true, value: { cursor: 'c-600000' } });
    const result = await seeker(
      client,
      DOSSIERS,
    )({
      query: { filter: { status: [4] }, sort: { field: 'dueAt', direction: 'asc' } },
      position: 600_000,
    });
    expect(result).toEqual({ ok: true, value: 'c-600000' });
    expect(calls).toEqual([
      {
        method: 'dossiers.seek',
        input: {
          filter: { status: [4] },
          sort: { field: 'dueAt', direction: 'asc' },
          position: 600_000,
        },
      },
    ]);
  });

  it('passes a refusal on, so the store falls back to walking', async () => {
    const client: ApiClient = {
      invoke: () =>
        Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'old host' } }),
      on: () => () => undefined,
    };
    const result = await seeker(
      client,
      DOSSIERS,
    )({
      query: { filter: {}, sort: { field: 'number', direction: 'asc' } },
      position: 400,
    });
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'old host' } });
  });

  it('asks complaints.seek for the cursor at the position and answers it', async () => {
    const { client, calls } = recording({ ok: true, value: { cursor: null } });
    const result = await seeker(
      client,
      COMPLAINTS,
    )({
      query: { filter: {}, sort: { field: 'senderName', direction: 'asc' } },
      position: 1_200,
    });
    // Null: the list has no row there (it shrank); the store then trims its count.
    expect(result).toEqual({ ok: true, value: null });
    expect(calls).toEqual([
      {
        method: 'complaints.seek',
        input: { filter: {}, sort: { field: 'senderName', direction: 'asc' }, position: 1_200 },
      },
    ]);
  });
});

describe('createRowStore', () => {
  it('reaches a far row with one page at its position, not a walk through the pages before it', async () => {
    const N = 1_000_000;
    const row = (i: number) => ({ id: `d${i}` }) as DossierListRow;
    const methods: string[] = [];
    const positions: number[] = [];
    // A host whose cursors are positions: dossiers.list pages from them or from a position,
    // dossiers.seek finds them.
    const client: ApiClient = {
      invoke: ((
        method: string,
        input: { cursor?: string | null; limit?: number; position?: number },
      ) => {
        methods.push(method);
        if (method === 'dossiers.seek') {
          const at = input.position ?? 0;
          return Promise.resolve({ ok: true, value: { cursor: at < N ? `@${at}` : null } });
        }
        if (input.position !== undefined) positions.push(input.position);
        const start = input.cursor ? Number(input.cursor.slice(1)) : (input.position ?? 0);
        const end = Math.min(N, start + (input.limit ?? 100));
        return Promise.resolve({
          ok: true,
          value: {
            rows: Array.from({ length: end - start }, (_, k) => row(start + k)),
            nextCursor: end < N ? `@${end}` : null,
            total: input.cursor || input.position !== undefined ? null : N,
          },
        });
      }) as ApiClient['invoke'],
      on: () => () => undefined,
    };
    const store = createRowStore(client, DOSSIERS);
    store.setQuery({ filter: {}, sort: { field: 'receivedAt', direction: 'desc' } });
    await settle(() => store.getSnapshot().status === 'ready');
    store.ensureRange(900_010, 900_030);
    await settle(() => store.getRow(900_010) !== undefined);
    expect(store.getRow(900_010)?.id).toBe('d900010');
    expect(store.getRow(900_029)?.id).toBe('d900029');
    expect(positions).toContain(900_000);
    expect(methods).not.toContain('dossiers.seek');
    // First page, then the page at the position (and at most a margin's): nowhere near 2,250 walks.
    expect(methods.length).toBeLessThanOrEqual(4);
  });
});

/** Lets the store's promises run until `done` holds (bounded: a broken store fails the test). */
async function settle(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 0));
  expect(done()).toBe(true);
}
