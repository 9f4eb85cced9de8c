import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Crypto from 'node:crypto';
import { startCentral, type CentralOptions, type RunningCentral } from '../../central/index';
import { createSeedGenerator, generatedSeedData, seedStore } from '../../central/seed';
import { CentralStore } from '../../central/store/store';
import { OFFICERS, passwordOf, worldSeed } from './world';
import {
  call,
  login,
  postgresUnavailable,
  STORAGES,
  TEST_PASSWORD_COST,
  useStorages,
  useWorldCentral,
  type Reply,
} from './helpers';

/**
 * Sign-in abuse (issue 11 §3): a throttled username stays throttled whatever else is tried, one
 * address is limited across usernames, a throttled sign-in is refused before any hashing, a
 * seeded account costs a failed sign-in what an unknown username costs, and a push cannot tell
 * another unit's record from a missing one.
 *
 * The work a sign-in did is read from the scrypt calls the server made (node:crypto's `scrypt`
 * is wrapped to note each call's cost), never from how long it took.
 */
const scrypts = vi.hoisted(() => ({ costs: [] as number[] }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof Crypto>();
  const counted = (...args: Parameters<typeof crypto.scrypt>): void => {
    const options = args[3];
    if (typeof options === 'object' && options !== null) scrypts.costs.push(options.N ?? 0);
    crypto.scrypt(...args);
  };
  return { ...crypto, scrypt: counted };
});

/** The costs of the scrypt calls `run` made (nothing else may sign in meanwhile). */
async function scryptsDuring(run: () => Promise<unknown>): Promise<number[]> {
  const from = scrypts.costs.length;
  await run();
  return scrypts.costs.slice(from);
}

const storages = useStorages();
const skip = postgresUnavailable();
const WINDOW = 15 * 60_000;

function attempt(
  url: string,
  username: string,
  password: string,
  from?: string,
): Promise<Reply<{ error?: { code: string; message: string } }>> {
  return call(url, 'POST', '/auth/login', {
    body: { username, password },
    ...(from ? { headers: { 'x-forwarded-for': from } } : {}),
  });
}

/** Runs `count` tasks, `width` at a time. */
async function inWaves(
  count: number,
  width: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < count; start += width) {
    await Promise.all(
      Array.from({ length: Math.min(width, count - start) }, (_, k) => task(start + k)),
    );
  }
}

async function failuresOf(c: RunningCentral, username: string): Promise<number> {
  const rows = await c.store.db
    .selectFrom('login_failures')
    .select('at')
    .where('username', '=', username)
    .execute();
  return rows.length;
}

describe.each(STORAGES)('sign-in abuse on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }

  describe('a flood of made-up usernames', () => {
    // The cheapest scrypt, and no per-address limit in the way: only the username's own counts.
    const cheap = { N: 16, r: 1, p: 1 };
    const central = useWorldCentral(storages, kind, {
      passwordCost: cheap,
      seedPasswordCost: cheap,
      loginAttempts: { max: 10, windowMs: WINDOW, maxPerAddress: 1_000_000 },
    });

    it('leaves a throttled username throttled after 10,000 made-up usernames failed', async () => {
      const { url } = central();
      for (let i = 0; i < 10; i++) {
        expect((await attempt(url, 'proc_a1', 'guess')).status).toBe(401);
      }
      expect((await attempt(url, 'proc_a1', passwordOf('proc_a1'))).status).toBe(429);
      const statuses = new Map<number, number>();
      await inWaves(10_050, 25, async (i) => {
        const reply = await attempt(url, `made-up-${i}`, 'guess');
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      });
      expect(Object.fromEntries(statuses)).toEqual({ 401: 10_050 });
      // The right password still waits, and the answer still names the username.
      const after = await attempt(url, 'proc_a1', passwordOf('proc_a1'));
      expect(after.status).toBe(429);
      expect(after.json.error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
      expect(after.json.error?.message).toMatch(/for this username/);
      expect(Number(after.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another officer is not affected.
      expect((await attempt(url, 'desk_b', passwordOf('desk_b'))).status).toBe(200);
    });
  });

  describe('behind a trusted proxy', () => {
    let now = Date.now();
    const central = useWorldCentral(storages, kind, {
      clock: () => now,
      trustProxy: '127.0.0.1',
      loginAttempts: { max: 10, windowMs: WINDOW, maxPerAddress: 5 },
    });

    it('makes one address wait after its limit across usernames, and no other address', async () => {
      const { url } = central();
      const start = now;
      try {
        const names = ['desk_a', 'lead_a', 'ghost-1', 'proc_b1', 'ghost-2'];
        for (const name of names) {
          expect((await attempt(url, name, 'guess', '203.0.113.7')).status).toBe(401);
          now += 1000;
        }
        // Any username from that address now waits, even with the right password.
        const locked = await attempt(url, 'desk_c', passwordOf('desk_c'), '203.0.113.7');
        expect(locked.status).toBe(429);
        expect(locked.json.error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
        expect(locked.json.error?.message).toMatch(/from this address/);
        expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60 - 5);
        // Another address signs in, with a username that failed from the locked one.
        expect((await attempt(url, 'desk_a', passwordOf('desk_a'), '198.51.100.20')).status).toBe(
          200,
        );
        // Once the oldest failure left the window, the address may try again.
        now = start + WINDOW + 1;
        expect((await attempt(url, 'desk_c', passwordOf('desk_c'), '203.0.113.7')).status).toBe(
          200,
        );
      } finally {
        now = start;
      }
    });

    it('counts the addresses of one IPv6 /64 together, and an IPv4-mapped address as its IPv4', async () => {
      const { url } = central();
      const block = [
        '2001:db8:1:2::a',
        '2001:db8:1:2::b',
        '2001:db8:1:2:ffff:ffff:ffff:ffff',
        '2001:DB8:1:2::c',
        '2001:0db8:0001:0002::d',
      ];
      for (const [i, from] of block.entries()) {
        expect((await attempt(url, `v6-ghost-${i}`, 'guess', from)).status).toBe(401);
      }
      const inBlock = await attempt(url, 'lead_b', passwordOf('lead_b'), '2001:db8:1:2:1234::1');
      expect(inBlock.status).toBe(429);
      expect(inBlock.json.error?.message).toMatch(/from this address/);
      // The next /64 is someone else.
      expect((await attempt(url, 'lead_b', passwordOf('lead_b'), '2001:db8:1:3::1')).status).toBe(
        200,
      );

      for (let i = 0; i < 3; i++) {
        expect((await attempt(url, `v4-ghost-${i}`, 'guess', '::ffff:192.0.2.9')).status).toBe(401);
      }
      for (let i = 3; i < 5; i++) {
        expect((await attempt(url, `v4-ghost-${i}`, 'guess', '192.0.2.9')).status).toBe(401);
      }
      for (const from of ['192.0.2.9', '::ffff:192.0.2.9']) {
        expect((await attempt(url, 'lead_a1', passwordOf('lead_a1'), from)).status).toBe(429);
      }
      expect((await attempt(url, 'lead_a1', passwordOf('lead_a1'), '192.0.2.10')).status).toBe(200);
    });

    it('takes X-Forwarded-For only from the trusted proxy', async () => {
      const { app } = central();
      // A client that is not the proxy names itself in the header: it is counted as itself.
      const direct = (i: number, password = 'guess', username = `xff-ghost-${i}`) =>
        app.inject({
          method: 'POST',
          url: '/auth/login',
          remoteAddress: '198.51.100.77',
          headers: { 'x-forwarded-for': `10.1.1.${i}` },
          payload: { username, password },
        });
      for (let i = 0; i < 5; i++) expect((await direct(i)).statusCode).toBe(401);
      expect((await direct(9, passwordOf('desk_a_2'), 'desk_a_2')).statusCode).toBe(429);
      // The addresses it claimed were never counted.
      expect(
        (await attempt(central().url, 'desk_a_2', passwordOf('desk_a_2'), '10.1.1.0')).status,
      ).toBe(200);
    });
  });

  describe('without a trusted proxy', () => {
    const central = useWorldCentral(storages, kind, {
      loginAttempts: { max: 10, windowMs: WINDOW, maxPerAddress: 5 },
    });
    const from = (remoteAddress: string, username: string, password: string, xff?: string) =>
      central().app.inject({
        method: 'POST',
        url: '/auth/login',
        remoteAddress,
        ...(xff ? { headers: { 'x-forwarded-for': xff } } : {}),
        payload: { username, password },
      });

    it('counts the connection’s address whatever X-Forwarded-For claims, IPv4-mapped as IPv4', async () => {
      for (let i = 0; i < 5; i++) {
        const reply = await from('::ffff:192.0.2.50', `direct-ghost-${i}`, 'guess', `10.2.2.${i}`);
        expect(reply.statusCode).toBe(401);
      }
      for (const remote of ['192.0.2.50', '::ffff:192.0.2.50']) {
        const reply = await from(remote, 'lead_p', passwordOf('lead_p'), '10.2.2.200');
        expect(reply.statusCode).toBe(429);
        expect(reply.json()).toMatchObject({ error: { code: 'TOO_MANY_ATTEMPTS' } });
        expect(reply.headers['retry-after']).toBeDefined();
      }
      expect((await from('192.0.2.51', 'lead_p', passwordOf('lead_p'))).statusCode).toBe(200);
    });
  });

  describe('refused before hashing', () => {
    const central = useWorldCentral(storages, kind, {
      trustProxy: '127.0.0.1',
      loginAttempts: { max: 10, windowMs: WINDOW, maxPerAddress: 20 },
    });

    it('answers a throttled username and a throttled address without running scrypt', async () => {
      const { url } = central();
      for (let i = 0; i < 10; i++) {
        expect((await attempt(url, 'lead_a', 'guess', '198.51.100.1')).status).toBe(401);
      }
      const forName = await scryptsDuring(async () => {
        for (let i = 0; i < 20; i++) {
          const password = i % 2 === 0 ? passwordOf('lead_a') : 'guess';
          const from = `198.51.100.${10 + i}`;
          expect((await attempt(url, 'lead_a', password, from)).status).toBe(429);
        }
      });
      expect(forName).toEqual([]);

      for (let i = 0; i < 20; i++) {
        expect((await attempt(url, `addr-ghost-${i}`, 'guess', '203.0.113.99')).status).toBe(401);
      }
      const fromAddress = await scryptsDuring(async () => {
        for (let i = 0; i < 20; i++) {
          const name = i % 2 === 0 ? 'desk_b' : `addr-ghost-new-${i}`;
          const reply = await attempt(url, name, passwordOf('desk_b'), '203.0.113.99');
          expect(reply.status).toBe(429);
        }
      });
      expect(fromAddress).toEqual([]);
      // Neither the refused attempts nor their usernames were counted as failures.
      expect(await failuresOf(central(), 'desk_b')).toBe(0);
    });

    it('of 50 guesses at one username sent at once, checks at most the limit', async () => {
      const c = central();
      let replies: Reply[] = [];
      const costs = await scryptsDuring(async () => {
        replies = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            attempt(c.url, 'proc_a1_2', `guess-${i}`, `192.0.2.${100 + i}`),
          ),
        );
      });
      const statuses = replies.map((r) => r.status);
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
      const checked = statuses.filter((s) => s === 401).length;
      expect(checked).toBeGreaterThan(0);
      expect(checked).toBeLessThanOrEqual(10);
      expect(costs.length).toBe(checked);
      expect(await failuresOf(c, 'proc_a1_2')).toBe(checked);
      for (const r of replies.filter((x) => x.status === 429)) {
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    });

    it('of 50 guesses from one address sent at once, checks at most its limit', async () => {
      const c = central();
      let replies: Reply[] = [];
      const costs = await scryptsDuring(async () => {
        replies = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            attempt(c.url, `burst-ghost-${i}`, 'guess', '203.0.113.150'),
          ),
        );
      });
      const checked = replies.filter((r) => r.status === 401).length;
      expect(checked).toBeGreaterThan(0);
      expect(checked).toBeLessThanOrEqual(20);
      expect(replies.filter((r) => r.status === 429)).toHaveLength(50 - checked);
      expect(costs.length).toBe(checked);
    });
  });

  describe('seeded accounts', () => {
    const serverCost = { N: 8192, r: 8, p: 1 };
    let c: RunningCentral | null = null;
    beforeAll(async () => {
      // No seed cost of its own: the seed hashes at the server's.
      const options: CentralOptions = {
        storage: await storages.storage(kind),
        seed: { kind: 'data', data: worldSeed() },
        passwordCost: serverCost,
        log: () => undefined,
      };
      c = await startCentral(options);
    });
    afterAll(async () => {
      await c?.close();
    });

    it('are hashed at the server’s cost, so a wrong password costs what an unknown username costs', async () => {
      if (!c) throw new Error('the central API did not start');
      const rows = await c.store.db
        .selectFrom('credentials')
        .select(['username', 'password_hash'])
        .execute();
      expect(rows).toHaveLength(OFFICERS.length);
      for (const row of rows) {
        const [scheme, N, r, p] = row.password_hash.split('$');
        expect({ scheme, N: Number(N), r: Number(r), p: Number(p) }, row.username).toEqual({
          scheme: 'scrypt',
          ...serverCost,
        });
      }
      const url = c.url;
      // The decoy is made once (at start); after it, each failure is one scrypt of the same cost.
      await attempt(url, 'warm-up-ghost', 'guess');
      const wrong = await scryptsDuring(async () => {
        expect((await attempt(url, 'lead_b', 'guess')).status).toBe(401);
      });
      const unknown = await scryptsDuring(async () => {
        expect((await attempt(url, 'nobody-here', 'guess')).status).toBe(401);
      });
      expect(wrong).toEqual([serverCost.N]);
      expect(unknown).toEqual([serverCost.N]);
      // A first sign-in finds nothing to upgrade: one scrypt, and the stored hash is unchanged.
      const before = rows.find((row) => row.username === 'desk_c')?.password_hash;
      const first = await scryptsDuring(() => login(url, 'desk_c'));
      expect(first).toEqual([serverCost.N]);
      const after = await c.store.db
        .selectFrom('credentials')
        .select('password_hash')
        .where('username', '=', 'desk_c')
        .executeTakeFirstOrThrow();
      expect(after.password_hash).toBe(before);
    });

    it('sharing one password are hashed once when seeding; distinct passwords each get their own', async () => {
      const end = Date.UTC(2026, 10, 20, 3, 0);
      const options = { seed: 3, dossiers: 0, complaints: 0, end };
      const data = generatedSeedData(createSeedGenerator(options), options);
      expect(data.officers.length).toBeGreaterThanOrEqual(600);
      const store = await CentralStore.open(await storages.storage(kind), { log: () => undefined });
      try {
        const costs = await scryptsDuring(() =>
          seedStore(store, data, { passwordCost: TEST_PASSWORD_COST }),
        );
        expect(costs).toEqual([TEST_PASSWORD_COST.N]);
        const stored = await store.db.selectFrom('credentials').select('username').execute();
        expect(stored).toHaveLength(data.officers.length);
      } finally {
        await store.close();
      }
      const distinct = await CentralStore.open(await storages.storage(kind), {
        log: () => undefined,
      });
      try {
        const costs = await scryptsDuring(() =>
          seedStore(distinct, worldSeed(), { passwordCost: TEST_PASSWORD_COST }),
        );
        expect(costs).toHaveLength(OFFICERS.length);
      } finally {
        await distinct.close();
      }
    });

    it('shared by the seed still sign in, each officer as themself', async () => {
      const end = Date.UTC(2026, 10, 20, 3, 0);
      const generated = await startCentral({
        storage: await storages.storage(kind),
        seed: {
          kind: 'generated',
          options: { seed: 3, dossiers: 0, complaints: 0, end, communes: 2 },
        },
        passwordCost: TEST_PASSWORD_COST,
        log: () => undefined,
      });
      try {
        const officers = generatedSeedData(
          createSeedGenerator({ seed: 3, dossiers: 0, complaints: 0, end, communes: 2 }),
          { seed: 3, dossiers: 0, complaints: 0, end, communes: 2 },
        ).officers.slice(0, 3);
        for (const { officer, password } of officers) {
          const session = await login(generated.url, officer.username, password);
          expect(session.officer.id).toBe(officer.id);
        }
        expect((await attempt(generated.url, officers[0]!.officer.username, 'guess')).status).toBe(
          401,
        );
      } finally {
        await generated.close();
      }
    });
  });

  describe('probing records by id', () => {
    const central = useWorldCentral(storages, kind);

    it('answers a record of another unit exactly as a record that does not exist', async () => {
      const c = central();
      const session = await login(c.url, 'desk_a');
      const headBefore = await c.store.head();
      const mutation = (seq: number, entity: string, id: string, type: string) => ({
        seq,
        id: `m-probe-${seq}`,
        baseVersion: 1,
        at: Date.now(),
        target: { entity, id, action: { type } },
      });
      const reply = await call<{ results: Record<string, unknown>[] }>(
        c.url,
        'POST',
        '/sync/push',
        {
          token: session.token,
          body: {
            clientId: 'client-probe-0001',
            mutations: [
              mutation(1, 'dossier', 'c-new-1', 'accept'),
              mutation(2, 'dossier', 'c-new-999999', 'accept'),
              mutation(3, 'complaint', 'cb-1', 'receive'),
              mutation(4, 'complaint', 'cb-999999', 'receive'),
            ],
          },
        },
      );
      expect(reply.status).toBe(200);
      // With its own ids left out, each answer is the same: nothing tells existing from missing.
      const shape = ({ seq: _seq, ...result }: Record<string, unknown>, ids: string[]) => {
        let text = JSON.stringify(result);
        for (const id of ids) text = text.split(id).join('<id>');
        return JSON.parse(text) as unknown;
      };
      const [other, missing, otherComplaint, missingComplaint] = reply.json.results;
      expect(shape(other!, ['c-new-1', 'm-probe-1'])).toEqual(
        shape(missing!, ['c-new-999999', 'm-probe-2']),
      );
      expect(shape(otherComplaint!, ['cb-1', 'm-probe-3'])).toEqual(
        shape(missingComplaint!, ['cb-999999', 'm-probe-4']),
      );
      expect(other).toMatchObject({ status: 'rejected', code: 'NOT_FOUND', current: null });
      expect(await c.store.head()).toBe(headBefore);
    });
  });
});
