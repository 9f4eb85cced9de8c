import { describe, expect, it } from 'vitest';
import { ProblemSchema } from '@shared/sync/protocol';
import { rawRequest } from '../support/raw-http';
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
import type { RunningCentral } from '../../central/index';

/**
 * Issue 11 §2 on the central API, on both storages: text PostgreSQL cannot store, `__proto__`
 * inside an action and oversized bodies each get a 4xx Problem naming what is wrong; nothing is
 * written, not even a failed sign-in.
 */
const storages = useStorages();
const skip = postgresUnavailable();
const BODY_LIMIT = 256 * 1024;

async function written(c: RunningCentral): Promise<string> {
  const failures = await c.store.db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return `${await fingerprint(c)} failures=${Number(failures.n)}`;
}

const note = (text: string) => ({ type: 'add_note', text, visibility: 'internal' });
const pushOf = (target: unknown) => ({
  clientId: clientId('hostile'),
  mutations: [{ seq: 1, id: 'm-1', baseVersion: 1, at: 1_700_000_000_000, target }],
});

describe.each(STORAGES)('hostile input to the central API on %s', (kind) => {
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
  const session = async () => (token ||= (await login(central().url, 'desk_a')).token);

  const cases: [string, () => Promise<{ path: string; body: unknown; raw?: string }>, string][] = [
    [
      'a NUL in the username at sign-in',
      () =>
        Promise.resolve({ path: '/auth/login', body: { username: 'de\u0000sk', password: 'x' } }),
      'body.username',
    ],
    [
      'half a surrogate pair in the password',
      () =>
        Promise.resolve({ path: '/auth/login', body: { username: 'desk_a', password: 'x\udc00' } }),
      'body.password',
    ],
    [
      "a NUL in a mutation's target id",
      async () => ({
        path: '/sync/push',
        body: pushOf({ entity: 'dossier', id: 'dossier-1\u0000', action: { type: 'accept' } }),
        token: await session(),
      }),
      'body.mutations[0].target.id',
    ],
    [
      "a NUL in an action's note",
      async () => ({
        path: '/sync/push',
        body: pushOf({ entity: 'dossier', id: 'a-new-1', action: note('ghi chú\u0000') }),
        token: await session(),
      }),
      'body.mutations[0].target.action.text',
    ],
    [
      "half a surrogate pair in an action's note",
      async () => ({
        path: '/sync/push',
        body: pushOf({ entity: 'dossier', id: 'a-new-1', action: note('ghi chú\ud83d') }),
        token: await session(),
      }),
      'body.mutations[0].target.action.text',
    ],
    [
      'a __proto__ key inside an action',
      async () => ({
        path: '/sync/push',
        body: null,
        raw: JSON.stringify(
          pushOf({ entity: 'dossier', id: 'a-new-1', action: note('x') }),
        ).replace('"type":"add_note"', '"__proto__":{"visibility":"citizen"},"type":"add_note"'),
        token: await session(),
      }),
      'body.mutations[0].target.action.__proto__',
    ],
    [
      'JSON nested 2,000 deep',
      async () => ({
        path: '/sync/push',
        body: null,
        raw: `{"clientId":"hostile-deep-1","mutations":${'['.repeat(2000)}${']'.repeat(2000)}}`,
        token: await session(),
      }),
      'nested more than',
    ],
  ];

  it.each(cases)(
    'refuses %s with a 400 naming it, and writes nothing',
    async (_name, make, mentions) => {
      const c = central();
      const request = (await make()) as {
        path: string;
        body: unknown;
        raw?: string;
        token?: string;
      };
      const before = await written(c);
      const reply = await call(c.url, 'POST', request.path, {
        ...(request.token ? { token: request.token } : {}),
        ...(request.raw !== undefined ? { raw: request.raw } : { body: request.body }),
      });
      expect(reply.status, reply.text).toBe(400);
      const problem = ProblemSchema.parse(reply.json);
      expect(problem.error.code).toBe('BAD_REQUEST');
      expect(`${problem.error.message} ${problem.error.path ?? ''}`).toContain(mentions);
      expect(await written(c)).toBe(before);
      expect(logged).toEqual([]);
    },
  );

  it.each([false, true])(
    'answers a 20 MB body with 413, read after sending it (Expect: 100-continue %s)',
    async (expectContinue) => {
      const c = central();
      const before = await written(c);
      for (const path of ['/auth/login', '/sync/push']) {
        const answer = await rawRequest({
          port: c.port,
          path,
          headers: {
            'Content-Type': 'application/json',
            ...(path === '/sync/push' ? { Authorization: `Bearer ${await session()}` } : {}),
            ...(expectContinue ? { Expect: '100-continue' } : {}),
          },
          body: { size: 20 * 1024 * 1024 },
        });
        expect(answer.status, `${path}: ${answer.text.slice(0, 200)}`).toBe(413);
        expect(answer.continued).toBe(false);
        expect(ProblemSchema.parse(answer.json).error.code).toBe('PAYLOAD_TOO_LARGE');
      }
      expect(await written(c)).toBe(before);
      expect((await call(c.url, 'GET', '/health')).status).toBe(200);
    },
  );
});
