import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import {
  FeedPageSchema,
  SessionSchema,
  type Change,
  type FeedPage,
  type Removal,
  type Session,
} from '@shared/sync/protocol';
import { startCentral, type CentralOptions, type RunningCentral } from '../../central/index';
import type { StorageConfig } from '../../central/store/store';
import { postgresSkipReason, startPostgres, type TestPostgres } from '../support/postgres';
import { passwordOf, worldSeed } from './world';

/** Both storages; the PostgreSQL half is skipped (with its reason, printed once) where it cannot run. */
export const STORAGES = ['sqlite', 'postgres'] as const;
export type StorageKind = (typeof STORAGES)[number];

const skipReason = postgresSkipReason();
let warned = false;
export function postgresUnavailable(): string | null {
  if (skipReason !== null && !warned) {
    warned = true;
    console.warn(`central suites: PostgreSQL half skipped: ${skipReason}`);
  }
  return skipReason;
}

/** Hashing at full cost would make every sign-in in the suites 80 ms slower for nothing. */
export const TEST_PASSWORD_COST = { N: 1024, r: 8, p: 1 } as const;

/**
 * Storage for one suite: a temp SQLite file, or a fresh database in this file's PostgreSQL
 * cluster (started once per file, only when a PostgreSQL suite asks for it).
 */
export function useStorages(): {
  storage(kind: StorageKind): Promise<StorageConfig>;
} {
  let pg: TestPostgres | null = null;
  let starting: Promise<TestPostgres> | null = null;
  const dirs: string[] = [];
  let n = 0;
  afterAll(async () => {
    await pg?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return {
    async storage(kind) {
      if (kind === 'sqlite') {
        const dir = mkdtempSync(join(tmpdir(), 'central-test-'));
        dirs.push(dir);
        return { kind: 'sqlite', file: join(dir, 'central.db') };
      }
      starting ??= startPostgres();
      pg = await starting;
      n += 1;
      return { kind: 'postgres', url: await pg.createDatabase(`t${n}`) };
    },
  };
}

/**
 * Registers a central API over the hand-made world for a describe block (or a skip for the
 * PostgreSQL half where it cannot run) and returns a getter for it.
 */
export function useWorldCentral(
  storages: ReturnType<typeof useStorages>,
  kind: StorageKind,
  options: Partial<CentralOptions> = {},
): () => RunningCentral {
  let central: RunningCentral | null = null;
  beforeAll(async () => {
    central = await startCentral({
      storage: await storages.storage(kind),
      seed: { kind: 'data', data: worldSeed() },
      passwordCost: TEST_PASSWORD_COST,
      seedPasswordCost: TEST_PASSWORD_COST,
      log: () => undefined,
      ...options,
    });
  });
  afterAll(async () => {
    await central?.close();
  });
  return () => {
    if (!central) throw new Error('the central API did not start');
    return central;
  };
}

export interface Reply<T = unknown> {
  readonly status: number;
  readonly json: T;
  readonly text: string;
  readonly headers: Headers;
}

export async function call<T = unknown>(
  url: string,
  method: string,
  path: string,
  init: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.raw !== undefined) body = init.raw;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined && headers['content-type'] === undefined) {
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${url}${path}`, { method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json: json as T, text, headers: response.headers };
}

export async function login(url: string, username: string, password?: string): Promise<Session> {
  const reply = await call(url, 'POST', '/auth/login', {
    body: { username, password: password ?? passwordOf(username) },
  });
  if (reply.status !== 200) throw new Error(`login ${username}: ${reply.status} ${reply.text}`);
  return SessionSchema.parse(reply.json);
}

export async function page(
  url: string,
  token: string,
  since: string,
  limit = 1000,
  count = false,
): Promise<FeedPage> {
  const reply = await call(
    url,
    'GET',
    `/sync/changes?since=${since}&limit=${limit}${count ? '&count=1' : ''}`,
    { token },
  );
  if (reply.status !== 200) throw new Error(`changes: ${reply.status} ${reply.text}`);
  return FeedPageSchema.parse(reply.json);
}

export interface Pulled {
  readonly changes: Change[];
  readonly removals: Removal[];
  readonly cursor: string;
  readonly pages: number;
  /** Every change and removal, in the order received. */
  readonly items: (Change | Removal)[];
}

/** Pages the feed to its end from `since`. */
export async function pullAll(
  url: string,
  token: string,
  since = '0',
  limit = 1000,
): Promise<Pulled> {
  const changes: Change[] = [];
  const removals: Removal[] = [];
  const items: (Change | Removal)[] = [];
  let cursor = since;
  let pages = 0;
  for (let guard = 0; guard < 100_000; guard++) {
    const p = await page(url, token, cursor, limit);
    pages++;
    changes.push(...p.changes);
    removals.push(...p.removals);
    items.push(...[...p.changes, ...p.removals].sort((x, y) => Number(x.seq) - Number(y.seq)));
    cursor = p.cursor;
    if (!p.hasMore) break;
  }
  return { changes, removals, cursor, pages, items };
}

/** A client-side view: applies pages in seq order the way a client cache would. */
export class Replica {
  readonly records = new Map<string, Change>();
  cursor = '0';

  apply(p: Pick<FeedPage, 'changes' | 'removals' | 'cursor'>): void {
    const items = [...p.changes, ...p.removals].sort((x, y) => Number(x.seq) - Number(y.seq));
    for (const item of items) {
      const key = `${item.entity}:${item.id}`;
      if ('data' in item) this.records.set(key, item as Change);
      else this.records.delete(key);
    }
    this.cursor = p.cursor;
  }

  async sync(url: string, token: string, limit = 1000): Promise<void> {
    for (let guard = 0; guard < 100_000; guard++) {
      const p = await page(url, token, this.cursor, limit);
      this.apply(p);
      if (!p.hasMore) return;
    }
  }

  ids(entity: string): string[] {
    return [...this.records.values()].filter((c) => c.entity === entity).map((c) => c.id);
  }
}

/** A unique client id per test client. */
let clientCounter = 0;
export function clientId(label = 'client'): string {
  clientCounter += 1;
  return `${label}-${process.pid}-${clientCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Rows in the central database, to prove a refused request changed nothing. */
export async function fingerprint(central: RunningCentral): Promise<string> {
  const db = central.store.db;
  const count = async (
    table: 'records' | 'removals' | 'clients' | 'mutation_results' | 'sessions',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return JSON.stringify({
    head: await central.store.head(),
    records: await count('records'),
    removals: await count('removals'),
    clients: await count('clients'),
    results: await count('mutation_results'),
    sessions: await count('sessions'),
  });
}
