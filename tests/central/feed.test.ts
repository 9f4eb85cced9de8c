import { describe, expect, it } from 'vitest';
import type { Change } from '@shared/sync/protocol';
import {
  call,
  clientId,
  login,
  page,
  postgresUnavailable,
  pullAll,
  Replica,
  STORAGES,
  useStorages,
  useWorldCentral,
} from './helpers';
import { worldRecords } from './world';

/**
 * The change feed: complete, ordered, each record once in its latest state, cursors that cover
 * what the scope filtered out, and removals when a record leaves a scope.
 */
const storages = useStorages();
const skip = postgresUnavailable();

function mutation(seq: number, id: string, target: unknown, baseVersion = 1) {
  return { seq, id, baseVersion, at: Date.now(), target };
}

describe.each(STORAGES)('change feed on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  const central = useWorldCentral(storages, kind);

  it('pages the whole feed in seq order, every record once, whatever the page size', async () => {
    const { url } = central();
    const session = await login(url, 'lead_p');
    const full = await pullAll(url, session.token, '0', 5000);
    expect(full.pages).toBe(1);
    for (const limit of [1, 7, 100]) {
      const paged = await pullAll(url, session.token, '0', limit);
      expect(paged.changes).toEqual(full.changes);
      const seqs = paged.items.map((c) => Number(c.seq));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      const keys = paged.changes.map((c) => `${c.entity}:${c.id}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(paged.cursor).toBe(full.cursor);
    }
    const records = worldRecords();
    const dossiers = full.changes.filter((c) => c.entity === 'dossier');
    expect(dossiers).toHaveLength(records.dossiers.length);
    // The cursor at the end is the head: it covers changes the scope filtered out too.
    expect(full.cursor).toBe(String(await central().store.head()));
  });

  it('reports what remains for a progress bar, and an empty page at the head', async () => {
    const { url } = central();
    const session = await login(url, 'desk_a');
    const first = await page(url, session.token, '0', 10, true);
    const all = await pullAll(url, session.token, '0', 10);
    expect(first.remaining).toBe(all.changes.length + all.removals.length);
    expect(first.changes).toHaveLength(10);
    expect(first.hasMore).toBe(true);
    const end = await page(url, session.token, all.cursor, 10, true);
    expect(end).toEqual({
      changes: [],
      removals: [],
      cursor: all.cursor,
      hasMore: false,
      remaining: 0,
    });
  });

  it('announces each page’s cursor in its headers, the same as its body says', async () => {
    const { url } = central();
    const session = await login(url, 'desk_a');
    for (const since of ['0', (await pullAll(url, session.token, '0', 10)).cursor]) {
      const reply = await call<{ cursor: string; hasMore: boolean }>(
        url,
        'GET',
        `/sync/changes?since=${since}&limit=10`,
        { token: session.token },
      );
      expect(reply.status).toBe(200);
      expect(reply.headers.get('feed-cursor')).toBe(reply.json.cursor);
      expect(reply.headers.get('feed-has-more')).toBe(String(reply.json.hasMore));
    }
  });

  it('answers 409 for a cursor ahead of the server (its data was reset)', async () => {
    const { url } = central();
    const session = await login(url, 'desk_a');
    const head = await central().store.head();
    const reply = await call(url, 'GET', `/sync/changes?since=${head + 1000}`, {
      token: session.token,
    });
    expect(reply.status).toBe(409);
    expect(reply.json).toMatchObject({ error: { code: 'CURSOR_AHEAD' } });
  });

  it('sends a record changed several times once, in its latest state, at its latest seq', async () => {
    const { url } = central();
    const desk = await login(url, 'desk_a');
    const start = await pullAll(url, desk.token);
    const cid = clientId('desk-a');
    const reply = await call(url, 'POST', '/sync/push', {
      token: desk.token,
      body: {
        clientId: cid,
        mutations: [
          mutation(1, 'm1', {
            entity: 'dossier',
            id: 'a-new-1',
            action: { type: 'add_note', text: 'một', visibility: 'internal' },
          }),
          mutation(2, 'm2', { entity: 'dossier', id: 'a-new-1', action: { type: 'accept' } }),
          mutation(3, 'm3', {
            entity: 'dossier',
            id: 'a-new-1',
            action: { type: 'add_note', text: 'hai', visibility: 'citizen' },
          }),
        ],
      },
    });
    expect(reply.json).toMatchObject({
      results: [
        { status: 'applied', version: 1 },
        { status: 'applied', version: 2 },
        { status: 'applied', version: 2 },
      ],
    });
    const next = await pullAll(url, desk.token, start.cursor);
    const dossiers = next.changes.filter((c) => c.entity === 'dossier');
    expect(dossiers).toHaveLength(1);
    expect(dossiers[0]).toMatchObject({
      id: 'a-new-1',
      version: 2,
      data: { status: 2, version: 2 },
    });
    const history = next.changes.filter((c) => c.entity === 'dossier_history');
    expect(history.map((h) => h.data.action)).toEqual(['add_note', 'accept', 'add_note']);
    expect(history.map((h) => h.data.officerName)).toEqual([
      'Cán bộ desk_a',
      'Cán bộ desk_a',
      'Cán bộ desk_a',
    ]);
  });

  it('on transfer: the old unit receives removals, the new unit the dossier and its whole history', async () => {
    const c = central();
    const deskA = await login(c.url, 'desk_a');
    const deskC = await login(c.url, 'desk_c');
    const leadP = await login(c.url, 'lead_p');
    const replicaA = new Replica();
    const replicaC = new Replica();
    const replicaP = new Replica();
    await replicaA.sync(c.url, deskA.token, 50);
    await replicaC.sync(c.url, deskC.token, 50);
    await replicaP.sync(c.url, leadP.token, 50);
    expect(replicaA.ids('dossier')).toContain('a-acc-1');
    expect(replicaC.ids('dossier')).not.toContain('a-acc-1');
    const historyIds = replicaA.ids('dossier_history').filter((id) => id.startsWith('a-acc-1-'));
    expect(historyIds.length).toBeGreaterThan(0);

    // The desk hands an accepted dossier to another department.
    const reply = await call(c.url, 'POST', '/sync/push', {
      token: deskA.token,
      body: {
        clientId: clientId('desk-a'),
        mutations: [
          mutation(
            1,
            'm-transfer',
            {
              entity: 'dossier',
              id: 'a-acc-1',
              action: { type: 'transfer', unitId: 'c', reason: 'Không thuộc thẩm quyền' },
            },
            2,
          ),
        ],
      },
    });
    expect(reply.json).toMatchObject({ results: [{ status: 'applied', version: 3 }] });

    const pageA = await pullAll(c.url, deskA.token, replicaA.cursor, 50);
    const removed = pageA.removals.map((r) => `${r.entity}:${r.id}`);
    expect(removed).toContain('dossier:a-acc-1');
    for (const id of historyIds) expect(removed).toContain(`dossier_history:${id}`);
    expect(pageA.changes.filter((ch) => ch.entity === 'dossier')).toEqual([]);
    // The history entry of the transfer itself was written for the new unit only.
    expect(pageA.changes.filter((ch) => ch.entity === 'dossier_history')).toEqual([]);
    replicaA.apply({ ...pageA, changes: pageA.changes, removals: pageA.removals });
    expect(replicaA.ids('dossier')).not.toContain('a-acc-1');
    expect(replicaA.ids('dossier_history').filter((id) => id.startsWith('a-acc-1-'))).toEqual([]);

    await replicaC.sync(c.url, deskC.token, 50);
    expect(replicaC.ids('dossier')).toContain('a-acc-1');
    const moved = replicaC.records.get('dossier:a-acc-1');
    expect(moved?.data).toMatchObject({ unitId: 'c', status: 4, version: 3 });
    const historyC = [...replicaC.records.values()].filter(
      (ch): ch is Extract<Change, { entity: 'dossier_history' }> =>
        ch.entity === 'dossier_history' && ch.data.dossierId === 'a-acc-1',
    );
    expect(historyC.map((h) => h.data.action).sort()).toEqual(
      ['accepted', 'filed', 'transfer'].sort(),
    );
    const transfer = historyC.find((h) => h.data.action === 'transfer');
    expect(transfer?.data).toMatchObject({
      officerId: 'desk_a',
      unitId: 'a',
      unitName: 'Sở Tư pháp',
      fromStatus: '2',
      toStatus: '4',
      note: 'Không thuộc thẩm quyền',
      data: { fromUnitId: 'a', toUnitId: 'c' },
    });

    // A leader who sees both units keeps the dossier: no removal reaches them.
    const pageP = await pullAll(c.url, leadP.token, replicaP.cursor, 50);
    expect(pageP.removals).toEqual([]);
    replicaP.apply(pageP);
    expect(replicaP.records.get('dossier:a-acc-1')?.data).toMatchObject({ unitId: 'c' });
  });

  it('sends a dossier transferred back again as a change, not a removal, to its first unit', async () => {
    const c = central();
    const leadP = await login(c.url, 'lead_p');
    const deskA = await login(c.url, 'desk_a');
    const replicaA = new Replica();
    await replicaA.sync(c.url, deskA.token);
    const cid = clientId('lead-p');
    const out = await call(c.url, 'POST', '/sync/push', {
      token: leadP.token,
      body: {
        clientId: cid,
        mutations: [
          mutation(
            1,
            'm-out',
            { entity: 'dossier', id: 'a-proc-12', action: { type: 'transfer', unitId: 'b' } },
            3,
          ),
          mutation(
            2,
            'm-back',
            { entity: 'dossier', id: 'a-proc-12', action: { type: 'transfer', unitId: 'a' } },
            3,
          ),
        ],
      },
    });
    expect(out.json).toMatchObject({
      results: [{ status: 'applied' }, { status: 'applied' }],
    });
    const next = await pullAll(c.url, deskA.token, replicaA.cursor);
    // Unit a sees the dossier again (its latest state), and no removal that would drop it.
    expect(next.removals.filter((r) => r.id === 'a-proc-12')).toEqual([]);
    replicaA.apply(next);
    expect(replicaA.records.get('dossier:a-proc-12')?.data).toMatchObject({ unitId: 'a' });
  });
});
