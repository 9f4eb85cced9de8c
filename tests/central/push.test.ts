import { describe, expect, it } from 'vitest';
import { PushResponseSchema, type PushResponse } from '@shared/sync/protocol';
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
import { WorkingCalendar } from '@shared/domain';
import { DEFAULT_CALENDARS } from '../../central/seed';
import { DAY } from './world';

/** The first office minute after `t`: a new appointment must be a moment the office is open. */
function officeMomentAfter(t: number): number {
  return new WorkingCalendar({ overrides: DEFAULT_CALENDARS }).addWorkingTime(t, 60_000);
}

/**
 * Pushing mutations: exactly once (duplicates, overlaps, replays after a lost answer), gaps
 * refused OUT_OF_ORDER, stale bases applied or refused as conflicts by the documented rule, and
 * the state machine's refusals passed through with their codes.
 */
const storages = useStorages();
const skip = postgresUnavailable();

type Target = { entity: 'dossier' | 'complaint'; id: string; action: Record<string, unknown> };

function m(seq: number, target: Target, baseVersion: number, at = Date.now()) {
  return {
    seq,
    id: `mut-${seq}-${target.id}-${String(target.action.type)}`,
    baseVersion,
    at,
    target,
  };
}
const note = (id: string, text = 'Ghi chú', entity: Target['entity'] = 'dossier'): Target => ({
  entity,
  id,
  action: { type: 'add_note', text, visibility: 'internal' },
});
const dossier = (id: string, action: Record<string, unknown>): Target => ({
  entity: 'dossier',
  id,
  action,
});

describe.each(STORAGES)('push on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  let now = Date.now();
  const central = useWorldCentral(storages, kind, { clock: () => now });

  async function push(token: string, body: unknown): Promise<PushResponse> {
    const reply = await call(central().url, 'POST', '/sync/push', { token, body });
    expect(reply.status, reply.text).toBe(200);
    return PushResponseSchema.parse(reply.json);
  }

  async function historyCount(id: string): Promise<number> {
    const row = await central()
      .store.db.selectFrom('records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('owner_id', '=', id)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('applies a batch once; the same batch again returns the same answers and writes nothing', async () => {
    const { url } = central();
    const desk = await login(url, 'desk_a');
    const cid = clientId('dup');
    const batch = {
      clientId: cid,
      mutations: [
        m(1, dossier('a-new-2', { type: 'accept', note: 'Đủ hồ sơ' }), 1),
        m(2, note('a-new-2'), 2),
        m(3, dossier('a-new-3', { type: 'refuse', reason: 'Không thuộc thẩm quyền' }), 1),
      ],
    };
    const first = await push(desk.token, batch);
    expect(first.lastSeq).toBe(3);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const before = await fingerprint(central());
    const historyBefore = await historyCount('a-new-2');
    const again = await push(desk.token, batch);
    expect(again).toEqual(first);
    expect(await fingerprint(central())).toBe(before);
    expect(await historyCount('a-new-2')).toBe(historyBefore);
    // Two copies of the same request at once: still once.
    const [x, y] = await Promise.all([push(desk.token, batch), push(desk.token, batch)]);
    expect(x).toEqual(first);
    expect(y).toEqual(first);
    expect(await fingerprint(central())).toBe(before);
  });

  it('applies only the new part of an overlapping batch', async () => {
    const { url } = central();
    const desk = await login(url, 'desk_a');
    const cid = clientId('overlap');
    const one = await push(desk.token, {
      clientId: cid,
      mutations: [m(1, note('a-new-4', 'một'), 1), m(2, note('a-new-4', 'hai'), 1)],
    });
    const two = await push(desk.token, {
      clientId: cid,
      mutations: [m(2, note('a-new-4', 'hai'), 1), m(3, note('a-new-4', 'ba'), 1)],
    });
    expect(two.results[0]).toEqual(one.results[1]);
    expect(two.results[1]).toMatchObject({ status: 'applied', seq: 3 });
    expect(two.lastSeq).toBe(3);
    const notes = await central()
      .store.db.selectFrom('records')
      .select('data')
      .where('owner_id', '=', 'a-new-4')
      .where('entity', '=', 'dossier_history')
      .execute();
    const texts = notes
      .map((r) => (JSON.parse(r.data) as { note: string | null }).note)
      .filter((t) => t !== null);
    expect(texts.sort()).toEqual(['ba', 'hai', 'một']);
  });

  it('forgets the answers a client has received, and applies nothing for a late old request', async () => {
    const { url } = central();
    const desk = await login(url, 'desk_a');
    const cid = clientId('forget');
    const early = {
      clientId: cid,
      mutations: [m(1, note('a-new-4', 'bốn'), 1), m(2, note('a-new-4', 'năm'), 1)],
    };
    expect((await push(desk.token, early)).lastSeq).toBe(2);
    const kept = async () =>
      (
        await central()
          .store.db.selectFrom('mutation_results')
          .select('seq')
          .where('client_id', '=', cid)
          .orderBy('seq')
          .execute()
      ).map((r) => Number(r.seq));
    expect(await kept()).toEqual([1, 2]);
    // The client sends seq 3 only once it holds the answers to 1 and 2: those are let go.
    const next = await push(desk.token, {
      clientId: cid,
      mutations: [m(3, note('a-new-4', 'sáu'), 1)],
    });
    expect(next.results[0]).toMatchObject({ status: 'applied', seq: 3 });
    expect(await kept()).toEqual([3]);
    // A copy of the first request that the network held back arrives now: nothing is applied
    // again, and the answer says why.
    const history = await historyCount('a-new-4');
    const before = await fingerprint(central());
    const late = await push(desk.token, early);
    expect(late.results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual([
      'OUT_OF_ORDER',
      'OUT_OF_ORDER',
    ]);
    const refused = late.results[0];
    expect(refused?.status === 'rejected' && refused.message).toMatch(/no longer kept/);
    expect(late.lastSeq).toBe(3);
    expect(await historyCount('a-new-4')).toBe(history);
    expect(await fingerprint(central())).toBe(before);
  });

  it('refuses a gap OUT_OF_ORDER for it and the rest of the batch, without storing or applying', async () => {
    const { url } = central();
    const desk = await login(url, 'desk_a');
    const cid = clientId('gap');
    await push(desk.token, { clientId: cid, mutations: [m(1, note('a-new-5'), 1)] });
    const before = await fingerprint(central());
    const gap = await push(desk.token, {
      clientId: cid,
      mutations: [m(3, note('a-new-5', 'ba'), 1), m(4, note('a-new-5', 'bốn'), 1)],
    });
    expect(gap.lastSeq).toBe(1);
    expect(gap.results).toMatchObject([
      { status: 'rejected', code: 'OUT_OF_ORDER', seq: 3, current: null },
      { status: 'rejected', code: 'OUT_OF_ORDER', seq: 4, current: null },
    ]);
    expect(await fingerprint(central())).toBe(before);
    // A first push that does not start at 1 is a gap too.
    const fresh = await push(desk.token, {
      clientId: clientId('gap-first'),
      mutations: [m(2, note('a-new-5'), 1)],
    });
    expect(fresh).toMatchObject({ lastSeq: 0, results: [{ code: 'OUT_OF_ORDER' }] });
    // Resending from lastSeq + 1 goes through.
    const resent = await push(desk.token, {
      clientId: cid,
      mutations: [
        m(2, note('a-new-5', 'hai'), 1),
        m(3, note('a-new-5', 'ba'), 1),
        m(4, note('a-new-5', 'bốn'), 1),
      ],
    });
    expect(resent.lastSeq).toBe(4);
    expect(resent.results.every((r) => r.status === 'applied')).toBe(true);
    // A gap after good mutations: those before it are decided, the rest refused.
    const mixed = await push(desk.token, {
      clientId: cid,
      mutations: [
        m(5, note('a-new-5', 'năm'), 1),
        m(7, note('a-new-5', 'bảy'), 1),
        m(6, note('a-new-5', 'sáu'), 1),
      ],
    });
    expect(mixed.results.map((r) => (r.status === 'applied' ? 'applied' : r.code))).toEqual([
      'applied',
      'OUT_OF_ORDER',
      'OUT_OF_ORDER',
    ]);
    expect(mixed.lastSeq).toBe(5);
  });

  it('replays identical answers after a lost response, rejections included', async () => {
    const { url } = central();
    const lead = await login(url, 'lead_a');
    const cid = clientId('lost');
    const batch = {
      clientId: cid,
      mutations: [
        m(1, dossier('a-new-6', { type: 'accept' }), 1),
        m(2, dossier('a-new-6', { type: 'finish', result: 'approved', resultDocuments: [] }), 2),
        m(3, dossier('c-new-1', { type: 'accept' }), 1),
        m(4, dossier('a-new-6', { type: 'assign', assigneeId: 'proc_a1' }), 2),
      ],
    };
    // The answer to this request is "lost": the client only knows it sent it.
    const lost = await push(lead.token, batch);
    const before = await fingerprint(central());
    now += 30 * 60_000;
    const replay = await push(lead.token, batch);
    expect(JSON.stringify(replay)).toBe(JSON.stringify(lost));
    expect(replay.results.map((r) => (r.status === 'applied' ? 'applied' : r.code))).toEqual([
      'applied',
      'ILLEGAL_TRANSITION',
      'NOT_FOUND',
      'applied',
    ]);
    expect(await fingerprint(central())).toBe(before);
    // Rejections advance lastSeq too: one refused action never blocks the next.
    expect(replay.lastSeq).toBe(4);
    now = Date.now();
  });

  it('applies a stale note, and a stale action when no one changed status, unit or holder', async () => {
    const { url } = central();
    const holder = await login(url, 'proc_a1');
    const lead = await login(url, 'lead_a');
    const holderClient = clientId('holder');
    const leadClient = clientId('lead');
    // The holder apologizes (moves the appointment: not a contended field): version 3 → 4.
    const apology = await push(holder.token, {
      clientId: holderClient,
      mutations: [
        m(
          1,
          dossier('a-proc-1', {
            type: 'apologize',
            newDueAt: officeMomentAfter(Date.now() + 60 * DAY),
            reason: 'Cần xác minh thêm',
          }),
          3,
        ),
      ],
    });
    expect(apology.results[0]).toMatchObject({ status: 'applied', version: 4 });
    // The leader acted on version 3: a note and a finish, both still meaningful.
    const stale = await push(lead.token, {
      clientId: leadClient,
      mutations: [
        m(1, note('a-proc-1', 'Đề nghị hoàn thành sớm'), 3),
        m(
          2,
          dossier('a-proc-1', {
            type: 'finish',
            result: 'approved',
            resultDocuments: [{ name: 'Giấy khai sinh', number: '123/2026' }],
          }),
          3,
        ),
      ],
    });
    expect(stale.results).toMatchObject([
      { status: 'applied', version: 4 },
      { status: 'applied', version: 5 },
    ]);
  });

  it('refuses CONFLICT, with the server’s record, when another officer changed the status first', async () => {
    const { url } = central();
    const holder = await login(url, 'proc_a1');
    const lead = await login(url, 'lead_a');
    const first = await push(holder.token, {
      clientId: clientId('holder'),
      mutations: [
        m(
          1,
          dossier('a-proc-2', {
            type: 'finish',
            result: 'denied',
            resultDocuments: [{ name: 'Văn bản trả lời', number: '9/2026' }],
          }),
          3,
        ),
      ],
    });
    expect(first.results[0]).toMatchObject({ status: 'applied', version: 4 });
    const before = await fingerprint(central());
    const second = await push(lead.token, {
      clientId: clientId('lead'),
      mutations: [m(1, dossier('a-proc-2', { type: 'stop', reason: 'Công dân rút hồ sơ' }), 3)],
    });
    const result = second.results[0];
    expect(result).toMatchObject({ status: 'rejected', code: 'CONFLICT' });
    if (result?.status !== 'rejected') throw new Error('expected a rejection');
    expect(result.current).toMatchObject({ id: 'a-proc-2', status: 9, version: 4 });
    expect(result.message).toMatch(/version 3.*now 4/);
    // The refusal is remembered (so lastSeq moved), nothing else was written.
    const after = JSON.parse(await fingerprint(central())) as Record<string, number>;
    const was = JSON.parse(before) as Record<string, number>;
    expect(after.head).toBe(was.head);
    expect(after.records).toBe(was.records);
    // A base newer than the server's record (the client's own earlier action was refused): conflict.
    const ahead = await push(lead.token, {
      clientId: clientId('lead'),
      mutations: [m(1, dossier('a-proc-2', { type: 'return_result' }), 9)],
    });
    expect(ahead.results[0]).toMatchObject({ code: 'CONFLICT' });
  });

  it('never makes an officer’s own offline actions conflict with each other', async () => {
    const { url } = central();
    const desk = await login(url, 'desk_a');
    const other = await login(url, 'desk_a_2');
    const cid = clientId('offline');
    // Both actions were taken offline on version 1, one after the other.
    const own = await push(desk.token, {
      clientId: cid,
      mutations: [
        m(1, dossier('a-new-7', { type: 'accept' }), 1),
        m(2, dossier('a-new-7', { type: 'transfer', unitId: 'c' }), 1),
      ],
    });
    expect(own.results).toMatchObject([
      { status: 'applied', version: 2 },
      { status: 'applied', version: 3 },
    ]);
    // Another desk officer's action on version 1 does conflict.
    const theirs = await push(other.token, {
      clientId: clientId('other'),
      mutations: [m(1, dossier('a-new-8', { type: 'accept' }), 1)],
    });
    expect(theirs.results[0]).toMatchObject({ status: 'applied' });
    const late = await push(desk.token, {
      clientId: cid,
      mutations: [m(3, dossier('a-new-8', { type: 'refuse', reason: 'Thiếu giấy tờ' }), 1)],
    });
    expect(late.results[0]).toMatchObject({ code: 'CONFLICT' });
  });

  it('passes the state machine’s refusals through with their codes', async () => {
    const { url } = central();
    const desk = await login(url, 'desk_a');
    const holder = await login(url, 'proc_a1_2');
    const cid = clientId('rules');
    const answer = await push(desk.token, {
      clientId: cid,
      mutations: [
        m(1, dossier('a-new-9', { type: 'finish', result: 'approved', resultDocuments: [] }), 1),
        m(2, dossier('a-acc-3', { type: 'stop', reason: 'x' }), 2),
        m(3, dossier('a-new-9', { type: 'refuse', reason: '' }), 1),
        m(4, dossier('a-new-9', { type: 'refuse' }), 1),
        m(5, dossier('a-new-9', { type: 'teleport' }), 1),
        m(6, dossier('a-new-9', { type: 'accept', colour: 'blue' }), 1),
        m(7, dossier('a-new-9', { type: 'request_supplement', missingDocuments: [] }), 1),
        m(8, { entity: 'complaint', id: 'ca-1', action: { type: 'publish' } }, 1),
        m(9, dossier('missing-dossier', { type: 'accept' }), 1),
      ],
    });
    expect(answer.results.map((r) => (r.status === 'applied' ? 'applied' : r.code))).toEqual([
      'ILLEGAL_TRANSITION',
      'ROLE_NOT_ALLOWED',
      'REASON_REQUIRED',
      'REASON_REQUIRED',
      'UNKNOWN_ACTION',
      'INVALID_PAYLOAD',
      'MISSING_DOCUMENTS_REQUIRED',
      'ILLEGAL_TRANSITION',
      'NOT_FOUND',
    ]);
    expect(answer.lastSeq).toBe(9);
    // Refused in scope: the server's record comes back so the officer sees what is there.
    for (const r of answer.results.slice(0, 8)) {
      if (r.status === 'rejected') expect(r.current).toMatchObject({ id: r.recordId });
    }
    // NOT_ASSIGNEE: a processing officer who does not hold the dossier.
    const notMine = await push(holder.token, {
      clientId: clientId('holder2'),
      mutations: [
        m(
          1,
          dossier('a-proc-3', { type: 'request_fees', fees: [{ name: 'Lệ phí', amount: 8000 }] }),
          3,
        ),
      ],
    });
    expect(notMine.results[0]).toMatchObject({ code: 'NOT_ASSIGNEE' });
    // References the machine cannot check: an unknown unit, an assignee from elsewhere.
    const lead = await login(url, 'lead_a');
    const refs = await push(lead.token, {
      clientId: clientId('lead-refs'),
      mutations: [
        m(1, dossier('a-acc-2', { type: 'transfer', unitId: 'nowhere' }), 2),
        m(2, dossier('a-acc-2', { type: 'assign', assigneeId: 'proc_b1' }), 2),
        m(3, dossier('a-acc-2', { type: 'assign', assigneeId: 'ghost' }), 2),
        m(4, dossier('a-acc-2', { type: 'assign', assigneeId: 'proc_a1_2' }), 2),
      ],
    });
    expect(refs.results.map((r) => (r.status === 'applied' ? 'applied' : r.code))).toEqual([
      'INVALID_PAYLOAD',
      'INVALID_PAYLOAD',
      'INVALID_PAYLOAD',
      'applied',
    ]);
  });

  it('refuses an apology’s new appointment at night or past the bound, as the client does', async () => {
    const { url } = central();
    const holder = await login(url, 'proc_a1');
    const apology = (newDueAt: number) =>
      dossier('a-proc-11', { type: 'apologize', newDueAt, reason: 'Cần xác minh thêm' });
    // 02:00 in Vietnam, some nights after the current appointment.
    const night = Math.floor((Date.now() + 45 * DAY + 7 * 3_600_000) / DAY) * DAY - 5 * 3_600_000;
    const answer = await push(holder.token, {
      clientId: clientId('apology-bounds'),
      mutations: [
        m(1, apology(night), 3),
        m(2, apology(officeMomentAfter(Date.now() + 400 * DAY)), 3),
      ],
    });
    expect(answer.results).toMatchObject([
      { status: 'rejected', code: 'APPOINTMENT_NOT_WORKING_TIME' },
      { status: 'rejected', code: 'APPOINTMENT_TOO_FAR' },
    ]);
    const [first] = answer.results;
    expect(first?.status === 'rejected' ? first.message : '').toContain('newDueAt');
  });

  it('records the officer’s time when plausible, the server’s otherwise', async () => {
    const c = central();
    const desk = await login(c.url, 'desk_a');
    now = Date.now();
    const cid = clientId('clock');
    const minutesAgo = now - 20 * 60_000;
    const answer = await push(desk.token, {
      clientId: cid,
      mutations: [
        // Offline twenty minutes ago: kept.
        m(1, note('a-new-10', 'offline'), 1, minutesAgo),
        // A clock two minutes fast: within the skew, pulled back to now.
        m(2, note('a-new-10', 'fast'), 1, now + 2 * 60_000),
        // A clock an hour fast: replaced by now.
        m(3, note('a-new-10', 'future'), 1, now + 60 * 60_000),
        // Before the dossier was even filed: replaced by now.
        m(4, note('a-new-10', 'past'), 1, 0),
      ],
    });
    expect(answer.results.every((r) => r.status === 'applied')).toBe(true);
    const rows = await c.store.db
      .selectFrom('records')
      .select('data')
      .where('owner_id', '=', 'a-new-10')
      .where('entity', '=', 'dossier_history')
      .execute();
    const at = new Map(
      rows
        .map((r) => JSON.parse(r.data) as { note: string | null; at: number })
        .map((h) => [h.note, h.at] as const),
    );
    expect(at.get('offline')).toBe(minutesAgo);
    expect(at.get('fast')).toBe(now);
    expect(at.get('future')).toBe(now);
    expect(at.get('past')).toBe(now);
  });

  it('acts on complaints too, through their own machine', async () => {
    const { url } = central();
    const desk = await login(url, 'desk_a');
    const answer = await push(desk.token, {
      clientId: clientId('complaint'),
      mutations: [
        m(1, { entity: 'complaint', id: 'ca-2', action: { type: 'receive' } }, 1),
        m(
          2,
          {
            entity: 'complaint',
            id: 'ca-2',
            action: { type: 'classify', classification: 'within_authority' },
          },
          2,
        ),
        m(3, note('ca-2', 'Đã chuyển xử lý', 'complaint'), 1),
      ],
    });
    expect(answer.results).toMatchObject([
      { status: 'applied', version: 2, entity: 'complaint' },
      { status: 'applied', version: 3 },
      { status: 'applied', version: 3 },
    ]);
  });
});
