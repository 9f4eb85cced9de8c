import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@shared/synthetic';
import { createCentralClient } from '../../core/sync/central-client';
import type { RunningCentral } from '../../central/index';
import { STORAGES, postgresUnavailable, useStorages } from '../central/helpers';
import {
  count,
  removeClient,
  settled,
  signIn,
  startClient,
  startFaultProxy,
  startSyntheticCentral,
  until,
  type Client,
  type FaultProxy,
} from './harness';
import type { Fault } from '../support/fault-proxy';

/**
 * The client sync engine against a real central API process-in-process on loopback, through a
 * proxy the tests can cut, on both central storages.
 */
const storages = useStorages();

describe.each(STORAGES)('sync engine ⇄ central API (%s)', (kind) => {
  const skip = kind === 'postgres' ? postgresUnavailable() : null;
  let central: RunningCentral;
  let proxy: FaultProxy;
  const clients: Client[] = [];
  const client = (workerAbove?: number) => {
    const c = startClient(undefined, undefined, workerAbove);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    if (skip) return;
    central = await startSyntheticCentral(await storages.storage(kind));
    proxy = await startFaultProxy(central.url);
  });
  beforeEach(() => {
    if (!proxy) return;
    proxy.blocked = false;
    proxy.setDecider(() => ({ kind: 'pass' }));
  });
  // Each test's clients go away with it, so the proxy's log shows only the next test's traffic.
  afterEach(() => {
    for (const c of clients.splice(0)) removeClient(c);
  });
  afterAll(async () => {
    await proxy?.close();
    await central?.close();
  });

  /** Everything the officer may see, read straight from the feed with their own session. */
  async function scopeCounts(username: string) {
    const api = createCentralClient({ baseUrl: central.url });
    const session = await api.login(username, 'demo');
    const authed = createCentralClient({ baseUrl: central.url, token: () => session.token });
    const ids = { dossier: new Set<string>(), complaint: new Set<string>(), history: 0 };
    let since = '0';
    for (let i = 0; i < 1000; i++) {
      const page = await authed.changes({ since, limit: 1000 });
      for (const c of page.changes) {
        if (c.entity === 'dossier') ids.dossier.add(c.id);
        if (c.entity === 'complaint') ids.complaint.add(c.id);
        if (c.entity === 'dossier_history') ids.history++;
      }
      since = page.cursor;
      if (!page.hasMore) break;
    }
    return { dossiers: ids.dossier.size, complaints: ids.complaint.size, history: ids.history };
  }

  // A small first sync runs on the host's thread; a large one on the loader thread (forced here).
  it.skipIf(skip).each([
    ['on the host thread', undefined],
    ['on the loader thread', 0],
  ])(
    "fills an empty cache with the officer's scope, showing real progress (%s)",
    async (_where, workerAbove) => {
      const c = client(workerAbove);
      await signIn(c, proxy.url, 'officer');
      await settled(c);
      const expected = await scopeCounts('officer');
      expect(expected.dossiers).toBeGreaterThan(0);
      expect(count(c, 'SELECT count(*) AS n FROM dossiers')).toBe(expected.dossiers);
      expect(count(c, 'SELECT count(*) AS n FROM complaints')).toBe(expected.complaints);
      expect(count(c, 'SELECT count(*) AS n FROM dossier_history')).toBe(expected.history);
      expect(count(c, 'SELECT count(*) AS n FROM units')).toBeGreaterThan(1);
      expect(count(c, 'SELECT count(*) AS n FROM calendar_overrides')).toBeGreaterThan(0);
      const progress = c.statuses.map((s) => s.progress).filter((p) => p !== null);
      expect(progress.length).toBeGreaterThan(2);
      for (let i = 1; i < progress.length; i++)
        expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
      expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
      // The cache's indexes are back after the bulk load, all of them.
      expect(
        count(
          c,
          `SELECT count(*) AS n FROM sqlite_schema WHERE type = 'index' AND name = 'dossiers_by_due'`,
        ),
      ).toBe(1);
      const indexes = `SELECT count(*) AS n FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL`;
      const fresh = startClient();
      clients.push(fresh);
      expect(count(c, indexes)).toBe(count(fresh, indexes));
      // Every page of the encrypted file passes its HMAC check on the officer's connection,
      // the index pages the loader built without checking what it read among them.
      expect(c.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    },
  );

  it.skipIf(skip).each([
    ['on the host thread', undefined],
    ['on the loader thread', 0],
  ])(
    'resumes an interrupted initial sync from the last stored page, not from zero (%s)',
    async (_where, workerAbove) => {
      let pages = 0;
      proxy.log.length = 0;
      proxy.setDecider(({ path }) => {
        if (path.startsWith('/sync/changes') && ++pages === 3) proxy.blocked = true;
        return { kind: 'pass' };
      });
      let c = client(workerAbove);
      await signIn(c, proxy.url, 'leader');
      await until(
        () => c.core.sync.status().state === 'offline',
        15_000,
        'the outage to be noticed',
      );
      // The live stream notices first; the pull gives up once its in-flight pages are stored.
      await c.core.sync.idle();
      const cursor = c.core.sync.cache.cursor;
      expect(cursor).not.toBe('0');
      const stored = count(c, 'SELECT count(*) AS n FROM dossiers');
      expect(stored).toBeGreaterThan(0);
      c = c.restart();
      clients.push(c);
      proxy.log.length = 0;
      proxy.setDecider(() => ({ kind: 'pass' }));
      proxy.blocked = false;
      await settled(c);
      const feedRequests = proxy.log.filter((l) => l.path.startsWith('/sync/changes'));
      expect(feedRequests[0]?.path).toContain(`since=${cursor}`);
      expect(feedRequests.some((l) => l.path.includes('since=0&'))).toBe(false);
      expect(count(c, 'SELECT count(*) AS n FROM dossiers')).toBe(
        (await scopeCounts('leader')).dossiers,
      );
    },
  );

  /** Ways a feed page can come back broken: what is done to it, what the officer is told. */
  const BROKEN_PAGES: [string, Extract<Fault, { kind: 'rewrite' }>, RegExp][] = [
    [
      'a record of the wrong shape',
      {
        kind: 'rewrite',
        body: (body) => {
          const page = JSON.parse(body.toString('utf8')) as { changes: { version: number }[] };
          page.changes[0]!.version = -1;
          return Buffer.from(JSON.stringify(page));
        },
      },
      /breaks the protocol \(changes\.0\.version/,
    ],
    [
      'a body cut off',
      { kind: 'rewrite', body: (body) => body.subarray(0, Math.floor(body.length / 2)) },
      /unreadable answer/,
    ],
    [
      'headers that disagree with the body',
      {
        kind: 'rewrite',
        headers: (headers) => {
          headers['feed-cursor'] = String(Number(headers['feed-cursor']) + 7);
        },
      },
      /disagree/,
    ],
  ];

  it
    .skipIf(skip)
    .each(
      BROKEN_PAGES.flatMap(([what, fault, message]) => [
        [what, 'on the host thread', undefined, fault, message] as const,
        [what, 'on the loader thread', 0, fault, message] as const,
      ]),
    )(
    'refuses a feed page with %s, stores nothing of it, and catches up once answers are sound (%s)',
    async (_what, _where, workerAbove, fault, message) => {
      // The third page of the sync (the loader thread's probe asks for one change only) breaks,
      // and comes back broken every time it is asked for again, until the server is mended.
      let pages = 0;
      let brokenSince: string | null = null;
      proxy.setDecider(({ path }) => {
        if (!path.startsWith('/sync/changes') || !path.includes('limit=250'))
          return { kind: 'pass' };
        const since = new URL(path, 'http://x').searchParams.get('since');
        if (++pages === 3) brokenSince = since;
        return since === brokenSince ? fault : { kind: 'pass' };
      });
      const c = client(workerAbove);
      await signIn(c, proxy.url, 'leader');
      await until(() => c.core.sync.status().state === 'offline', 15_000, 'the refusal');
      await c.core.sync.idle();
      expect(c.core.sync.status().lastError).toMatch(message);
      // The cache holds the two sound pages and their cursor: nothing of the broken one.
      expect(brokenSince).not.toBeNull();
      expect(c.core.sync.cache.cursor).toBe(brokenSince);
      expect(c.core.sync.cache.initialDone).toBe(false);
      expect(c.core.db.pragma('integrity_check', { simple: true })).toBe('ok');
      // The server answers soundly again: the retry continues from there and completes.
      proxy.setDecider(() => ({ kind: 'pass' }));
      await settled(c);
      const expected = await scopeCounts('leader');
      expect(count(c, 'SELECT count(*) AS n FROM dossiers')).toBe(expected.dossiers);
      expect(count(c, 'SELECT count(*) AS n FROM complaints')).toBe(expected.complaints);
      expect(count(c, 'SELECT count(*) AS n FROM dossier_history')).toBe(expected.history);
    },
  );

  it.skipIf(skip)(
    "sends an action to the central API and on to a second officer's cache",
    async () => {
      const desk = client();
      const leader = client();
      await signIn(desk, proxy.url, 'desk');
      await signIn(leader, proxy.url, 'leader');
      await Promise.all([settled(desk), settled(leader)]);
      const target = desk.core.db
        .prepare(`SELECT id FROM dossiers WHERE status = 1 AND unit_id = ? ORDER BY id LIMIT 1`)
        .get(DEMO_ACCOUNTS.unitId) as { id: string };
      const acted = await desk.core.dispatch('dossiers.act', {
        id: target.id,
        action: { type: 'accept' },
      });
      expect(acted).toMatchObject({ ok: true, value: { dossier: { status: 2 }, pending: 1 } });
      await settled(desk);
      await until(
        () =>
          count(
            leader,
            'SELECT count(*) AS n FROM dossiers WHERE id = ? AND status = 2',
            target.id,
          ) === 1,
        10_000,
        'the leader to see the accepted dossier',
      );
      const history = leader.core.db
        .prepare(
          `SELECT action, officer_name AS officer FROM dossier_history WHERE dossier_id = ? ORDER BY at DESC LIMIT 1`,
        )
        .get(target.id);
      expect(history).toEqual({ action: 'accept', officer: DEMO_ACCOUNTS.desk.fullName });
      // The desk's own provisional entry is gone: only the server's remains.
      expect(
        count(
          desk,
          `SELECT count(*) AS n FROM dossier_history WHERE dossier_id = ? AND id LIKE 'local:%'`,
          target.id,
        ),
      ).toBe(0);
    },
  );

  it.skipIf(skip)(
    'keeps working offline, queues the change, and catches up by itself',
    async () => {
      const desk = client();
      await signIn(desk, proxy.url, 'desk');
      await settled(desk);
      const target = desk.core.db
        .prepare(`SELECT id FROM dossiers WHERE status = 1 ORDER BY id DESC LIMIT 1`)
        .get() as { id: string };
      proxy.blocked = true;
      await desk.core.dispatch('sync.now', {});
      await until(() => desk.core.sync.status().state === 'offline', 10_000, 'offline');
      const acted = await desk.core.dispatch('dossiers.act', {
        id: target.id,
        action: { type: 'add_note', text: 'Đã gọi điện cho công dân', visibility: 'internal' },
      });
      expect(acted.ok).toBe(true);
      expect(desk.core.sync.status().pending).toBe(1);
      expect(
        count(
          desk,
          'SELECT count(*) AS n FROM dossier_history WHERE dossier_id = ? AND note = ?',
          target.id,
          'Đã gọi điện cho công dân',
        ),
      ).toBe(1);
      proxy.blocked = false;
      await settled(desk);
      const feed = await scopeCounts('desk');
      expect(feed.dossiers).toBeGreaterThan(0);
      expect(
        count(
          desk,
          `SELECT count(*) AS n FROM dossier_history WHERE dossier_id = ? AND note = ? AND id NOT LIKE 'local:%'`,
          target.id,
          'Đã gọi điện cho công dân',
        ),
      ).toBe(1);
    },
  );

  it.skipIf(skip)(
    "shows a change refused because a leader changed the dossier first as a notice with the server's version",
    async () => {
      const desk = client();
      const leader = client();
      await signIn(desk, proxy.url, 'desk');
      await signIn(leader, proxy.url, 'leader');
      await Promise.all([settled(desk), settled(leader)]);
      const target = desk.core.db
        .prepare(
          `SELECT id FROM dossiers WHERE status = 1 AND unit_id = ? ORDER BY id DESC LIMIT 1 OFFSET 1`,
        )
        .get(desk.core.sync.status().scopeUnitIds[0]) as { id: string };
      proxy.blocked = true;
      await until(
        () =>
          desk.core.sync.status().state === 'offline' ||
          desk.core.sync.status().state === 'syncing',
        10_000,
        'the desk to lose its link',
      );
      expect(
        (await desk.core.dispatch('dossiers.act', { id: target.id, action: { type: 'accept' } }))
          .ok,
      ).toBe(true);
      // The leader reaches the server directly (not through the cut link) and refuses the dossier.
      const direct = startClient();
      clients.push(direct);
      await signIn(direct, central.url, 'leader');
      await settled(direct);
      const refused = await direct.core.dispatch('dossiers.act', {
        id: target.id,
        action: { type: 'refuse', reason: 'Hồ sơ không thuộc thẩm quyền' },
      });
      expect(refused.ok).toBe(true);
      await settled(direct);
      proxy.blocked = false;
      await until(
        () => desk.core.sync.status().notices === 1 && desk.core.sync.status().pending === 0,
        15_000,
        'the notice',
      );
      const notices = await desk.core.dispatch('sync.notices', {});
      expect(notices).toMatchObject({
        ok: true,
        value: [{ recordId: target.id, action: { type: 'accept' }, current: { status: 3 } }],
      });
      await until(
        () =>
          count(
            desk,
            'SELECT count(*) AS n FROM dossiers WHERE id = ? AND status = 3',
            target.id,
          ) === 1,
        10_000,
        'the server version',
      );
      const notice = (notices as { value: { id: string }[] }).value[0]!;
      expect(await desk.core.dispatch('sync.dismissNotice', { id: notice.id })).toEqual({
        ok: true,
        value: { dismissed: true },
      });
      expect(desk.core.sync.status().notices).toBe(0);
    },
  );

  it.skipIf(skip)('learns of a change committed on the central API without polling', async () => {
    const leader = client();
    await signIn(leader, proxy.url, 'leader');
    await settled(leader);
    const before = proxy.log.filter((l) => l.path.startsWith('/sync/changes')).length;
    const desk = client();
    await signIn(desk, central.url, 'desk');
    await settled(desk);
    const target = desk.core.db.prepare(`SELECT id FROM dossiers ORDER BY id LIMIT 1`).get() as {
      id: string;
    };
    await desk.core.dispatch('dossiers.act', {
      id: target.id,
      action: { type: 'add_note', text: 'Kiểm tra trực tiếp', visibility: 'internal' },
    });
    await until(
      () =>
        count(
          leader,
          'SELECT count(*) AS n FROM dossier_history WHERE note = ?',
          'Kiểm tra trực tiếp',
        ) === 1,
      10_000,
      'the live update',
    );
    // One or two feed reads after the notification, not a polling loop.
    expect(
      proxy.log.filter((l) => l.path.startsWith('/sync/changes')).length - before,
    ).toBeLessThanOrEqual(3);
  });
});
