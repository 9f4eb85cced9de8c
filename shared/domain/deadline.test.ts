import { describe, expect, it } from 'vitest';
import { HOUR_MS } from './calendar/time';
import { WorkingCalendar } from './calendar/working-calendar';
import {
  complaintDeadlineState,
  complaintWorkingTimeLeft,
  dossierDeadlineState,
  complaintWorkingTimeTotal,
  dossierWorkingTimeLeft,
  dossierWorkingTimeTotal,
  type DossierDeadlineFields,
} from './deadline';
import type { Dossier } from '../model';
import { applyDossierAction } from './dossier-machine';
import type { HistoryDraft } from './rules';
import { newComplaint, newDossier, officers, vn } from './test-fixtures';

const calendar = new WorkingCalendar();
const DUE = vn('2026-02-25T10:00');
const DUE_SOON = vn('2026-02-24T10:00');

const row = (fields: Partial<DossierDeadlineFields>): DossierDeadlineFields => ({
  status: 4,
  dueAt: DUE,
  dueSoonAt: DUE_SOON,
  finishedAt: null,
  late: false,
  returnedAt: null,
  ...fields,
});

describe('dossier deadline state (national scorecard, Decision 766/QĐ-TTg)', () => {
  it.each([
    [
      'a new dossier has no clock yet',
      row({ status: 1, dueAt: null, dueSoonAt: null }),
      '2026-03-01T00:00',
      'on_track',
    ],
    ['running, before the due-soon moment', row({}), '2026-02-24T09:59', 'on_track'],
    ['running, from the due-soon moment', row({}), '2026-02-24T10:00', 'due_soon'],
    [
      'running, at the appointment itself (finishing now is still on time)',
      row({}),
      '2026-02-25T10:00',
      'due_soon',
    ],
    [
      'running, a millisecond after the appointment',
      row({ dueAt: DUE }),
      '2026-02-25T10:00:00.001',
      'overdue',
    ],
    [
      'a withdrawal request does not stop the clock',
      row({ status: 7 }),
      '2026-02-26T10:00',
      'overdue',
    ],
    [
      'waiting for documents: citizen time does not count',
      row({ status: 5 }),
      '2026-03-30T10:00',
      'paused',
    ],
    [
      'waiting for fees: citizen time does not count',
      row({ status: 6 }),
      '2026-03-30T10:00',
      'paused',
    ],
    [
      'an apology keeps the date-based state while running',
      row({ late: true }),
      '2026-02-20T10:00',
      'on_track',
    ],
    [
      'finished (9) at the appointment',
      row({ status: 9, finishedAt: DUE }),
      '2026-03-30T10:00',
      'finished_on_time',
    ],
    [
      'finished (9) after the appointment',
      row({ status: 9, finishedAt: DUE + 1 }),
      '2026-03-30T10:00',
      'finished_late',
    ],
    [
      'returned (10): the finish of processing counts, not the return',
      row({ status: 10, finishedAt: DUE, returnedAt: DUE + 9 * HOUR_MS }),
      '2026-03-30T10:00',
      'finished_on_time',
    ],
    [
      'returned (10) without a recorded finish: the return counts',
      row({ status: 10, returnedAt: DUE + 1 }),
      '2026-03-30T10:00',
      'finished_late',
    ],
    [
      'on time by the dates, but an apology was sent: late',
      row({ status: 9, finishedAt: DUE - HOUR_MS, late: true }),
      '2026-03-30T10:00',
      'finished_late',
    ],
    [
      'refused at intake (3), no appointment',
      row({ status: 3, dueAt: null, dueSoonAt: null, finishedAt: DUE }),
      '2026-03-30T10:00',
      'finished_on_time',
    ],
    [
      'stopped (8) after the appointment',
      row({ status: 8, finishedAt: DUE + HOUR_MS }),
      '2026-03-30T10:00',
      'finished_late',
    ],
  ] as const)('%s → %s', (_name, fields, now, state) => {
    expect(dossierDeadlineState(fields, vn(now))).toBe(state);
  });

  it('working time left: negative when overdue, kept while fees are owed, none while waiting for documents', () => {
    expect(dossierWorkingTimeLeft(row({}), vn('2026-02-24T10:00'), calendar)).toBe(8 * HOUR_MS);
    expect(dossierWorkingTimeLeft(row({}), vn('2026-02-26T10:00'), calendar)).toBe(-8 * HOUR_MS);
    expect(
      dossierWorkingTimeLeft(
        { ...row({ status: 6 }), clockRemainingMs: 3 * HOUR_MS },
        vn('2026-03-30T10:00'),
        calendar,
      ),
    ).toBe(3 * HOUR_MS);
    expect(dossierWorkingTimeLeft(row({ status: 5 }), vn('2026-02-24T10:00'), calendar)).toBeNull();
    expect(dossierWorkingTimeLeft(row({ status: 9 }), vn('2026-02-24T10:00'), calendar)).toBeNull();
  });
});

describe('complaint deadline state', () => {
  // Received Mon 2 Mar 2026 09:00: answer due Mon 23 Mar 09:00.
  const open = newComplaint({ status: 'processing' });

  it.each([
    ['two working days before the 15th', '2026-03-19T09:00', 'on_track'],
    ['within the last working day', '2026-03-20T09:00', 'due_soon'],
    ['after the 15th working day', '2026-03-23T09:00:00.001', 'overdue'],
  ])('open complaint, %s: %s', (_name, now, state) => {
    expect(complaintDeadlineState(open, vn(now), calendar)).toBe(state);
  });

  it('asking the sender for information does not stop the 15-day clock', () => {
    const asking = newComplaint({ status: 'info_requested' });
    expect(complaintDeadlineState(asking, vn('2026-03-24T09:00'), calendar)).toBe('overdue');
  });

  it('working time left until the governing deadline, none once closed', () => {
    expect(complaintWorkingTimeLeft(open, vn('2026-03-20T09:00'), calendar)).toBe(8 * HOUR_MS);
    expect(
      complaintWorkingTimeLeft({ ...open, status: 'published' }, vn('2026-03-20T09:00'), calendar),
    ).toBeNull();
  });
});

describe('the clock’s total, against the same appointment as the time left', () => {
  const desk = officers.desk;
  const processing = officers.processing;
  const ACCEPTED = vn('2026-03-02T08:00');
  /** A procedure of 7 working days, accepted and taken by the processing officer. */
  function running(): { dossier: Dossier; history: HistoryDraft[] } {
    const history: HistoryDraft[] = [];
    let d = { ...newDossier(), workingDays: 7 };
    for (const [action, officer, at] of [
      [{ type: 'accept' }, desk, ACCEPTED],
      [{ type: 'start_processing' }, processing, ACCEPTED + HOUR_MS / 2],
    ] as const) {
      const result = applyDossierAction(d, action, { officer, now: at, calendar });
      if (!result.ok) throw new Error(result.message);
      d = result.record;
      history.push(result.history);
    }
    return { dossier: d, history };
  }

  it('is the statutory time while the appointment has not moved', () => {
    const { dossier, history } = running();
    expect(dossierWorkingTimeTotal(dossier, history, calendar)).toBe(7 * 8 * HOUR_MS);
  });

  it('after an apology, used + left = total against the new appointment', () => {
    const { dossier, history } = running();
    const now = ACCEPTED + HOUR_MS;
    // Two days and four hours later than the statutory appointment.
    const newDueAt = calendar.addWorkingTime(dossier.dueAt ?? 0, (2 * 8 + 4) * HOUR_MS);
    const apology = applyDossierAction(
      dossier,
      { type: 'apologize', newDueAt, reason: 'Chờ ý kiến liên ngành' },
      { officer: processing, now, calendar },
    );
    if (!apology.ok) throw new Error(apology.message);
    const total = dossierWorkingTimeTotal(apology.record, [...history, apology.history], calendar);
    const left = dossierWorkingTimeLeft(apology.record, now, calendar);
    // "9 days 3 hours left" of "9 days 4 hours": one hour used, not zero.
    expect(left).toBe((9 * 8 + 3) * HOUR_MS);
    expect(total).toBe((9 * 8 + 4) * HOUR_MS);
    expect((total ?? 0) - (left ?? 0)).toBe(HOUR_MS);
  });

  it('forgets an apology made before the clock restarted from zero', () => {
    const { dossier, history } = running();
    const stale = [
      ...history,
      {
        ...history[1],
        action: 'apologize',
        at: ACCEPTED - HOUR_MS,
        data: { previousDueAt: 0, newDueAt: 8 * HOUR_MS },
      } as HistoryDraft,
    ];
    expect(dossierWorkingTimeTotal({ ...dossier, apologyCount: 1 }, stale, calendar)).toBe(
      7 * 8 * HOUR_MS,
    );
  });

  it('has nothing to measure before the clock starts', () => {
    expect(dossierWorkingTimeTotal(newDossier(), [], calendar)).toBeNull();
  });

  it('is the governing deadline’s working time for a complaint', () => {
    expect(complaintWorkingTimeTotal(newComplaint(), calendar)).toBe(15 * 8 * HOUR_MS);
  });
});
