import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '@shared/sync/protocol';
import {
  call,
  clientId,
  fingerprint,
  login,
  postgresUnavailable,
  STORAGES,
  useStorages,
  useWorldCentral,
} from './helpers';

/**
 * Bad input to every endpoint: malformed, truncated, oversized and wrongly typed requests, and
 * unknown fields, get a 4xx Problem that names the field, never a crash and never a write. And a
 * response that would break its own schema is a 500 that is logged, not sent.
 */
const storages = useStorages();
const skip = postgresUnavailable();
const BODY_LIMIT = 64 * 1024;

interface Case {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly auth?: boolean;
  readonly body?: unknown;
  readonly raw?: string;
  readonly headers?: Record<string, string>;
  readonly status: number;
  /** A word the message or path must contain (the field, or what is wrong). */
  readonly mentions?: string;
}

const okMutation = {
  seq: 1,
  id: 'm-1',
  baseVersion: 1,
  at: 1_700_000_000_000,
  target: { entity: 'dossier', id: 'a-new-1', action: { type: 'accept' } },
};
const push = (mutations: unknown, extra: Record<string, unknown> = {}) => ({
  clientId: 'bad-input-client',
  mutations,
  ...extra,
});

const CASES: Case[] = [
  // Malformed and truncated JSON.
  {
    name: 'login: malformed JSON',
    method: 'POST',
    path: '/auth/login',
    raw: '{"username": desk}',
    status: 400,
    mentions: 'JSON',
  },
  {
    name: 'login: truncated JSON',
    method: 'POST',
    path: '/auth/login',
    raw: '{"username":"desk_a","passw',
    status: 400,
    mentions: 'JSON',
  },
  {
    name: 'push: truncated JSON',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    raw: JSON.stringify(push([okMutation])).slice(0, 60),
    status: 400,
    mentions: 'JSON',
  },
  {
    name: 'logout: malformed JSON',
    method: 'POST',
    path: '/auth/logout',
    auth: true,
    raw: '{{',
    status: 400,
    mentions: 'JSON',
  },
  {
    name: 'push: deeply nested JSON',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    raw: '['.repeat(20_000) + ']'.repeat(20_000),
    status: 400,
  },
  // Not JSON at all.
  {
    name: 'login: form encoded',
    method: 'POST',
    path: '/auth/login',
    raw: 'username=desk_a&password=x',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
  },
  {
    name: 'push: text/plain',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    raw: '{}',
    headers: { 'content-type': 'text/plain' },
    status: 415,
  },
  // Missing and wrongly shaped bodies.
  { name: 'login: no body', method: 'POST', path: '/auth/login', status: 400, mentions: 'body' },
  {
    name: 'login: empty JSON body',
    method: 'POST',
    path: '/auth/login',
    raw: '',
    headers: { 'content-type': 'application/json' },
    status: 400,
    mentions: 'body',
  },
  { name: 'login: array', method: 'POST', path: '/auth/login', body: [], status: 400 },
  { name: 'login: null', method: 'POST', path: '/auth/login', raw: 'null', status: 400 },
  {
    name: 'login: username a number',
    method: 'POST',
    path: '/auth/login',
    body: { username: 5, password: 'x' },
    status: 400,
    mentions: 'username',
  },
  {
    name: 'login: missing password',
    method: 'POST',
    path: '/auth/login',
    body: { username: 'desk_a' },
    status: 400,
    mentions: 'password',
  },
  {
    name: 'login: unknown field',
    method: 'POST',
    path: '/auth/login',
    body: { username: 'desk_a', password: 'x', admin: true },
    status: 400,
    mentions: 'admin',
  },
  {
    name: 'login: prototype pollution',
    method: 'POST',
    path: '/auth/login',
    raw: '{"username":"desk_a","password":"x","__proto__":{"admin":true}}',
    status: 400,
  },
  {
    name: 'login: oversized username',
    method: 'POST',
    path: '/auth/login',
    body: { username: 'u'.repeat(65), password: 'x' },
    status: 400,
    mentions: 'username',
  },
  {
    name: 'logout: a body',
    method: 'POST',
    path: '/auth/logout',
    auth: true,
    body: { everywhere: true },
    status: 400,
    mentions: 'body',
  },
  // Push envelopes.
  {
    name: 'push: mutations not an array',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: push('all of them'),
    status: 400,
    mentions: 'mutations',
  },
  {
    name: 'push: empty batch',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: push([]),
    status: 400,
    mentions: 'mutations',
  },
  {
    name: 'push: 201 mutations',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: push(Array.from({ length: 201 }, (_, i) => ({ ...okMutation, seq: i + 1 }))),
    status: 400,
    mentions: 'mutations',
  },
  {
    name: 'push: bad client id',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: { clientId: 'a b', mutations: [okMutation] },
    status: 400,
    mentions: 'clientId',
  },
  {
    name: 'push: unknown top-level field',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: push([okMutation], { force: true }),
    status: 400,
    mentions: 'force',
  },
  {
    name: 'push: seq 0',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: push([{ ...okMutation, seq: 0 }]),
    status: 400,
    mentions: 'mutations[0].seq',
  },
  {
    name: 'push: seq a string',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: push([{ ...okMutation, seq: '1' }]),
    status: 400,
    mentions: 'seq',
  },
  {
    name: 'push: seq fractional',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: push([{ ...okMutation, seq: 1.5 }]),
    status: 400,
    mentions: 'seq',
  },
  {
    name: 'push: huge number',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    raw: JSON.stringify(push([okMutation])).replace('"seq":1', '"seq":1e400'),
    status: 400,
    mentions: 'seq',
  },
  {
    name: 'push: negative base version',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: push([{ ...okMutation, baseVersion: -1 }]),
    status: 400,
    mentions: 'baseVersion',
  },
  {
    name: 'push: at a date string',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: push([{ ...okMutation, at: '2026-01-01' }]),
    status: 400,
    mentions: 'at',
  },
  {
    name: 'push: unknown entity',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: push([
      { ...okMutation, target: { entity: 'citizen', id: 'x', action: { type: 'accept' } } },
    ]),
    status: 400,
    mentions: 'entity',
  },
  {
    name: 'push: action without a type',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: push([{ ...okMutation, target: { entity: 'dossier', id: 'x', action: {} } }]),
    status: 400,
    mentions: 'type',
  },
  {
    name: 'push: action not an object',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: push([{ ...okMutation, target: { entity: 'dossier', id: 'x', action: 'accept' } }]),
    status: 400,
    mentions: 'action',
  },
  {
    name: 'push: unknown mutation field',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: push([{ ...okMutation, priority: 'high' }]),
    status: 400,
    mentions: 'priority',
  },
  {
    name: 'push: unknown target field',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: push([{ ...okMutation, target: { ...okMutation.target, unit: 'a' } }]),
    status: 400,
    mentions: 'unit',
  },
  {
    name: 'push: record id too long',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: push([{ ...okMutation, target: { ...okMutation.target, id: 'x'.repeat(65) } }]),
    status: 400,
    mentions: 'id',
  },
  // Query strings.
  {
    name: 'changes: since not a number',
    method: 'GET',
    path: '/sync/changes?since=abc',
    auth: true,
    status: 400,
    mentions: 'since',
  },
  {
    name: 'changes: since negative',
    method: 'GET',
    path: '/sync/changes?since=-1',
    auth: true,
    status: 400,
    mentions: 'since',
  },
  {
    name: 'changes: since 20 digits',
    method: 'GET',
    path: `/sync/changes?since=${'9'.repeat(20)}`,
    auth: true,
    status: 400,
    mentions: 'since',
  },
  {
    name: 'changes: limit 0',
    method: 'GET',
    path: '/sync/changes?limit=0',
    auth: true,
    status: 400,
    mentions: 'limit',
  },
  {
    name: 'changes: limit too big',
    method: 'GET',
    path: '/sync/changes?limit=5001',
    auth: true,
    status: 400,
    mentions: 'limit',
  },
  {
    name: 'changes: limit not a number',
    method: 'GET',
    path: '/sync/changes?limit=ten',
    auth: true,
    status: 400,
    mentions: 'limit',
  },
  {
    name: 'changes: count 2',
    method: 'GET',
    path: '/sync/changes?count=2',
    auth: true,
    status: 400,
    mentions: 'count',
  },
  {
    name: 'changes: repeated since',
    method: 'GET',
    path: '/sync/changes?since=1&since=2',
    auth: true,
    status: 400,
    mentions: 'since',
  },
  {
    name: 'changes: unknown parameter',
    method: 'GET',
    path: '/sync/changes?unit=b',
    auth: true,
    status: 400,
    mentions: 'unit',
  },
  {
    name: 'health: a parameter',
    method: 'GET',
    path: '/health?verbose=1',
    status: 400,
    mentions: 'query',
  },
  {
    name: 'openapi: a parameter',
    method: 'GET',
    path: '/openapi.json?format=yaml',
    status: 400,
    mentions: 'query',
  },
  {
    name: 'live: a parameter',
    method: 'GET',
    path: '/sync/live?since=0',
    auth: true,
    status: 400,
    mentions: 'query',
  },
  // Oversized bodies.
  {
    name: 'login: oversized body',
    method: 'POST',
    path: '/auth/login',
    raw: JSON.stringify({ username: 'desk_a', password: 'x'.repeat(BODY_LIMIT) }),
    status: 413,
  },
  {
    name: 'push: oversized body',
    method: 'POST',
    path: '/sync/push',
    auth: true,
    raw: JSON.stringify(
      push([
        {
          ...okMutation,
          target: {
            ...okMutation.target,
            action: { type: 'add_note', text: 'x'.repeat(BODY_LIMIT), visibility: 'internal' },
          },
        },
      ]),
    ),
    status: 413,
  },
  // Routes and methods.
  { name: 'unknown path', method: 'GET', path: '/sync/everything', status: 404 },
  { name: 'wrong method on login', method: 'GET', path: '/auth/login', status: 405 },
  {
    name: 'wrong method on push',
    method: 'PUT',
    path: '/sync/push',
    auth: true,
    body: push([okMutation]),
    status: 405,
  },
  { name: 'trailing slash', method: 'GET', path: '/health/', status: 404 },
];

describe.each(STORAGES)('bad input on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  const logged: string[] = [];
  const central = useWorldCentral(storages, kind, {
    bodyLimit: BODY_LIMIT,
    log: (line) => logged.push(line),
  });
  let token = '';

  it.each(CASES)('$name → $status', async (c) => {
    const { url } = central();
    token ||= (await login(url, 'desk_a')).token;
    const before = await fingerprint(central());
    const reply = await call(url, c.method, c.path, {
      ...(c.auth ? { token } : {}),
      ...(c.body !== undefined ? { body: c.body } : {}),
      ...(c.raw !== undefined ? { raw: c.raw } : {}),
      ...(c.headers ? { headers: c.headers } : {}),
    });
    expect(reply.status, reply.text).toBe(c.status);
    const problem = ProblemSchema.parse(reply.json);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    if (c.mentions) {
      expect(`${problem.error.message} ${problem.error.path ?? ''}`).toContain(c.mentions);
    }
    expect(await fingerprint(central())).toBe(before);
    expect((await call(url, 'GET', '/health')).status).toBe(200);
    expect(logged).toEqual([]);
  });

  it('survives a body cut off mid-stream, and writes nothing', async () => {
    const c = central();
    token ||= (await login(c.url, 'desk_a')).token;
    const before = await fingerprint(c);
    const body = JSON.stringify({
      clientId: clientId('cut'),
      mutations: [
        {
          ...okMutation,
          target: {
            ...okMutation.target,
            action: { type: 'add_note', text: 'cut', visibility: 'internal' },
          },
        },
      ],
    });
    const { port } = new URL(c.url);
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length + 100}\r\n\r\n${body}`,
        );
        // The client gives up half-way: half-close, then give the server a moment to react.
        socket.end();
      });
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString();
      });
      socket.on('close', () => resolve(received));
      socket.on('error', () => resolve(received));
      setTimeout(() => {
        socket.destroy();
        resolve(received);
      }, 3000).unref();
    });
    // Either a 400 or a closed connection: never a 200, never a write.
    expect(answer).not.toMatch(/^HTTP\/1\.1 200/);
    expect(await fingerprint(c)).toBe(before);
    expect((await call(c.url, 'GET', '/health')).status).toBe(200);
  });

  it('refuses an oversized body by its declared length without reading it', async () => {
    const c = central();
    const { port } = new URL(c.url);
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n{"username":`,
        );
      });
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString();
        if (received.includes('\r\n\r\n') && received.includes('}')) {
          socket.destroy();
          resolve(received);
        }
      });
      socket.on('close', () => resolve(received));
      setTimeout(() => {
        socket.destroy();
        resolve(received);
      }, 3000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('PAYLOAD_TOO_LARGE');
  });

  it('answers 500, logged, rather than send a response that breaks its schema', async () => {
    const c = central();
    const reader = await login(c.url, 'desk_c');
    // A stored record that no longer matches its schema (a bug, or hand-edited data).
    const row = await c.store.db
      .selectFrom('records')
      .select(['data'])
      .where('entity', '=', 'dossier')
      .where('id', '=', 'c-new-8')
      .executeTakeFirstOrThrow();
    await c.store.db
      .updateTable('records')
      .set({ data: JSON.stringify({ ...(JSON.parse(row.data) as object), status: 99 }) })
      .where('entity', '=', 'dossier')
      .where('id', '=', 'c-new-8')
      .execute();
    try {
      const reply = await call(c.url, 'GET', '/sync/changes?limit=5000', { token: reader.token });
      expect(reply.status).toBe(500);
      expect(ProblemSchema.parse(reply.json).error.code).toBe('INTERNAL');
      expect(reply.text).not.toContain('c-new-8');
      expect(
        logged.some((line) => line.includes('invalid response') && line.includes('/sync/changes')),
      ).toBe(true);
    } finally {
      await c.store.db
        .updateTable('records')
        .set({ data: row.data })
        .where('entity', '=', 'dossier')
        .where('id', '=', 'c-new-8')
        .execute();
      logged.length = 0;
    }
  });
});
