import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { MAX_REQUEST_BYTES, methods } from '@shared/contract/api';
import { inputProblem, jsonNestingExceeds } from '@shared/contract/input-guard';
import { centralRoutes, LIVE_PATH, METRICS_PATH } from '@shared/sync/protocol';
import { createCore, type Core } from '../../core/app';
import { startBrowserHost, type BrowserHost } from '../../core/browser-host/server';
import type { RunningCentral } from '../../central/index';
import { until } from '../sync/harness';
import { rawRequest, type RawAnswer } from '../support/raw-http';
import { objectPaths, sampleInput, stringLeaves, updated } from '../support/samples';
import { login, postgresUnavailable, STORAGES, useStorages, useWorldCentral } from './helpers';
import { passwordOf } from './world';

/**
 * Issue 11's bad-input sweep: every endpoint of the central API and every method of the browser
 * host (a workbench signed in to that central API), on SQLite and on PostgreSQL, sent malformed,
 * oversized, deeply nested, NUL-bearing and oddly encoded input. Each is made from a valid
 * sample of the endpoint's or method's own schema (tests/support/samples.ts) broken in one
 * place, and checked here to be bad before it is sent. None may be answered with a 5xx, and no
 * row may be written anywhere: every table of the central database and of the workbench's store
 * is the same after the sweep as before.
 */
const storages = useStorages();
const skip = postgresUnavailable();
const BODY_LIMIT = 64 * 1024;

type Body = Buffer | string;

interface Variant {
  readonly name: string;
  readonly body?: Body;
  readonly headers?: Record<string, string>;
  /** A query string (with its "?"). */
  readonly query?: string;
  readonly size?: number;
}

const NUL = '\u0000';
const HALF_PAIR = '\ud83d';
const DEEP = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

/** Broken copies of a valid JSON body, and bodies no route takes whatever it is. */
function bodyVariants(sample: unknown, limit: number): Variant[] {
  const json = JSON.stringify(sample);
  const out: Variant[] = [];
  for (const leaf of stringLeaves(sample)) {
    const at = leaf.join('.');
    out.push({
      name: `NUL in ${at}`,
      body: JSON.stringify(updated(sample, leaf, (s) => `${String(s)}${NUL}`)),
    });
    out.push({
      name: `half a surrogate pair in ${at}`,
      body: JSON.stringify(updated(sample, leaf, (s) => `${HALF_PAIR}${String(s)}`)),
    });
    out.push({
      name: `nested 100 deep in ${at}`,
      body: JSON.stringify(updated(sample, leaf, () => '\u0001marker')).replace(
        '"\\u0001marker"',
        DEEP(100),
      ),
    });
  }
  for (const path of objectPaths(sample)) {
    const at = path.join('.') || 'the body';
    const text = JSON.stringify(updated(sample, path, (o) => ({ ...(o as object), x__p: 1 })));
    out.push({
      name: `__proto__ in ${at}`,
      body: text.replace('"x__p":1', '"__proto__":{"admin":true}'),
    });
    out.push({
      name: `a NUL in a key of ${at}`,
      body: text.replace('"x__p":1', '"ad\\u0000min":true'),
    });
  }
  const withUnknown = JSON.stringify({ ...(sample as object), zzUnknown: 'é' });
  out.push(
    { name: 'malformed JSON', body: '{"a":' },
    { name: 'truncated', body: json.slice(0, Math.max(1, Math.floor(json.length / 2))) },
    { name: 'trailing garbage', body: `${json}}` },
    { name: 'nested 5,000 deep', body: `{"a":${DEEP(5000)}}` },
    { name: 'null', body: 'null' },
    { name: 'an array', body: '[]' },
    { name: 'a string', body: '"x"' },
    { name: 'a number beyond double', body: '1e400' },
    { name: 'JSON NUL escape at the top', body: '"\\u0000"' },
    { name: 'UTF-16LE', body: Buffer.from(`\ufeff${withUnknown}`, 'utf16le') },
    { name: 'UTF-8 byte order mark', body: `\ufeff${withUnknown}` },
    {
      name: 'overlong UTF-8 NUL (C0 80)',
      body: Buffer.concat([
        Buffer.from(withUnknown.slice(0, -1)),
        Buffer.from(',"k":"'),
        Buffer.from([0xc0, 0x80]),
        Buffer.from('"}'),
      ]),
    },
    {
      name: 'bytes that are not UTF-8',
      body: Buffer.concat([
        Buffer.from('{"'),
        Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]),
        Buffer.from(`":1,${withUnknown.slice(1)}`),
      ]),
    },
    {
      name: 'charset=utf-16 declared over UTF-8',
      body: withUnknown,
      headers: { 'Content-Type': 'application/json; charset=utf-16' },
    },
    { name: 'text/plain', body: json, headers: { 'Content-Type': 'text/plain' } },
    {
      name: 'form encoded',
      body: 'a=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    },
    { name: 'oversized by a byte', size: limit + 1 },
    {
      name: 'oversized, Expect: 100-continue',
      size: limit * 4,
      headers: { Expect: '100-continue' },
    },
  );
  return out;
}

const QUERY_VARIANTS: Variant[] = [
  { name: 'NUL in a value', query: '?since=%00' },
  { name: 'NUL after digits', query: '?since=1%00' },
  { name: 'an encoded half surrogate pair', query: '?since=%ED%A0%80' },
  { name: 'broken percent-encoding', query: '?since=%E0%A4%A' },
  { name: 'NUL in a name', query: '?%00=1' },
  { name: '__proto__', query: '?__proto__=1' },
  { name: 'nested brackets', query: '?since[a][b]=1' },
  { name: 'a long value', query: `?since=${'9'.repeat(5000)}` },
  { name: 'repeated', query: '?since=1&since=2&since=3' },
  { name: 'an unknown parameter', query: '?zz=é' },
];

interface Sent {
  readonly where: string;
  readonly status: number;
}

/**
 * Whether a variant is bad for a schema the way the boundary reads it: not JSON by its type, or
 * as UTF-8 then JSON, refused by the guard or by the schema.
 */
function isBad(variant: Variant, schema: z.ZodType | null, emptyIs: unknown): boolean {
  const type = variant.headers?.['Content-Type'];
  if (type !== undefined && !type.startsWith('application/json')) return true;
  const body = variant.body;
  if (body === undefined) return true;
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
  if (text.trim() === '') return schema !== null && !schema.safeParse(emptyIs).success;
  if (jsonNestingExceeds(text)) return true;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return true;
  }
  if (inputProblem(value) !== null) return true;
  return schema === null || !schema.safeParse(value).success;
}

async function send(
  port: number,
  method: string,
  path: string,
  variant: Variant,
  headers: Record<string, string>,
): Promise<RawAnswer> {
  return rawRequest({
    port,
    method,
    path: `${path}${variant.query ?? ''}`,
    headers: {
      ...(variant.body !== undefined || variant.size !== undefined
        ? { 'Content-Type': 'application/json' }
        : {}),
      ...headers,
      ...variant.headers,
      Connection: 'close',
    },
    ...(variant.size !== undefined
      ? { body: { size: variant.size } }
      : variant.body !== undefined
        ? { body: variant.body }
        : {}),
    timeoutMs: 10_000,
  });
}

/** Every table's rows, hashed: a sweep that wrote a row anywhere changes it. */
async function centralTables(c: RunningCentral): Promise<Record<string, string>> {
  const tables = (await c.store.db.introspection.getTables()).map((t) => t.name).sort();
  const out: Record<string, string> = {};
  for (const table of tables) {
    const rows = await c.store.db
      .selectFrom(table as never)
      .selectAll()
      .execute();
    const text = rows
      .map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
      .sort();
    out[table] =
      `${rows.length}:${createHash('sha256').update(text.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

function storeTables(core: Core): Record<string, string> {
  const tables = core.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, string> = {};
  for (const table of tables) {
    const rows = core.db.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][];
    const text = rows
      .map((r) =>
        JSON.stringify(r, (_k, v: unknown) =>
          Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? String(v) : v,
        ),
      )
      .sort();
    // The sync engine keeps its own bookkeeping in meta while it follows the feed.
    out[table] =
      table === 'meta'
        ? String(rows.length)
        : `${rows.length}:${createHash('sha256').update(text.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

describe.each(STORAGES)('bad-input sweep on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  const logged: string[] = [];
  const central = useWorldCentral(storages, kind, {
    bodyLimit: BODY_LIMIT,
    log: (line) => logged.push(line),
  });
  let dir = '';
  let core: Core;
  let host: BrowserHost;
  let token = '';

  beforeAll(async () => {
    const c = central();
    token = (await login(c.url, 'desk_a')).token;
    dir = mkdtempSync(join(tmpdir(), 'wb-sweep-'));
    core = createCore({
      dataDir: dir,
      host: 'browser',
      log: () => undefined,
      sync: { retry: { baseMs: 50, maxMs: 300 }, requestTimeoutMs: 3000 },
    });
    const signedIn = await core.dispatch('session.login', {
      serverUrl: c.url,
      username: 'desk_b',
      password: passwordOf('desk_b'),
    });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    await until(
      () => {
        const s = core.sync.status();
        return s.state === 'online' && s.progress === null && s.pending === 0;
      },
      30_000,
      'the workbench synced',
    );
    host = await startBrowserHost({
      dispatch: core.dispatch,
      events: core.events,
      staticDir: join(dir, 'no-renderer'),
      token: 'sweep-token-0123456789',
    });
  });

  afterAll(async () => {
    await host?.close();
    core?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every endpoint of the central API: no 5xx, no row written', async () => {
    const c = central();
    const before = await centralTables(c);
    const sent: Sent[] = [];
    const notBad: string[] = [];
    const endpoints: {
      method: string;
      path: string;
      body: z.ZodType | null;
      query: boolean;
      auth: boolean;
    }[] = [
      ...Object.values(centralRoutes).map((r) => ({
        method: r.method,
        path: r.path,
        body: 'body' in r ? (r.body as z.ZodType) : null,
        query: true,
        auth: r.auth,
      })),
      { method: 'GET', path: LIVE_PATH, body: null, query: true, auth: true },
      { method: 'GET', path: METRICS_PATH, body: null, query: true, auth: false },
      { method: 'GET', path: '/openapi.json', body: null, query: true, auth: false },
    ];
    for (const e of endpoints) {
      const variants: Variant[] =
        e.method === 'POST'
          ? bodyVariants(e.body ? (sampleInput(e.body) ?? {}) : {}, BODY_LIMIT)
          : QUERY_VARIANTS;
      for (const variant of variants) {
        if (variant.body !== undefined && !isBad(variant, e.body, undefined)) {
          notBad.push(`${e.path} ${variant.name}`);
          continue;
        }
        for (const withToken of e.auth ? [true, false] : [false]) {
          const answer = await send(
            c.port,
            e.method,
            e.path,
            variant,
            withToken ? { Authorization: `Bearer ${token}` } : {},
          );
          sent.push({
            where: `${e.method} ${e.path} ${variant.name}${withToken ? '' : ' (no token)'}`,
            status: answer.status,
          });
        }
      }
    }
    const failed = sent.filter((s) => s.status === 0 || s.status >= 500);
    console.info(
      `sweep, central API on ${kind}: ${sent.length} requests to ${endpoints.length} endpoints, ${failed.length} with a 5xx or no answer`,
    );
    expect(notBad).toEqual([]);
    expect(failed).toEqual([]);
    expect(sent.filter((s) => s.status < 400 || s.status >= 500)).toEqual([]);
    expect(await centralTables(c)).toEqual(before);
    expect(logged).toEqual([]);
  });

  it('every method of the browser host: no 5xx, no row written (the workbench or the central API)', async () => {
    const c = central();
    const centralBefore = await centralTables(c);
    const storeBefore = storeTables(core);
    const sent: Sent[] = [];
    const notBad: string[] = [];
    const auth = { Authorization: 'Bearer sweep-token-0123456789' };
    const names = Object.keys(methods) as (keyof typeof methods)[];
    for (const name of names) {
      const schema = methods[name].input as z.ZodType;
      const sample = sampleInput(schema) ?? {};
      for (const variant of bodyVariants(sample, MAX_REQUEST_BYTES)) {
        if (variant.body !== undefined && !isBad(variant, schema, {})) {
          notBad.push(`${name} ${variant.name}`);
          continue;
        }
        const answer = await send(host.port, 'POST', `/api/invoke/${name}`, variant, auth);
        sent.push({ where: `${name} ${variant.name}`, status: answer.status });
      }
    }
    const failed = sent.filter((s) => s.status === 0 || s.status >= 500);
    console.info(
      `sweep, browser host over ${kind}: ${sent.length} requests to ${names.length} methods, ${failed.length} with a 5xx or no answer`,
    );
    expect(notBad).toEqual([]);
    expect(failed).toEqual([]);
    expect(sent.filter((s) => s.status < 400 || s.status >= 500)).toEqual([]);
    expect(storeTables(core)).toEqual(storeBefore);
    expect(core.sync.status().pending).toBe(0);
    expect(await centralTables(c)).toEqual(centralBefore);
  });
});
