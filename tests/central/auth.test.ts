import { describe, expect, it } from 'vitest';
import { SessionSchema } from '@shared/sync/protocol';
import { OFFICERS, passwordOf } from './world';
import {
  call,
  fingerprint,
  login,
  postgresUnavailable,
  pullAll,
  STORAGES,
  useStorages,
  useWorldCentral,
} from './helpers';

/**
 * Accounts: sign-in with scrypt-hashed passwords, bearer tokens that expire, 401 for everything
 * else, and officers' records that never carry a password hash.
 */
const storages = useStorages();
const skip = postgresUnavailable();

describe.each(STORAGES)('accounts on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  let now = Date.now();
  const central = useWorldCentral(storages, kind, {
    clock: () => now,
    sessionTtlMs: 60 * 60_000,
  });

  it('signs in with the right password and returns the officer, a token and the scope', async () => {
    const { url } = central();
    const reply = await call(url, 'POST', '/auth/login', {
      body: { username: 'desk_a', password: passwordOf('desk_a') },
    });
    expect(reply.status).toBe(200);
    const session = SessionSchema.parse(reply.json);
    expect(session.officer).toMatchObject({ id: 'desk_a', unitId: 'a', roles: ['desk_officer'] });
    expect(session.scopeUnitIds).toEqual(['a']);
    expect(session.token.length).toBeGreaterThanOrEqual(40);
    expect(session.expiresAt).toBe(now + 60 * 60_000);
    expect(reply.text).not.toMatch(/scrypt|password/i);
    // Usernames are case-insensitive and trimmed.
    const again = await call(url, 'POST', '/auth/login', {
      body: { username: '  DESK_A ', password: passwordOf('desk_a') },
    });
    expect(again.status).toBe(200);
  });

  it('stores only a hash of the token, and only scrypt hashes of passwords', async () => {
    const c = central();
    const session = await login(c.url, 'lead_a');
    const sessions = await c.store.db.selectFrom('sessions').select('token_hash').execute();
    expect(sessions.map((s) => s.token_hash)).not.toContain(session.token);
    expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.token_hash))).toBe(true);
    const credentials = await c.store.db.selectFrom('credentials').selectAll().execute();
    expect(credentials).toHaveLength(OFFICERS.length);
    for (const row of credentials) {
      expect(row.password_hash).toMatch(
        /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/,
      );
      expect(row.password_hash).not.toContain(passwordOf(row.username));
    }
    // Per-officer salts: two officers with the same cost never share a hash.
    expect(new Set(credentials.map((r) => r.password_hash)).size).toBe(credentials.length);
  });

  it('answers a wrong password and an unknown username the same way (401)', async () => {
    const { url } = central();
    const before = await fingerprint(central());
    const wrong = await call(url, 'POST', '/auth/login', {
      body: { username: 'desk_a', password: 'not-the-password' },
    });
    const unknown = await call(url, 'POST', '/auth/login', {
      body: { username: 'nobody_here', password: 'not-the-password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json).toEqual(unknown.json);
    expect(wrong.json).toEqual({
      error: { code: 'INVALID_CREDENTIALS', message: 'wrong username or password' },
    });
    expect(await fingerprint(central())).toBe(before);
  });

  it('makes a username wait after ten failed sign-ins in a quarter hour (429), and only that one', async () => {
    const { url } = central();
    const attempt = (username: string, password: string) =>
      call(url, 'POST', '/auth/login', { body: { username, password } });
    const start = now;
    try {
      for (let i = 0; i < 10; i++) {
        expect((await attempt('proc_b1', 'guess')).status).toBe(401);
        now += 1000;
      }
      // Locked: even the right password waits, and the answer says for how long.
      const locked = await attempt('PROC_B1', passwordOf('proc_b1'));
      expect(locked.status).toBe(429);
      expect(locked.json).toMatchObject({ error: { code: 'TOO_MANY_ATTEMPTS' } });
      expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60 - 10);
      // Unknown usernames are counted the same way, so a 429 says nothing about existence.
      for (let i = 0; i < 10; i++) await attempt('ghost-throttle', 'guess');
      expect((await attempt('ghost-throttle', 'guess')).status).toBe(429);
      // Other officers are not affected.
      expect((await attempt('desk_c', passwordOf('desk_c'))).status).toBe(200);
      // Once the oldest failure leaves the window, one more try is allowed, and success resets.
      now = start + 15 * 60_000 + 1;
      expect((await attempt('proc_b1', passwordOf('proc_b1'))).status).toBe(200);
      expect((await attempt('proc_b1', 'guess')).status).toBe(401);
      expect((await attempt('proc_b1', passwordOf('proc_b1'))).status).toBe(200);
    } finally {
      now = start;
    }
  });

  it('rejects missing, malformed, unknown and logged-out tokens with 401 on every auth route', async () => {
    const { url } = central();
    const session = await login(url, 'desk_b');
    const routes: [string, string, unknown?][] = [
      ['GET', '/sync/changes'],
      ['POST', '/sync/push', { clientId: 'client-401-test', mutations: [] }],
      ['POST', '/auth/logout'],
      ['GET', '/sync/live'],
    ];
    const tokens: (string | undefined)[] = [
      undefined,
      'x'.repeat(43),
      `${session.token.slice(0, -2)}AA`,
    ];
    for (const [method, path, body] of routes) {
      for (const token of tokens) {
        const reply = await call(url, method, path, { ...(token ? { token } : {}), body });
        expect(reply.status, `${method} ${path} token=${String(token)}`).toBe(401);
        expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(reply.json).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
      }
      const malformed = await call(url, method, path, {
        headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      });
      expect(malformed.status).toBe(401);
    }
    expect((await call(url, 'GET', '/sync/changes', { token: session.token })).status).toBe(200);
    expect((await call(url, 'POST', '/auth/logout', { token: session.token })).status).toBe(200);
    const after = await call(url, 'GET', '/sync/changes', { token: session.token });
    expect(after.status).toBe(401);
  });

  it('expires tokens after the configured time', async () => {
    const { url } = central();
    const session = await login(url, 'proc_a1');
    expect((await call(url, 'GET', '/sync/changes', { token: session.token })).status).toBe(200);
    now += 60 * 60_000 - 1;
    expect((await call(url, 'GET', '/sync/changes', { token: session.token })).status).toBe(200);
    now += 1;
    const expired = await call(url, 'GET', '/sync/changes', { token: session.token });
    expect(expired.status).toBe(401);
    expect(expired.json).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    // A new sign-in works again.
    const fresh = await login(url, 'proc_a1');
    expect((await call(url, 'GET', '/sync/changes', { token: fresh.token })).status).toBe(200);
  });

  it('sends officers to everyone without any credential', async () => {
    const { url } = central();
    const session = await login(url, 'proc_b1');
    const pulled = await pullAll(url, session.token);
    const officers = pulled.changes.filter((c) => c.entity === 'officer');
    expect(officers.map((c) => c.id).sort()).toEqual(OFFICERS.map((o) => o.id).sort());
    for (const o of officers) {
      expect(Object.keys(o.data).sort()).toEqual(['fullName', 'id', 'roles', 'unitId', 'username']);
    }
    expect(JSON.stringify(pulled.changes)).not.toMatch(/scrypt|secret/);
  });
});

describe('password timing', () => {
  it('costs the same scrypt for an unknown user as for a wrong password', async () => {
    const kind = 'sqlite';
    const { startCentral } = await import('../../central/index');
    const { worldSeed } = await import('./world');
    const cost = { N: 2 ** 14, r: 8, p: 1 };
    const c = await startCentral({
      storage: await storages.storage(kind),
      seed: { kind: 'data', data: worldSeed() },
      passwordCost: cost,
      seedPasswordCost: cost,
      log: () => undefined,
    });
    try {
      const time = async (username: string): Promise<number> => {
        const t0 = performance.now();
        const r = await call(c.url, 'POST', '/auth/login', {
          body: { username, password: 'wrong password' },
        });
        expect(r.status).toBe(401);
        return performance.now() - t0;
      };
      await time('lead_b');
      await time('ghost');
      const median = (xs: number[]) =>
        [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      const wrong: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 5; i++) {
        wrong.push(await time('lead_b'));
        unknown.push(await time(`ghost-${i}`));
      }
      const ratio = median(unknown) / median(wrong);
      // Both run one scrypt of the same cost (tens of ms); a lookup-only path would be ~1 ms.
      expect(median(wrong)).toBeGreaterThan(10);
      expect(ratio).toBeGreaterThan(0.6);
      expect(ratio).toBeLessThan(1.6);
    } finally {
      await c.close();
    }
  });

  it('upgrades a cheaply seeded hash to the full cost at the first sign-in', async () => {
    const { startCentral } = await import('../../central/index');
    const { worldSeed } = await import('./world');
    const c = await startCentral({
      storage: await storages.storage('sqlite'),
      seed: { kind: 'data', data: worldSeed() },
      passwordCost: { N: 4096, r: 8, p: 1 },
      seedPasswordCost: { N: 1024, r: 8, p: 1 },
      log: () => undefined,
    });
    try {
      const hashOf = async () =>
        (
          await c.store.db
            .selectFrom('credentials')
            .select('password_hash')
            .where('officer_id', '=', 'desk_c')
            .executeTakeFirstOrThrow()
        ).password_hash;
      expect(await hashOf()).toMatch(/^scrypt\$1024\$/);
      await login(c.url, 'desk_c');
      expect(await hashOf()).toMatch(/^scrypt\$4096\$/);
      await login(c.url, 'desk_c');
    } finally {
      await c.close();
    }
  });
});
