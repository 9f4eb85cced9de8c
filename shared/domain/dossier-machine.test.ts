import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DossierSchema, type Dossier } from '../model';
import { HOUR_MS, formatInstant } from './calendar/time';
import { WorkingCalendar } from './calendar/working-calendar';
import { dossierDeadlineState } from './deadline';
import {
  DOSSIER_ACTIONS,
  DOSSIER_ACTION_TARGETS,
  DOSSIER_FORMS,
  DOSSIER_LIFECYCLE,
  allowedDossierActions,
  applyDossierAction,
  checkDossierAction,
  checkNewAppointment,
  forbiddenDossierActions,
  isIntakeRound,
  latestNewAppointment,
  type DossierActionInput,
  type DossierActionType,
} from './dossier-machine';
import { RULE_CODES, isRuleCode, type ActingOfficer, type ActionSettings } from './rules';
import { handlingPolicy } from './handling';
import { NO_SIGN_OFF, signOffPolicy } from './sign-off';
import { newDossier, officers, vn } from './test-fixtures';

const calendar = new WorkingCalendar();
type ActionInput<T extends DossierActionType> = Extract<DossierActionInput, { type: T }>;
const { desk, processing, otherProcessing, leader, administrator, trainer, outsider } = officers;

function act(d: Dossier, action: DossierActionInput, officer: ActingOfficer, now: number) {
  return applyDossierAction(d, action, { officer, now, calendar });
}

/** Applies an action that must succeed and returns the new dossier. */
function must(
  d: Dossier,
  action: DossierActionInput,
  officer: ActingOfficer,
  now: number,
): Dossier {
  const result = act(d, action, officer, now);
  if (!result.ok) throw new Error(`${action.type} refused: ${result.message}`);
  return result.record;
}

function codeOf(
  d: Dossier,
  action: DossierActionInput,
  officer: ActingOfficer,
  now: number,
): string {
  const result = act(d, action, officer, now);
  return result.ok ? 'OK' : result.code;
}

const iso = (t: number | null): string | null => (t === null ? null : formatInstant(t));

/** Received Friday 13 Feb 2026 10:00 with 3 working days: due Wednesday 25 Feb 10:00 (DOMAIN.md). */
const RECEIVED = vn('2026-02-13T10:00');
const accepted = (): Dossier => must(newDossier(), { type: 'accept' }, desk, RECEIVED);
const processingBy = (officer: ActingOfficer = processing): Dossier =>
  must(accepted(), { type: 'start_processing' }, officer, vn('2026-02-13T11:00'));

describe('intake at the one-stop desk (Decree 61/2018, art. 19)', () => {
  it('acceptance starts the clock: the appointment is the statutory working time from receipt (Mẫu 01)', () => {
    const result = act(newDossier(), { type: 'accept' }, desk, RECEIVED);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const d = result.record;
    expect(d.status).toBe(2);
    expect(iso(d.receivedAt)).toBe('2026-02-13T10:00:00+07:00');
    expect(iso(d.clockStartedAt)).toBe('2026-02-13T10:00:00+07:00');
    expect(iso(d.dueAt)).toBe('2026-02-25T10:00:00+07:00');
    // Due soon one working day before the appointment.
    expect(iso(d.dueSoonAt)).toBe('2026-02-24T10:00:00+07:00');
    expect(result.history).toMatchObject({
      action: 'accept',
      fromStatus: '1',
      toStatus: '2',
      visibility: 'citizen',
      officerId: 'desk-1',
      data: { form: 'Mau01' },
    });
    expect(result.changes).toMatchObject({ status: 2, updatedAt: RECEIVED });
  });

  it('the due-soon window is configurable (here half a working day)', () => {
    const result = applyDossierAction(
      newDossier(),
      { type: 'accept' },
      {
        officer: desk,
        now: RECEIVED,
        calendar,
        dueSoonMs: 4 * HOUR_MS,
      },
    );
    expect(result.ok && iso(result.record.dueSoonAt)).toBe('2026-02-24T15:00:00+07:00');
  });

  it('a refusal needs its reason (Mẫu 03) and closes the dossier', () => {
    expect(codeOf(newDossier(), { type: 'refuse', reason: '   ' }, desk, RECEIVED)).toBe(
      'REASON_REQUIRED',
    );
    const refused = must(
      newDossier(),
      { type: 'refuse', reason: 'Không thuộc thẩm quyền' },
      desk,
      RECEIVED,
    );
    expect(refused.status).toBe(3);
    expect(refused.finishedAt).toBe(RECEIVED);
    expect(codeOf(refused, { type: 'accept' }, desk, RECEIVED)).toBe('DOSSIER_FINAL');
    expect(allowedDossierActions(refused, desk, RECEIVED, calendar)).toEqual([
      'add_note',
      'record_print',
    ]);
  });

  it('the desk lists every missing document at once (Mẫu 02): an empty or repeated list is refused', () => {
    const d = newDossier();
    expect(codeOf(d, { type: 'request_supplement', missingDocuments: [] }, desk, RECEIVED)).toBe(
      'MISSING_DOCUMENTS_REQUIRED',
    );
    expect(
      codeOf(
        d,
        { type: 'request_supplement', missingDocuments: ['Bản vẽ', 'Bản vẽ'] },
        desk,
        RECEIVED,
      ),
    ).toBe('MISSING_DOCUMENTS_REQUIRED');
    expect(codeOf(d, { type: 'request_supplement', missingDocuments: [' '] }, desk, RECEIVED)).toBe(
      'MISSING_DOCUMENTS_REQUIRED',
    );
  });

  it('an intake request is asked once; the complete dossier comes back to the desk, which then accepts', () => {
    const asked = must(
      newDossier(),
      { type: 'request_supplement', missingDocuments: ['Bản vẽ thiết kế', 'Giấy tờ đất'] },
      desk,
      vn('2026-02-12T10:00'),
    );
    expect(asked.status).toBe(5);
    expect(asked.supplementRounds).toHaveLength(1);
    expect(isIntakeRound(asked.supplementRounds[0] ?? ({} as never))).toBe(true);
    expect(dossierDeadlineState(asked, vn('2026-02-12T11:00'))).toBe('paused');
    const back = must(asked, { type: 'receive_supplement' }, desk, vn('2026-02-13T09:00'));
    expect(back.status).toBe(1);
    expect(
      codeOf(back, { type: 'request_supplement', missingDocuments: ['Thêm nữa'] }, desk, RECEIVED),
    ).toBe('SUPPLEMENT_ALREADY_REQUESTED');
    const ok = must(back, { type: 'accept' }, desk, RECEIVED);
    expect(iso(ok.dueAt)).toBe('2026-02-25T10:00:00+07:00');
    expect(ok.late).toBe(false);
  });

  it('a dossier whose intake request was never answered may still be refused', () => {
    const asked = must(
      newDossier(),
      { type: 'request_supplement', missingDocuments: ['A'] },
      desk,
      RECEIVED,
    );
    expect(codeOf(asked, { type: 'refuse', reason: 'Quá hạn bổ sung' }, desk, RECEIVED)).toBe('OK');
  });
});

describe('missing documents found by the processing unit (Decree 61/2018 as amended by 107/2021)', () => {
  const request: ActionInput<'request_supplement'> = {
    type: 'request_supplement',
    missingDocuments: ['Bản sao sổ đỏ'],
  };

  it.each([
    ['one working day after receipt', '2026-02-23T10:00', 'OK'],
    ['exactly 3 working days after receipt (Wed 25 Feb 10:00)', '2026-02-25T10:00', 'OK'],
    ['a minute later than 3 working days after receipt', '2026-02-25T10:01', 'SUPPLEMENT_TOO_LATE'],
  ])('asked %s: %s', (_name, when, code) => {
    expect(codeOf(processingBy(), request, processing, vn(when))).toBe(code);
  });

  it('the clock stops while waiting for the citizen and restarts from zero with the complete dossier', () => {
    const asked = must(processingBy(), request, processing, vn('2026-02-23T10:00'));
    expect(asked.status).toBe(5);
    expect(asked.clockPausedAt).toBe(vn('2026-02-23T10:00'));
    expect(iso(asked.supplementRounds[0]?.previousDueAt ?? null)).toBe('2026-02-25T10:00:00+07:00');
    expect(dossierDeadlineState(asked, vn('2026-03-20T10:00'))).toBe('paused');

    const received = must(asked, { type: 'receive_supplement' }, desk, vn('2026-03-02T14:00'));
    expect(received.status).toBe(4);
    expect(received.clockPausedAt).toBeNull();
    expect(iso(received.clockStartedAt)).toBe('2026-03-02T14:00:00+07:00');
    // Three full working days from Mon 2 Mar 14:00: Thu 5 Mar 14:00.
    expect(iso(received.dueAt)).toBe('2026-03-05T14:00:00+07:00');
    expect(iso(received.supplementRounds[0]?.newDueAt ?? null)).toBe('2026-03-05T14:00:00+07:00');
    expect(received.late).toBe(false);
  });

  it('a processing unit asks once: a second request is refused', () => {
    const asked = must(processingBy(), request, processing, vn('2026-02-23T10:00'));
    const back = must(asked, { type: 'receive_supplement' }, desk, vn('2026-02-24T10:00'));
    expect(codeOf(back, request, processing, vn('2026-02-24T11:00'))).toBe(
      'SUPPLEMENT_ALREADY_REQUESTED',
    );
  });

  it('more than one supplement request (intake, then processing) counts the dossier as late', () => {
    const asked = must(
      newDossier(),
      { type: 'request_supplement', missingDocuments: ['A'] },
      desk,
      vn('2026-02-12T10:00'),
    );
    const back = must(asked, { type: 'receive_supplement' }, desk, vn('2026-02-13T09:00'));
    const acc = must(back, { type: 'accept' }, desk, RECEIVED);
    const taken = must(acc, { type: 'start_processing' }, processing, vn('2026-02-13T11:00'));
    const second = must(taken, request, processing, vn('2026-02-23T10:00'));
    expect(second.supplementCount).toBe(2);
    expect(second.late).toBe(true);
  });

  it('only the officer holding the dossier, or a leader, asks for documents', () => {
    expect(codeOf(processingBy(), request, otherProcessing, vn('2026-02-23T10:00'))).toBe(
      'NOT_ASSIGNEE',
    );
    expect(codeOf(processingBy(), request, leader, vn('2026-02-23T10:00'))).toBe('OK');
    expect(codeOf(processingBy(), request, desk, vn('2026-02-23T10:00'))).toBe('ROLE_NOT_ALLOWED');
  });
});

describe('fees and taxes pause the clock (status 6)', () => {
  // Accepted Mon 2 Mar 2026 08:00 with 5 working days: due Fri 6 Mar 17:00.
  const start = (): Dossier => {
    const d = must(
      newDossier({ workingDays: 5 }),
      { type: 'accept' },
      desk,
      vn('2026-03-02T08:00'),
    );
    return must(d, { type: 'start_processing' }, processing, vn('2026-03-02T09:00'));
  };

  it('the working time left when fees are asked for is kept, and runs again from payment', () => {
    const d = start();
    expect(iso(d.dueAt)).toBe('2026-03-06T17:00:00+07:00');
    expect(codeOf(d, { type: 'request_fees', fees: [] }, processing, vn('2026-03-04T08:00'))).toBe(
      'FEES_REQUIRED',
    );
    const owed = must(
      d,
      { type: 'request_fees', fees: [{ name: 'Lệ phí', amount: 75_000 }] },
      processing,
      vn('2026-03-04T08:00'),
    );
    expect(owed.status).toBe(6);
    expect(owed.clockRemainingMs).toBe(24 * HOUR_MS);
    expect(owed.fees).toEqual([{ name: 'Lệ phí', amount: 75_000, paid: false }]);
    // Paid Tue 10 Mar 13:00: 4 h + 8 h + 8 h + 4 h → Fri 13 Mar 12:00.
    const paid = must(owed, { type: 'receive_fees' }, desk, vn('2026-03-10T13:00'));
    expect(paid.status).toBe(4);
    expect(iso(paid.dueAt)).toBe('2026-03-13T12:00:00+07:00');
    // One working day before: Thu 13:00 (the lunch hour holds no office time).
    expect(iso(paid.dueSoonAt)).toBe('2026-03-12T13:00:00+07:00');
    expect(paid.clockRemainingMs).toBeNull();
    expect(paid.fees[0]?.paid).toBe(true);
  });

  it('a dossier already overdue when fees are asked for keeps its passed appointment', () => {
    const owed = must(
      start(),
      { type: 'request_fees', fees: [{ name: 'Phí', amount: 1 }] },
      processing,
      vn('2026-03-09T10:00'),
    );
    expect(owed.clockRemainingMs).toBe(0);
    const paid = must(owed, { type: 'receive_fees' }, desk, vn('2026-03-11T10:00'));
    expect(iso(paid.dueAt)).toBe('2026-03-06T17:00:00+07:00');
    expect(dossierDeadlineState(paid, vn('2026-03-11T10:00'))).toBe('overdue');
  });
});

describe('running late: apology and a new appointment (Mẫu 04)', () => {
  const apology = (newDueAt: number): ActionInput<'apologize'> => ({
    type: 'apologize',
    newDueAt,
    reason: 'Chờ ý kiến liên ngành',
  });
  // Due Wed 25 Feb 10:00; the latest new appointment is Mon 2 Mar 10:00.
  it.each([
    ['exactly one working day before the appointment', '2026-02-24T10:00', 'OK'],
    ['a minute later, less than one working day before', '2026-02-24T10:01', 'APOLOGY_TOO_LATE'],
    ['after the appointment', '2026-02-26T10:00', 'APOLOGY_TOO_LATE'],
  ])('an apology sent %s: %s', (_name, when, code) => {
    expect(codeOf(processingBy(), apology(vn('2026-03-02T10:00')), processing, vn(when))).toBe(
      code,
    );
  });

  it('moves the appointment once, marks the dossier late, and is visible to the citizen', () => {
    const result = act(
      processingBy(),
      apology(vn('2026-03-02T10:00')),
      processing,
      vn('2026-02-23T09:00'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(iso(result.record.dueAt)).toBe('2026-03-02T10:00:00+07:00');
    expect(iso(result.record.dueSoonAt)).toBe('2026-02-27T10:00:00+07:00');
    expect(result.record.late).toBe(true);
    expect(result.record.apologyCount).toBe(1);
    expect(result.history).toMatchObject({ visibility: 'citizen', note: 'Chờ ý kiến liên ngành' });
    expect(
      codeOf(result.record, apology(vn('2026-03-10T10:00')), processing, vn('2026-02-24T09:00')),
    ).toBe('APOLOGY_ALREADY_GIVEN');
  });

  it('the new appointment must be later, and the reason is required', () => {
    const d = processingBy();
    expect(codeOf(d, apology(vn('2026-02-25T10:00')), processing, vn('2026-02-23T09:00'))).toBe(
      'APPOINTMENT_NOT_LATER',
    );
    expect(
      codeOf(
        d,
        { type: 'apologize', newDueAt: vn('2026-03-02T10:00'), reason: '' },
        processing,
        vn('2026-02-23T09:00'),
      ),
    ).toBe('REASON_REQUIRED');
    expect(
      codeOf(
        d,
        { type: 'apologize', reason: 'x' } as unknown as DossierActionInput,
        processing,
        vn('2026-02-23T09:00'),
      ),
    ).toBe('APPOINTMENT_REQUIRED');
  });
});

describe('the new appointment of an apology: a working moment, within the bound', () => {
  const apology = (newDueAt: number): ActionInput<'apologize'> => ({
    type: 'apologize',
    newDueAt,
    reason: 'Chờ ý kiến liên ngành',
  });
  // Due Wed 25 Feb 10:00 with 3 working days: the bound is 3 working days later, Mon 2 Mar 10:00.
  const SENT = vn('2026-02-23T09:00');
  it.each([
    ['on a Saturday at 17:00', '2026-02-28T17:00', 'APPOINTMENT_NOT_WORKING_TIME'],
    ['at lunch time', '2026-02-26T12:30', 'APPOINTMENT_NOT_WORKING_TIME'],
    ['after office hours', '2026-02-26T17:01', 'APPOINTMENT_NOT_WORKING_TIME'],
    ['before office hours', '2026-02-26T07:59', 'APPOINTMENT_NOT_WORKING_TIME'],
    ['on a public holiday', '2026-04-30T10:00', 'APPOINTMENT_NOT_WORKING_TIME'],
    ['73 years ahead', '2099-01-01T10:00', 'APPOINTMENT_NOT_WORKING_TIME'],
    ['on a working day far past the bound', '2099-01-05T10:00', 'APPOINTMENT_TOO_FAR'],
    ['a minute past the bound', '2026-03-02T10:01', 'APPOINTMENT_TOO_FAR'],
    ['exactly at the bound', '2026-03-02T10:00', 'OK'],
    ['at the close of a working day', '2026-02-26T17:00', 'OK'],
  ])('a new appointment %s: %s', (_name, when, code) => {
    expect(codeOf(processingBy(), apology(vn(when)), processing, SENT)).toBe(code);
  });

  it('names the field in its message', () => {
    const result = act(processingBy(), apology(vn('2026-02-28T17:00')), processing, SENT);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('newDueAt');
  });

  it('takes its bound from the caller: a share of the statutory duration', () => {
    const d = processingBy();
    const twice = (share: number) =>
      applyDossierAction(d, apology(vn('2026-03-05T10:00')), {
        officer: processing,
        now: SENT,
        calendar,
        apologyExtensionShare: share,
      });
    expect(twice(2).ok).toBe(true);
    const once = twice(1);
    expect(once.ok ? 'OK' : once.code).toBe('APPOINTMENT_TOO_FAR');
  });

  it('gives the form the same answer as the machine', () => {
    const d = processingBy();
    expect(latestNewAppointment(d, calendar)).toBe(vn('2026-03-02T10:00'));
    expect(checkNewAppointment(d, vn('2026-02-28T17:00'), calendar)?.code).toBe(
      'APPOINTMENT_NOT_WORKING_TIME',
    );
    expect(checkNewAppointment(d, vn('2026-02-27T17:00'), calendar)).toBeNull();
  });
});

describe('forbidden actions are explained, not hidden', () => {
  it('answers the second request for documents with the rule that forbids it', () => {
    const asked = must(
      processingBy(),
      { type: 'request_supplement', missingDocuments: ['Bản vẽ thiết kế'] },
      processing,
      vn('2026-02-16T09:00'),
    );
    const back = must(asked, { type: 'receive_supplement' }, processing, vn('2026-02-17T09:00'));
    const now = vn('2026-02-17T10:00');
    const forbidden = forbiddenDossierActions(back, processing, now, calendar);
    expect(forbidden.map((f) => [f.action, f.refusal.code])).toEqual([
      ['request_supplement', 'SUPPLEMENT_ALREADY_REQUESTED'],
    ]);
    expect(allowedDossierActions(back, processing, now, calendar)).not.toContain(
      'request_supplement',
    );
  });

  it('keeps hiding what belongs to another stage or role', () => {
    const d = processingBy();
    const now = vn('2026-02-16T09:00');
    expect(forbiddenDossierActions(d, processing, now, calendar)).toEqual([]);
    expect(forbiddenDossierActions(d, desk, now, calendar)).toEqual([]);
    // A colleague learns why they cannot take it: someone holds it, a leader reassigns.
    expect(
      forbiddenDossierActions(d, otherProcessing, now, calendar).map((f) => f.refusal.code),
    ).toEqual(['ALREADY_ASSIGNED']);
  });

  it('never forbids an action it allows', () => {
    const d = must(processingBy(), apologyOnce(), processing, vn('2026-02-23T09:00'));
    const now = vn('2026-02-23T10:00');
    const forbidden = forbiddenDossierActions(d, processing, now, calendar).map((f) => f.action);
    expect(forbidden).toContain('apologize');
    for (const action of forbidden) {
      expect(allowedDossierActions(d, processing, now, calendar)).not.toContain(action);
    }
  });
});

describe('a transfer goes only to a unit that handles the procedure (the catalogue)', () => {
  const catalogue = handlingPolicy((code) =>
    code === '1.001234' ? { handlingUnitIds: ['unit-1', 'unit-1-office', 'unit-2'] } : null,
  );
  const transfer = (unitId: string) =>
    applyDossierAction(
      accepted(),
      { type: 'transfer', unitId },
      { officer: desk, now: RECEIVED + HOUR_MS, calendar, handling: catalogue },
    );
  it.each([
    ['a unit of the catalogue', 'unit-2', 'OK'],
    ['an office of the catalogue', 'unit-1-office', 'OK'],
    ['any other unit', 'unit-99', 'UNIT_NOT_HANDLING'],
  ])('to %s: %s', (_name, unitId, code) => {
    const result = transfer(unitId);
    expect(result.ok ? 'OK' : result.code).toBe(code);
  });

  it('names the field, and lets any unit receive what the catalogue says nothing about', () => {
    const refused = transfer('unit-99');
    expect(refused.ok ? '' : refused.message).toContain('unitId');
    const unsaid = applyDossierAction(
      { ...accepted(), procedureCode: '9.999999' },
      { type: 'transfer', unitId: 'unit-99' },
      { officer: desk, now: RECEIVED + HOUR_MS, calendar, handling: catalogue },
    );
    expect(unsaid.ok).toBe(true);
  });
});

describe('who reads the note an action writes', () => {
  it('is said once per action, and the history records just that', () => {
    expect(DOSSIER_LIFECYCLE.noteVisibility({ type: 'receive_supplement' })).toBe('citizen');
    expect(DOSSIER_LIFECYCLE.noteVisibility({ type: 'transfer' })).toBe('internal');
    const note = { type: 'add_note', text: 'Gọi lại', visibility: 'internal' } as const;
    expect(DOSSIER_LIFECYCLE.noteVisibility(note)).toBe('internal');
    const received = act(
      must(newDossier(), { type: 'request_supplement', missingDocuments: ['A'] }, desk, RECEIVED),
      { type: 'receive_supplement', note: 'Đã nhận đủ' },
      desk,
      RECEIVED + HOUR_MS,
    );
    expect(received.ok && received.history.visibility).toBe('citizen');
  });
});

function apologyOnce(): DossierActionInput {
  return { type: 'apologize', newDueAt: vn('2026-02-27T10:00'), reason: 'Chờ ý kiến' };
}

describe('results, return, withdrawal', () => {
  const finish: ActionInput<'finish'> = {
    type: 'finish',
    result: 'approved',
    resultDocuments: [{ name: 'Giấy phép xây dựng', number: '123/GPXD' }],
  };

  it('finishing needs the result type and its documents; returning closes the dossier', () => {
    const d = processingBy();
    expect(codeOf(d, { ...finish, resultDocuments: [] }, processing, vn('2026-02-24T09:00'))).toBe(
      'RESULT_DOCUMENTS_REQUIRED',
    );
    expect(
      codeOf(
        d,
        {
          type: 'finish',
          resultDocuments: finish.resultDocuments,
        } as unknown as DossierActionInput,
        processing,
        vn('2026-02-24T09:00'),
      ),
    ).toBe('RESULT_REQUIRED');
    const done = must(d, finish, processing, vn('2026-02-24T09:00'));
    expect(done.status).toBe(9);
    expect(dossierDeadlineState(done, vn('2026-02-24T09:00'))).toBe('finished_on_time');
    expect(codeOf(done, { type: 'return_result' }, processing, vn('2026-02-24T10:00'))).toBe(
      'ROLE_NOT_ALLOWED',
    );
    const returned = must(done, { type: 'return_result' }, desk, vn('2026-02-24T10:00'));
    expect(returned.status).toBe(10);
    expect(returned.returnedAt).toBe(vn('2026-02-24T10:00'));
    expect(
      codeOf(returned, { type: 'request_withdrawal', reason: 'x' }, desk, vn('2026-02-24T11:00')),
    ).toBe('DOSSIER_FINAL');
  });

  it('finishing after the appointment is late', () => {
    const done = must(processingBy(), finish, processing, vn('2026-02-25T10:01'));
    expect(dossierDeadlineState(done, vn('2026-02-26T00:00'))).toBe('finished_late');
  });

  it('a withdrawal request (7) is followed by stopping (8), each with its reason', () => {
    const asked = must(
      processingBy(),
      { type: 'request_withdrawal', reason: 'Công dân xin rút' },
      desk,
      vn('2026-02-23T09:00'),
    );
    expect(asked.status).toBe(7);
    expect(codeOf(asked, { type: 'stop', reason: '' }, processing, vn('2026-02-23T10:00'))).toBe(
      'REASON_REQUIRED',
    );
    const stopped = must(
      asked,
      { type: 'stop', reason: 'Theo đề nghị của công dân' },
      processing,
      vn('2026-02-23T10:00'),
    );
    expect(stopped.status).toBe(8);
    expect(stopped.finishedAt).toBe(vn('2026-02-23T10:00'));
  });

  it('a dossier withdrawn while waiting for the citizen does not count the wait against the unit', () => {
    const request: ActionInput<'request_supplement'> = {
      type: 'request_supplement',
      missingDocuments: ['Bản vẽ'],
    };
    // Asked Mon 23 Feb 10:00 with 16 working hours left (due Wed 25 Feb 10:00).
    const waiting = must(processingBy(), request, processing, vn('2026-02-23T10:00'));
    const withdrawn = must(
      waiting,
      { type: 'request_withdrawal', reason: 'Công dân xin rút' },
      desk,
      vn('2026-03-16T09:00'),
    );
    expect(withdrawn.clockPausedAt).toBeNull();
    // The 16 h resume on Mon 16 Mar 09:00: 7 h + 8 h + 1 h → Wed 18 Mar 09:00.
    expect(iso(withdrawn.dueAt)).toBe('2026-03-18T09:00:00+07:00');
    const stopped = must(
      withdrawn,
      { type: 'stop', reason: 'Rút hồ sơ' },
      processing,
      vn('2026-03-16T10:00'),
    );
    expect(dossierDeadlineState(stopped, vn('2026-03-20T00:00'))).toBe('finished_on_time');
  });

  it('only a leader stops a dossier nobody asked to withdraw', () => {
    expect(
      codeOf(processingBy(), { type: 'stop', reason: 'x' }, processing, vn('2026-02-23T10:00')),
    ).toBe('ROLE_NOT_ALLOWED');
    expect(
      codeOf(processingBy(), { type: 'stop', reason: 'x' }, leader, vn('2026-02-23T10:00')),
    ).toBe('OK');
  });
});

describe('a leader signs off the result before it goes out (trình ký, where the unit turned it on)', () => {
  // Unit u1 has its leaders sign off results of this procedure; u2 has not turned the step on.
  const policy = signOffPolicy((id) =>
    id === 'u1' ? { signOff: { procedureCodes: ['1.001234'] } } : null,
  );
  const on: ActionSettings = { signOff: policy };
  const at = vn('2026-02-16T09:00');
  const draft: ActionInput<'submit_result'> = {
    type: 'submit_result',
    result: 'approved',
    resultDocuments: [{ name: 'Giấy phép xây dựng', number: '12/GPXD' }],
  };
  const actOn = (d: Dossier, action: DossierActionInput, officer: ActingOfficer, now = at) =>
    applyDossierAction(d, action, { officer, now, calendar, ...on });
  const mustOn = (d: Dossier, action: DossierActionInput, officer: ActingOfficer, now = at) => {
    const result = actOn(d, action, officer, now);
    if (!result.ok) throw new Error(`${action.type} refused: ${result.message}`);
    return result.record;
  };
  const codeOn = (d: Dossier, action: DossierActionInput, officer: ActingOfficer) => {
    const result = actOn(d, action, officer);
    return result.ok ? 'OK' : result.code;
  };
  const finish: ActionInput<'finish'> = {
    type: 'finish',
    result: draft.result,
    resultDocuments: draft.resultDocuments,
  };

  it('the drafted result cannot be finished until a leader approves it; the officer submits it instead', () => {
    const d = processingBy();
    expect(codeOn(d, finish, processing)).toBe('SIGN_OFF_REQUIRED');
    expect(allowedDossierActions(d, processing, at, calendar, on)).toContain('submit_result');
    expect(allowedDossierActions(d, processing, at, calendar, on)).not.toContain('finish');
    const result = actOn(d, draft, processing);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.status).toBe(4);
    expect(result.record.signOff).toMatchObject({
      state: 'submitted',
      result: 'approved',
      submittedBy: 'proc-1',
      decidedAt: null,
    });
    expect(result.history).toMatchObject({
      action: 'submit_result',
      fromStatus: '4',
      toStatus: '4',
      visibility: 'internal',
      data: { result: 'approved', resultDocuments: draft.resultDocuments },
    });
    // While it waits, neither another submission nor finishing.
    expect(codeOn(result.record, draft, processing)).toBe('SIGN_OFF_PENDING');
    expect(codeOn(result.record, finish, processing)).toBe('SIGN_OFF_PENDING');
  });

  it('the leader approves, and then exactly the approved result is finished and returned', () => {
    const submitted = mustOn(processingBy(), draft, processing);
    expect(codeOn(submitted, { type: 'approve_result' }, processing)).toBe('ROLE_NOT_ALLOWED');
    expect(allowedDossierActions(submitted, leader, at, calendar, on)).toEqual(
      expect.arrayContaining(['approve_result', 'send_back_result']),
    );
    const result = actOn(submitted, { type: 'approve_result', note: 'Đồng ý' }, leader);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.signOff).toMatchObject({ state: 'approved', decidedBy: 'lead-1' });
    expect(result.history).toMatchObject({ action: 'approve_result', note: 'Đồng ý' });
    const other = { ...finish, resultDocuments: [{ name: 'Giấy phép khác', number: '13' }] };
    expect(codeOn(result.record, other, processing)).toBe('RESULT_NOT_SIGNED_OFF');
    const finished = mustOn(result.record, finish, processing);
    expect(finished.status).toBe(9);
    expect(mustOn(finished, { type: 'return_result' }, desk).status).toBe(10);
  });

  it('the leader sends the draft back with a reason; the officer corrects it and submits again', () => {
    const submitted = mustOn(processingBy(), draft, processing);
    expect(codeOn(submitted, { type: 'send_back_result', reason: ' ' }, leader)).toBe(
      'REASON_REQUIRED',
    );
    const back = actOn(submitted, { type: 'send_back_result', reason: 'Sai số giấy phép' }, leader);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.record.signOff).toMatchObject({ state: 'sent_back', reason: 'Sai số giấy phép' });
    expect(back.history).toMatchObject({ action: 'send_back_result', note: 'Sai số giấy phép' });
    expect(codeOn(back.record, finish, processing)).toBe('SIGN_OFF_REQUIRED');
    expect(codeOn(back.record, { type: 'approve_result' }, leader)).toBe('ILLEGAL_TRANSITION');
    expect(mustOn(back.record, draft, processing).signOff?.state).toBe('submitted');
  });

  it('where the step is off (another unit, another procedure, no policy) nothing changes', () => {
    const d = processingBy();
    expect(codeOf(d, draft, processing, at)).toBe('SIGN_OFF_NOT_REQUIRED');
    expect(codeOf(d, finish, processing, at)).toBe('OK');
    const otherProcedure = { ...d, procedureCode: '1.009999' };
    expect(codeOn(otherProcedure, finish, processing)).toBe('OK');
    expect(codeOn(otherProcedure, draft, processing)).toBe('SIGN_OFF_NOT_REQUIRED');
    expect(allowedDossierActions(d, processing, at, calendar)).toEqual(
      allowedDossierActions(d, processing, at, calendar, { signOff: NO_SIGN_OFF }),
    );
    // A draft still pending when the unit turns the step off can be decided or finished.
    const pending = mustOn(d, draft, processing);
    expect(codeOf(pending, finish, processing, at)).toBe('OK');
    expect(codeOf(pending, { type: 'approve_result' }, leader, at)).toBe('OK');
  });
});

describe('routing, notes and who may do what', () => {
  it('the desk hands an accepted dossier to the processing unit; the move is an internal history step', () => {
    const result = act(
      accepted(),
      { type: 'transfer', unitId: 'u2', reason: 'Thuộc phòng Quản lý đô thị' },
      desk,
      vn('2026-02-13T11:00'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record).toMatchObject({ status: 4, unitId: 'u2', assigneeId: null });
    expect(result.history).toMatchObject({
      action: 'transfer',
      visibility: 'internal',
      data: { fromUnitId: 'u1', toUnitId: 'u2', fromAssigneeId: null, toAssigneeId: null },
    });
    // Now out of the desk officer's units.
    expect(
      codeOf(
        result.record,
        { type: 'add_note', text: 'x', visibility: 'internal' },
        desk,
        vn('2026-02-13T12:00'),
      ),
    ).toBe('OUT_OF_SCOPE');
  });

  it('transfers need a unit; later transfers and reassignments are a leader’s or administrator’s call', () => {
    const d = processingBy();
    expect(
      codeOf(accepted(), { type: 'transfer' } as unknown as DossierActionInput, desk, RECEIVED),
    ).toBe('UNIT_REQUIRED');
    expect(codeOf(d, { type: 'transfer', unitId: 'u2' }, desk, RECEIVED)).toBe('ROLE_NOT_ALLOWED');
    expect(
      codeOf(d, { type: 'transfer', unitId: 'u1', assigneeId: 'proc-1' }, leader, RECEIVED),
    ).toBe('SAME_ASSIGNMENT');
    expect(codeOf(d, { type: 'assign', assigneeId: 'proc-2' }, administrator, RECEIVED)).toBe('OK');
    expect(codeOf(d, { type: 'assign', assigneeId: 'proc-2' }, processing, RECEIVED)).toBe(
      'ROLE_NOT_ALLOWED',
    );
    expect(codeOf(d, { type: 'start_processing' }, otherProcessing, RECEIVED)).toBe(
      'ALREADY_ASSIGNED',
    );
  });

  it('notes are history only, internal or visible to the citizen, and allowed on closed dossiers', () => {
    const refused = must(newDossier(), { type: 'refuse', reason: 'x' }, desk, RECEIVED);
    const result = act(
      refused,
      { type: 'add_note', text: 'Đã gọi điện cho công dân', visibility: 'citizen' },
      desk,
      RECEIVED,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.changes).toEqual({});
    expect(result.record).toEqual(refused);
    expect(result.history).toMatchObject({
      action: 'add_note',
      visibility: 'citizen',
      fromStatus: '3',
      toStatus: '3',
    });
    expect(
      codeOf(refused, { type: 'add_note', text: ' ', visibility: 'internal' }, desk, RECEIVED),
    ).toBe('NOTE_REQUIRED');
  });

  it('a printed form (Mẫu 01–06) is recorded in the history, who and which paper, in any status, without changing the dossier', () => {
    const refused = must(newDossier(), { type: 'refuse', reason: 'x' }, desk, RECEIVED);
    const printedAt = vn('2026-02-13T10:05');
    const result = act(
      refused,
      { type: 'record_print', form: 'refusal', formSet: 'tt01-2018' },
      desk,
      printedAt,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.changes).toEqual({});
    expect(result.record).toEqual(refused);
    expect(result.history).toMatchObject({
      action: 'record_print',
      officerId: 'desk-1',
      fromStatus: '3',
      toStatus: '3',
      visibility: 'internal',
      data: { printed: 'refusal', formSet: 'tt01-2018' },
    });
    for (const make of [newDossier, accepted, () => processingBy()]) {
      expect(allowedDossierActions(make(), processing, printedAt, calendar)).toContain(
        'record_print',
      );
    }
    expect(
      codeOf(
        accepted(),
        { type: 'record_print', form: 'register' } as unknown as DossierActionInput,
        desk,
        printedAt,
      ),
    ).toBe('INVALID_PAYLOAD');
    expect(codeOf(accepted(), { type: 'record_print', form: 'receipt' }, trainer, printedAt)).toBe(
      'ROLE_NOT_ALLOWED',
    );
  });

  it('the trainer role grants nothing on real data; officers outside the unit get nothing', () => {
    expect(allowedDossierActions(newDossier(), trainer, RECEIVED, calendar)).toEqual([]);
    expect(codeOf(newDossier(), { type: 'accept' }, trainer, RECEIVED)).toBe('ROLE_NOT_ALLOWED');
    expect(allowedDossierActions(newDossier(), outsider, RECEIVED, calendar)).toEqual([]);
    expect(codeOf(newDossier(), { type: 'accept' }, outsider, RECEIVED)).toBe('OUT_OF_SCOPE');
  });

  it.each([
    [
      'desk officer on a new dossier',
      newDossier,
      desk,
      ['accept', 'refuse', 'request_supplement', 'request_withdrawal', 'add_note', 'record_print'],
    ],
    [
      'processing officer on a new dossier',
      newDossier,
      processing,
      ['request_withdrawal', 'add_note', 'record_print'],
    ],
    [
      'desk officer on an accepted dossier',
      accepted,
      desk,
      ['transfer', 'request_withdrawal', 'add_note', 'record_print'],
    ],
    [
      'processing officer on an accepted dossier',
      accepted,
      processing,
      ['start_processing', 'request_withdrawal', 'add_note', 'record_print'],
    ],
    [
      'holder of a dossier in processing',
      () => processingBy(),
      processing,
      [
        'request_supplement',
        'request_fees',
        'apologize',
        'finish',
        'request_withdrawal',
        'add_note',
        'record_print',
      ],
    ],
    [
      'leader on a dossier someone holds (reassigning is `assign`)',
      () => processingBy(),
      leader,
      [
        'request_supplement',
        'transfer',
        'assign',
        'request_fees',
        'apologize',
        'finish',
        'request_withdrawal',
        'stop',
        'add_note',
        'record_print',
      ],
    ],
  ] as const)('the UI offers the %s exactly these actions', (_name, make, officer, expected) => {
    expect(allowedDossierActions(make(), officer, vn('2026-02-13T12:00'), calendar)).toEqual(
      expected,
    );
  });

  it('refuses illegal transitions, unknown actions and malformed payloads with codes, never throws', () => {
    expect(codeOf(accepted(), { type: 'accept' }, desk, RECEIVED)).toBe('ILLEGAL_TRANSITION');
    expect(
      codeOf(newDossier(), { type: 'fly' } as unknown as DossierActionInput, desk, RECEIVED),
    ).toBe('UNKNOWN_ACTION');
    expect(codeOf(newDossier(), null as unknown as DossierActionInput, desk, RECEIVED)).toBe(
      'UNKNOWN_ACTION',
    );
    expect(
      codeOf(
        newDossier(),
        { type: 'accept', extra: 1 } as unknown as DossierActionInput,
        desk,
        RECEIVED,
      ),
    ).toBe('INVALID_PAYLOAD');
    expect(codeOf(newDossier(), { type: 'accept' }, desk, vn('2300-01-02T10:00'))).toBe(
      'DATE_OUT_OF_RANGE',
    );
    expect(codeOf(newDossier(), { type: 'accept' }, desk, Number.NaN)).toBe('DATE_OUT_OF_RANGE');
  });

  it('checkDossierAction explains a disabled action with its code', () => {
    expect(
      checkDossierAction(processingBy(), 'apologize', processing, vn('2026-02-25T09:00'), calendar)
        ?.code,
    ).toBe('APOLOGY_TOO_LATE');
  });
});

// ---------------------------------------------------------------------------------------------
// Property: any sequence of actions by anyone, valid or not
// ---------------------------------------------------------------------------------------------

const OFFICERS: ActingOfficer[] = Object.values(officers);
const FINAL = [3, 8, 10];

/** Unit u1 signs off results of every dossier the property tests make, when `signOff` is on. */
const SIGN_OFF_ON: ActionSettings = {
  signOff: signOffPolicy((id) =>
    id === 'u1' ? { signOff: { procedureCodes: ['1.001234'] } } : null,
  ),
};

function payloadFor(
  type: DossierActionType,
  d: Dossier,
  variant: number,
  now: number,
): DossierActionInput {
  const bad = variant % 5 === 0;
  switch (type) {
    case 'accept':
    case 'receive_supplement':
    case 'start_processing':
    case 'receive_fees':
    case 'return_result':
      return { type };
    case 'refuse':
    case 'request_withdrawal':
    case 'stop':
      return { type, reason: bad ? '' : 'Lý do' };
    case 'request_supplement':
      return { type, missingDocuments: bad ? [] : ['Giấy tờ A', 'Giấy tờ B'] };
    case 'transfer':
      return {
        type,
        unitId: variant % 2 === 0 ? 'u1' : 'u2',
        assigneeId: variant % 3 === 0 ? 'proc-2' : null,
      };
    case 'assign':
      return { type, assigneeId: variant % 2 === 0 ? 'proc-1' : 'proc-2' };
    case 'request_fees':
      return { type, fees: bad ? [] : [{ name: 'Lệ phí', amount: 50_000 }] };
    case 'apologize':
      return {
        type,
        newDueAt: (d.dueAt ?? now) + ((variant % 7) - 2) * 8 * HOUR_MS,
        reason: 'Lý do',
      };
    case 'finish':
      // Mostly the approved draft when there is one, so that sign-off leads somewhere.
      if (d.signOff && variant % 3 !== 0) {
        return { type, result: d.signOff.result, resultDocuments: d.signOff.resultDocuments };
      }
      return {
        type,
        result: variant % 2 === 0 ? 'approved' : 'denied',
        resultDocuments: bad ? [] : [{ name: 'Kết quả', number: '1' }],
      };
    case 'submit_result':
      return {
        type,
        result: variant % 2 === 0 ? 'approved' : 'denied',
        resultDocuments: bad ? [] : [{ name: 'Kết quả', number: String(variant) }],
      };
    case 'approve_result':
      return { type };
    case 'send_back_result':
      return { type, reason: bad ? '' : 'Lý do' };
    case 'add_note':
      return {
        type,
        text: bad ? '' : 'Ghi chú',
        visibility: variant % 2 === 0 ? 'internal' : 'citizen',
      };
    case 'record_print':
      return {
        type,
        form: DOSSIER_FORMS[variant % DOSSIER_FORMS.length] ?? 'control',
        ...(bad ? { formSet: 'Not A Set!' } : {}),
      };
  }
}

describe('dossier machine properties (fast-check, seed 42)', () => {
  const step = fc.record({
    officer: fc.integer({ min: 0, max: OFFICERS.length - 1 }),
    type: fc.constantFrom(...DOSSIER_ACTIONS),
    variant: fc.integer({ min: 0, max: 100 }),
    // From a minute to four working days later, across nights, weekends and holidays.
    advance: fc.integer({ min: 60_000, max: 6 * 86_400_000 }),
  });
  const scenario = fc.record({
    workingDays: fc.integer({ min: 0, max: 30 }),
    filedAt: fc.integer({ min: vn('2024-01-01T00:00'), max: vn('2029-12-31T00:00') }),
    steps: fc.array(step, { minLength: 1, maxLength: 40 }),
    // Half the runs in a unit whose leaders sign results off.
    signOff: fc.boolean(),
  });

  it('every step is applied or refused with a known code; applied steps keep the dossier valid and the rules', () => {
    fc.assert(
      fc.property(scenario, ({ workingDays, filedAt, steps, signOff }) => {
        let d = newDossier({ workingDays, filedAt, updatedAt: filedAt });
        let now = filedAt;
        const settings = signOff ? SIGN_OFF_ON : {};
        for (const s of steps) {
          now += s.advance;
          const officer = OFFICERS[s.officer] ?? desk;
          const allowed = allowedDossierActions(d, officer, now, calendar, settings);
          const precheck = checkDossierAction(d, s.type, officer, now, calendar, settings);
          const result = applyDossierAction(d, payloadFor(s.type, d, s.variant, now), {
            officer,
            now,
            calendar,
            ...settings,
          });
          expect(allowed.includes(s.type)).toBe(precheck === null);
          if (!result.ok) {
            expect(isRuleCode(result.code)).toBe(true);
            // What the UI does not offer is refused with the reason the UI shows.
            if (precheck) expect(result.code).toBe(precheck.code);
            continue;
          }
          expect(precheck).toBeNull();
          const before = d;
          d = DossierSchema.parse(result.record);
          if (FINAL.includes(before.status)) {
            expect(['add_note', 'record_print']).toContain(s.type);
          }
          if (s.type === 'add_note' || s.type === 'record_print') expect(d).toEqual(before);
          else expect(DOSSIER_ACTION_TARGETS[s.type]).toContain(d.status);
          // Clock invariants.
          if (d.status === 5 || d.status === 6) expect(d.clockPausedAt).not.toBeNull();
          if (d.status === 2 || d.status === 4 || d.status === 7)
            expect(d.clockPausedAt).toBeNull();
          if (d.status === 2 || d.status === 4) {
            expect(d.dueAt).not.toBeNull();
            expect(d.dueSoonAt ?? Infinity).toBeLessThanOrEqual(d.dueAt ?? 0);
          }
          // One-stop rules.
          expect(d.apologyCount).toBeLessThanOrEqual(1);
          expect(d.supplementRounds.filter(isIntakeRound).length).toBeLessThanOrEqual(1);
          expect(d.supplementRounds.filter((r) => !isIntakeRound(r)).length).toBeLessThanOrEqual(1);
          expect(d.supplementCount).toBe(d.supplementRounds.length);
          expect(d.late).toBe(d.apologyCount > 0 || d.supplementCount > 1);
          // Sign-off: a result the unit signs off is finished only as a leader approved it.
          if (signOff && d.status === 9 && before.status === 4) {
            expect(before.signOff?.state).toBe('approved');
            expect(d.resultDocuments).toEqual(before.signOff?.resultDocuments);
          }
          if (!signOff) expect(d.signOff ?? null).toBeNull();
        }
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it('from every reachable state a leader can still close the dossier (no dead ends)', () => {
    fc.assert(
      fc.property(scenario, ({ workingDays, filedAt, steps, signOff }) => {
        let d = newDossier({ workingDays, filedAt, updatedAt: filedAt });
        let now = filedAt;
        const settings = signOff ? SIGN_OFF_ON : {};
        for (const s of steps) {
          now += s.advance;
          const result = applyDossierAction(d, payloadFor(s.type, d, s.variant, now), {
            officer: OFFICERS[s.officer] ?? desk,
            now,
            calendar,
            ...settings,
          });
          if (result.ok) d = result.record;
          if (FINAL.includes(d.status)) return;
          const closers = allowedDossierActions(d, leader, now, calendar, settings).filter((t) =>
            ['refuse', 'request_withdrawal', 'stop', 'return_result'].includes(t),
          );
          expect(closers.length).toBeGreaterThan(0);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('exports a code for every refusal it can make', () => {
    expect(RULE_CODES).toContain('SUPPLEMENT_TOO_LATE');
    expect(new Set(RULE_CODES).size).toBe(RULE_CODES.length);
  });
});
