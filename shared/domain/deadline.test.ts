import { describe, expect, it } from 'vitest';
import { HOUR_MS } from './calendar/time';
import { WorkingCalendar } from './calendar/working-calendar';
import {
  complaintDeadlineState,
  complaintWorkingTimeLeft,
  dossierDeadlineState,
  dossierWorkingTimeLeft,
  type DossierDeadlineFields,
} from './deadline';
import { newComplaint, vn } from './test-fixtures';

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
