import { describe, expect, it } from 'vitest';
import type { ApiClient } from '@shared/contract/client';
import { dossierPageFetcher, reverseDossierQuery, type DossierQuery } from './dossier-source';

describe('dossierPageFetcher', () => {
  it('asks dossiers.list with the query, cursor and limit, and answers a Result', async () => {
    const calls: unknown[] = [];
    const client: ApiClient = {
      invoke: ((method: string, input: unknown) => {
        calls.push({ method, input });
        return Promise.resolve({ ok: true, value: { rows: [], nextCursor: null, total: 0 } });
      }) as ApiClient['invoke'],
      on: () => () => undefined,
    };
    const fetchPage = dossierPageFetcher(client);
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
    const result = await dossierPageFetcher(client)({
      query: { filter: {}, sort: { field: 'receivedAt', direction: 'desc' } },
      cursor: null,
      limit: 200,
    });
    expect(result).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'ipc closed' } });
  });
});

describe('reverseDossierQuery', () => {
  it('flips only the direction', () => {
    const query: DossierQuery = {
      filter: { unitId: 'u1' },
      sort: { field: 'dueAt', direction: 'asc' },
    };
    expect(reverseDossierQuery(query)).toEqual({
      filter: { unitId: 'u1' },
      sort: { field: 'dueAt', direction: 'desc' },
    });
    expect(reverseDossierQuery(reverseDossierQuery(query))).toEqual(query);
  });
});
