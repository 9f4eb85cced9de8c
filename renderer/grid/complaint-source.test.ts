import { describe, expect, it } from 'vitest';
import type { ApiClient } from '@shared/contract/client';
import {
  complaintPageFetcher,
  complaintSeeker,
  reverseComplaintQuery,
  type ComplaintQuery,
} from './complaint-source';

describe('complaintPageFetcher', () => {
  it('asks complaints.list with the query, cursor and limit', async () => {
    const calls: unknown[] = [];
    const client: ApiClient = {
      invoke: ((method: string, input: unknown) => {
        calls.push({ method, input });
        return Promise.resolve({ ok: true, value: { rows: [], nextCursor: null, total: 0 } });
      }) as ApiClient['invoke'],
      on: () => () => undefined,
    };
    await complaintPageFetcher(client)({
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

describe('reverseComplaintQuery', () => {
  it('flips only the direction', () => {
    const query: ComplaintQuery = {
      filter: { mine: true },
      sort: { field: 'senderName', direction: 'asc' },
    };
    expect(reverseComplaintQuery(query)).toEqual({
      filter: { mine: true },
      sort: { field: 'senderName', direction: 'desc' },
    });
  });
});

describe('complaintSeeker', () => {
  it('asks complaints.seek for the cursor at the position and answers it', async () => {
    const calls: unknown[] = [];
    const client: ApiClient = {
      invoke: ((method: string, input: unknown) => {
        calls.push({ method, input });
        return Promise.resolve({ ok: true, value: { cursor: null } });
      }) as ApiClient['invoke'],
      on: () => () => undefined,
    };
    const result = await complaintSeeker(client)({
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
