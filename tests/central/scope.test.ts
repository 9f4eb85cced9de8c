import { describe, expect, it } from 'vitest';
import type { Change } from '@shared/sync/protocol';
import {
  call,
  clientId,
  fingerprint,
  login,
  postgresUnavailable,
  pullAll,
  STORAGES,
  useStorages,
  useWorldCentral,
} from './helpers';
import { OFFICERS, UNITS, worldRecords } from './world';

/**
 * Scope: an officer receives and changes only the records of their units (a leader: their
 * subtree; an officer of an office: also the agency the office belongs to); reference data goes
 * to everyone. A push on a record outside the scope is refused NOT_FOUND, as a record that does not exist, and writes nothing.
 */
const storages = useStorages();
const skip = postgresUnavailable();

const records = worldRecords();
const unitOfRecord = new Map<string, string>([
  ...records.dossiers.map((r) => [r.dossier.id, r.dossier.unitId] as const),
  ...records.complaints.map((r) => [r.complaint.id, r.complaint.unitId] as const),
]);

function ownerUnit(change: Change): string | null {
  switch (change.entity) {
    case 'dossier':
    case 'complaint':
      return change.data.unitId;
    case 'dossier_history':
      return unitOfRecord.get(change.data.dossierId) ?? 'unknown';
    case 'complaint_history':
      return unitOfRecord.get(change.data.complaintId) ?? 'unknown';
    case 'procedure':
    case 'unit':
    case 'officer':
    case 'calendar':
      return null;
  }
}

const EXPECTED_SCOPE: Record<string, string[]> = {
  desk_a: ['a'],
  proc_a1: ['a', 'a1'],
  lead_a: ['a', 'a1', 'a2'],
  lead_a1: ['a', 'a1'],
  desk_b: ['b'],
  lead_b: ['b', 'b1'],
  proc_b1: ['b', 'b1'],
  desk_c: ['c'],
  lead_p: ['p', 'a', 'b', 'c', 'a1', 'a2', 'b1'],
  admin_p: ['p'],
};

describe.each(STORAGES)('scope on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  const central = useWorldCentral(storages, kind);

  it.each(Object.entries(EXPECTED_SCOPE))(
    '%s receives exactly the records of their scope and all reference data',
    async (username, scope) => {
      const { url } = central();
      const session = await login(url, username);
      expect([...session.scopeUnitIds].sort()).toEqual([...scope].sort());
      const pulled = await pullAll(url, session.token, '0', 37);
      const inScope = new Set(scope);
      for (const change of pulled.changes) {
        const unit = ownerUnit(change);
        if (unit !== null)
          expect(inScope.has(unit), `${change.entity} ${change.id} in ${unit}`).toBe(true);
      }
      const dossiers = pulled.changes.filter((c) => c.entity === 'dossier').map((c) => c.id);
      const expected = records.dossiers
        .filter((r) => inScope.has(r.dossier.unitId))
        .map((r) => r.dossier.id);
      expect(dossiers.sort()).toEqual(expected.sort());
      const histories = pulled.changes.filter((c) => c.entity === 'dossier_history');
      expect(histories.length).toBe(
        records.dossiers
          .filter((r) => inScope.has(r.dossier.unitId))
          .reduce((n, r) => n + r.history.length, 0),
      );
      // Reference data: to everyone, whatever the scope.
      expect(pulled.changes.filter((c) => c.entity === 'unit')).toHaveLength(UNITS.length);
      expect(pulled.changes.filter((c) => c.entity === 'officer')).toHaveLength(OFFICERS.length);
      expect(pulled.changes.filter((c) => c.entity === 'calendar').map((c) => c.id)).toEqual([
        '2026',
      ]);
      expect(pulled.changes.filter((c) => c.entity === 'procedure')).toHaveLength(1);
    },
  );

  it('an officer of unit a never receives unit b’s dossiers, even after they change', async () => {
    const { url } = central();
    const a = await login(url, 'desk_a');
    const b = await login(url, 'desk_b');
    const start = await pullAll(url, a.token);
    // b's desk accepts one of b's dossiers: a new seq, still nothing for a.
    const push = await call(url, 'POST', '/sync/push', {
      token: b.token,
      body: {
        clientId: clientId('desk-b'),
        mutations: [
          {
            seq: 1,
            id: 'm-b-accept',
            baseVersion: 1,
            at: Date.now(),
            target: { entity: 'dossier', id: 'b-new-1', action: { type: 'accept' } },
          },
        ],
      },
    });
    expect(push.json).toMatchObject({ results: [{ status: 'applied' }] });
    const next = await pullAll(url, a.token, start.cursor);
    expect(next.changes).toEqual([]);
    expect(next.removals).toEqual([]);
    expect(Number(next.cursor)).toBeGreaterThan(Number(start.cursor));
    // …while b's leader does receive it.
    const lead = await login(url, 'lead_b');
    const seen = await pullAll(url, lead.token, start.cursor);
    expect(seen.changes.map((c) => `${c.entity}:${c.id}`)).toContain('dossier:b-new-1');
  });

  it('refuses a push on a record outside the scope as NOT_FOUND (like a missing one), revealing and writing nothing', async () => {
    const c = central();
    const session = await login(c.url, 'desk_a');
    const before = await c.store.db
      .selectFrom('records')
      .select(['seq', 'version', 'data'])
      .where('entity', '=', 'dossier')
      .where('id', '=', 'c-new-1')
      .executeTakeFirstOrThrow();
    const headBefore = await c.store.head();
    const reply = await call(c.url, 'POST', '/sync/push', {
      token: session.token,
      body: {
        clientId: clientId('desk-a'),
        mutations: [
          {
            seq: 1,
            id: 'm-out-of-scope',
            baseVersion: 1,
            at: Date.now(),
            target: { entity: 'dossier', id: 'c-new-1', action: { type: 'accept' } },
          },
          {
            seq: 2,
            id: 'm-out-of-scope-complaint',
            baseVersion: 1,
            at: Date.now(),
            target: { entity: 'complaint', id: 'cb-1', action: { type: 'receive' } },
          },
        ],
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({
      lastSeq: 2,
      results: [
        { status: 'rejected', code: 'NOT_FOUND', current: null, recordId: 'c-new-1' },
        { status: 'rejected', code: 'NOT_FOUND', current: null, recordId: 'cb-1' },
      ],
    });
    const after = await c.store.db
      .selectFrom('records')
      .select(['seq', 'version', 'data'])
      .where('entity', '=', 'dossier')
      .where('id', '=', 'c-new-1')
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    expect(await c.store.head()).toBe(headBefore);
  });

  it('a leader acts across the subtree; the same action outside it is NOT_FOUND', async () => {
    const { url } = central();
    const p = await login(url, 'lead_p');
    const lead = await login(url, 'lead_a');
    const inside = await call(url, 'POST', '/sync/push', {
      token: lead.token,
      body: {
        clientId: clientId('lead-a'),
        mutations: [
          {
            seq: 1,
            id: 'm-lead-a-note',
            baseVersion: 1,
            at: Date.now(),
            target: {
              entity: 'dossier',
              id: 'a-new-20',
              action: { type: 'add_note', text: 'Kiểm tra lại', visibility: 'internal' },
            },
          },
          {
            seq: 2,
            id: 'm-lead-a-note-b',
            baseVersion: 1,
            at: Date.now(),
            target: {
              entity: 'dossier',
              id: 'b-new-20',
              action: { type: 'add_note', text: 'Kiểm tra lại', visibility: 'internal' },
            },
          },
        ],
      },
    });
    expect(inside.json).toMatchObject({
      results: [{ status: 'applied' }, { status: 'rejected', code: 'NOT_FOUND' }],
    });
    const other = await call(url, 'POST', '/sync/push', {
      token: lead.token,
      body: {
        clientId: clientId('lead-a'),
        mutations: [
          {
            seq: 1,
            id: 'm-lead-a-b',
            baseVersion: 1,
            at: Date.now(),
            target: {
              entity: 'dossier',
              id: 'b-new-11',
              action: { type: 'add_note', text: 'Không phải của tôi', visibility: 'internal' },
            },
          },
        ],
      },
    });
    expect(other.json).toMatchObject({ results: [{ status: 'rejected', code: 'NOT_FOUND' }] });
    const province = await call(url, 'POST', '/sync/push', {
      token: p.token,
      body: {
        clientId: clientId('lead-p'),
        mutations: [
          {
            seq: 1,
            id: 'm-lead-p-b',
            baseVersion: 1,
            at: Date.now(),
            target: {
              entity: 'dossier',
              id: 'b-new-11',
              action: { type: 'add_note', text: 'Tỉnh theo dõi', visibility: 'internal' },
            },
          },
        ],
      },
    });
    expect(province.json).toMatchObject({ results: [{ status: 'applied' }] });
  });

  it('refuses (403) a client id that another officer registered, and changes nothing', async () => {
    const c = central();
    const desk = await login(c.url, 'desk_a');
    const other = await login(c.url, 'desk_a_2');
    const id = clientId('shared');
    const first = await call(c.url, 'POST', '/sync/push', {
      token: desk.token,
      body: {
        clientId: id,
        mutations: [
          {
            seq: 1,
            id: 'm-owner',
            baseVersion: 1,
            at: Date.now(),
            target: {
              entity: 'dossier',
              id: 'a-new-21',
              action: { type: 'add_note', text: 'Ghi chú', visibility: 'internal' },
            },
          },
        ],
      },
    });
    expect(first.status).toBe(200);
    const before = await fingerprint(c);
    const stolen = await call(c.url, 'POST', '/sync/push', {
      token: other.token,
      body: {
        clientId: id,
        mutations: [
          {
            seq: 1,
            id: 'm-owner',
            baseVersion: 1,
            at: Date.now(),
            target: {
              entity: 'dossier',
              id: 'a-new-21',
              action: { type: 'add_note', text: 'Ghi chú', visibility: 'internal' },
            },
          },
        ],
      },
    });
    expect(stolen.status).toBe(403);
    expect(stolen.json).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(stolen.text).not.toContain('Ghi chú');
    expect(await fingerprint(c)).toBe(before);
  });
});
