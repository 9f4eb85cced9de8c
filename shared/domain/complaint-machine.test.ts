import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ComplaintSchema, type Complaint } from '../model';
import { formatInstant } from './calendar/time';
import { WorkingCalendar } from './calendar/working-calendar';
import {
  COMPLAINT_ACTIONS,
  FINAL_COMPLAINT_STATUSES,
  allowedComplaintActions,
  applyComplaintAction,
  checkComplaintAction,
  complaintDeadline,
  complaintDeadlines,
  type ComplaintActionInput,
  type ComplaintActionType,
} from './complaint-machine';
import { complaintDeadlineState } from './deadline';
import { isRuleCode, type ActingOfficer } from './rules';
import { newComplaint, officers, vn } from './test-fixtures';

const calendar = new WorkingCalendar();
const { desk, processing, otherProcessing, leader, trainer, outsider } = officers;
const iso = (t: number | null): string | null => (t === null ? null : formatInstant(t));

function act(c: Complaint, action: ComplaintActionInput, officer: ActingOfficer, now: number) {
  return applyComplaintAction(c, action, { officer, now, calendar });
}
function must(
  c: Complaint,
  action: ComplaintActionInput,
  officer: ActingOfficer,
  now: number,
): Complaint {
  const result = act(c, action, officer, now);
  if (!result.ok) throw new Error(`${action.type} refused: ${result.message}`);
  return ComplaintSchema.parse(result.record);
}
function codeOf(
  c: Complaint,
  action: ComplaintActionInput,
  officer: ActingOfficer,
  now: number,
): string {
  const result = act(c, action, officer, now);
  return result.ok ? 'OK' : result.code;
}

/** Received Monday 2 March 2026 09:00 (no holiday for three weeks). */
const received = (): Complaint =>
  must(newComplaint(), { type: 'receive' }, desk, vn('2026-03-02T09:30'));
const inProcessing = (): Complaint => {
  const c = must(
    received(),
    { type: 'classify', classification: 'within_authority' },
    desk,
    vn('2026-03-02T10:00'),
  );
  return must(c, { type: 'start_processing' }, processing, vn('2026-03-02T11:00'));
};
const drafted = (): Complaint =>
  must(
    inProcessing(),
    { type: 'draft_answer', answer: 'Kính gửi bà Bích, …' },
    processing,
    vn('2026-03-10T09:00'),
  );

describe('the portal scorecard’s clock (DOMAIN.md §5)', () => {
  it('counts every limit in working days from receipt: refuse 2, ask 5, transfer 5, answer 15', () => {
    const d = complaintDeadlines(newComplaint(), calendar);
    expect(iso(d.refuseBy)).toBe('2026-03-04T09:00:00+07:00');
    expect(iso(d.requestInfoBy)).toBe('2026-03-09T09:00:00+07:00');
    expect(iso(d.transferBy)).toBe('2026-03-09T09:00:00+07:00');
    expect(iso(d.answerBy)).toBe('2026-03-23T09:00:00+07:00');
    expect(d.publishBy).toBeNull();
  });

  it('an open complaint races the 15-day answer; an approved one the 2-day publication', () => {
    expect(complaintDeadline(received(), calendar).kind).toBe('answer');
    expect(iso(received().dueAt)).toBe('2026-03-23T09:00:00+07:00');
    const approved = must(drafted(), { type: 'approve_answer' }, leader, vn('2026-03-11T15:00'));
    expect(complaintDeadline(approved, calendar)).toEqual({
      kind: 'publish',
      dueAt: vn('2026-03-13T15:00'),
    });
    expect(approved.dueAt).toBe(vn('2026-03-13T15:00'));
  });
});

describe('classification (Decree 20/2008/NĐ-CP, art. 9–10)', () => {
  it('not admissible: refused with a reason, on time within 2 working days', () => {
    expect(
      codeOf(
        received(),
        { type: 'classify', classification: 'not_admissible' },
        desk,
        vn('2026-03-03T09:00'),
      ),
    ).toBe('REASON_REQUIRED');
    const refused = must(
      received(),
      {
        type: 'classify',
        classification: 'not_admissible',
        reason: 'Nội dung không rõ ràng, không có địa chỉ',
      },
      desk,
      vn('2026-03-04T09:00'),
    );
    expect(refused.status).toBe('refused');
    expect(complaintDeadlineState(refused, vn('2026-04-01T00:00'), calendar)).toBe(
      'finished_on_time',
    );
    const late = must(
      received(),
      { type: 'classify', classification: 'not_admissible', reason: 'x' },
      desk,
      vn('2026-03-04T09:01'),
    );
    expect(complaintDeadlineState(late, vn('2026-04-01T00:00'), calendar)).toBe('finished_late');
  });

  it('outside this agency’s authority: forwarded to the competent body within 5 working days', () => {
    expect(
      codeOf(
        received(),
        { type: 'classify', classification: 'outside_authority' },
        desk,
        vn('2026-03-03T09:00'),
      ),
    ).toBe('RECIPIENT_REQUIRED');
    const out = must(
      received(),
      {
        type: 'classify',
        classification: 'outside_authority',
        recipient: 'Sở Tài nguyên và Môi trường',
      },
      desk,
      vn('2026-03-10T09:00'),
    );
    expect(out.status).toBe('transferred');
    expect(complaintDeadlineState(out, vn('2026-04-01T00:00'), calendar)).toBe('finished_late');
    expect(codeOf(out, { type: 'receive' }, desk, vn('2026-03-10T10:00'))).toBe('COMPLAINT_FINAL');
  });

  it('about staff conduct, to a unit of this system: it continues there with a fresh 15-day clock', () => {
    const result = act(
      received(),
      { type: 'classify', classification: 'staff_conduct', recipient: 'Thanh tra', unitId: 'u2' },
      desk,
      vn('2026-03-03T14:00'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record).toMatchObject({
      status: 'received',
      unitId: 'u2',
      classification: null,
    });
    expect(iso(result.record.clockStartedAt)).toBe('2026-03-03T14:00:00+07:00');
    expect(iso(result.record.dueAt)).toBe('2026-03-24T14:00:00+07:00');
    expect(result.history.data).toMatchObject({
      fromUnitId: 'u1',
      toUnitId: 'u2',
      recipient: 'Thanh tra',
    });
  });

  it('a classification is required', () => {
    expect(
      codeOf(
        received(),
        { type: 'classify' } as unknown as ComplaintActionInput,
        desk,
        vn('2026-03-03T09:00'),
      ),
    ).toBe('CLASSIFICATION_REQUIRED');
  });
});

describe('processing, answer, approval, publication', () => {
  it('more information: asked with what is needed, supplied, then processing resumes', () => {
    const c = inProcessing();
    expect(
      codeOf(c, { type: 'request_info', reason: '' }, processing, vn('2026-03-03T09:00')),
    ).toBe('REASON_REQUIRED');
    const asked = must(
      c,
      { type: 'request_info', reason: 'Xin cung cấp số hồ sơ' },
      processing,
      vn('2026-03-03T09:00'),
    );
    expect(asked.status).toBe('info_requested');
    const supplied = must(asked, { type: 'supply_info' }, desk, vn('2026-03-05T09:00'));
    expect(supplied.status).toBe('info_supplied');
    expect(
      must(supplied, { type: 'start_processing' }, processing, vn('2026-03-05T10:00')).status,
    ).toBe('processing');
  });

  it('the holder drafts the answer; a leader approves it or sends it back; it is then published', () => {
    const c = inProcessing();
    expect(
      codeOf(c, { type: 'draft_answer', answer: ' ' }, processing, vn('2026-03-10T09:00')),
    ).toBe('ANSWER_REQUIRED');
    expect(codeOf(c, { type: 'draft_answer', answer: 'x' }, leader, vn('2026-03-10T09:00'))).toBe(
      'ROLE_NOT_ALLOWED',
    );
    expect(
      codeOf(c, { type: 'draft_answer', answer: 'x' }, otherProcessing, vn('2026-03-10T09:00')),
    ).toBe('NOT_ASSIGNEE');
    const d = drafted();
    expect(codeOf(d, { type: 'approve_answer' }, processing, vn('2026-03-10T10:00'))).toBe(
      'ROLE_NOT_ALLOWED',
    );
    const back = must(
      d,
      { type: 'return_answer', reason: 'Chưa trả lời đủ ý' },
      leader,
      vn('2026-03-10T10:00'),
    );
    expect(back.status).toBe('returned');
    const redrafted = must(
      back,
      { type: 'draft_answer', answer: 'Bản sửa' },
      processing,
      vn('2026-03-11T10:00'),
    );
    const approved = must(redrafted, { type: 'approve_answer' }, leader, vn('2026-03-11T15:00'));
    expect(approved).toMatchObject({
      status: 'waiting_to_publish',
      approvedAt: vn('2026-03-11T15:00'),
    });
    const published = must(
      approved,
      { type: 'publish', channels: ['portal', 'letter'] },
      desk,
      vn('2026-03-12T09:00'),
    );
    expect(published.status).toBe('published');
    expect(complaintDeadlineState(published, vn('2026-05-01T00:00'), calendar)).toBe(
      'finished_on_time',
    );
    expect(allowedComplaintActions(published, leader, vn('2026-03-12T10:00'), calendar)).toEqual([
      'add_note',
    ]);
  });

  it.each([
    ['approval after the 15 working days', '2026-03-23T09:01', '2026-03-23T10:00', 'finished_late'],
    [
      'publication more than 2 working days after approval',
      '2026-03-11T15:00',
      '2026-03-13T15:01',
      'finished_late',
    ],
    [
      'approval and publication in time',
      '2026-03-23T09:00',
      '2026-03-25T09:00',
      'finished_on_time',
    ],
  ])('scorecard: %s', (_name, approveAt, publishAt, state) => {
    const approved = must(drafted(), { type: 'approve_answer' }, leader, vn(approveAt));
    const published = must(approved, { type: 'publish' }, desk, vn(publishAt));
    expect(complaintDeadlineState(published, vn('2026-06-01T00:00'), calendar)).toBe(state);
  });

  it('found outside authority later: the holder transfers it out', () => {
    const out = must(
      inProcessing(),
      { type: 'transfer', classification: 'outside_authority', recipient: 'UBND tỉnh' },
      processing,
      vn('2026-03-04T09:00'),
    );
    expect(out).toMatchObject({ status: 'transferred', classification: 'outside_authority' });
  });

  it('trainers and officers of other units get nothing', () => {
    expect(allowedComplaintActions(received(), trainer, vn('2026-03-03T09:00'), calendar)).toEqual(
      [],
    );
    expect(
      checkComplaintAction(received(), 'classify', outsider, vn('2026-03-03T09:00'), calendar)
        ?.code,
    ).toBe('OUT_OF_SCOPE');
  });
});

const OFFICERS: ActingOfficer[] = Object.values(officers);

function payloadFor(type: ComplaintActionType, variant: number): ComplaintActionInput {
  const bad = variant % 6 === 0;
  switch (type) {
    case 'receive':
    case 'supply_info':
    case 'start_processing':
    case 'approve_answer':
      return { type };
    case 'classify': {
      const classification = (
        ['not_admissible', 'staff_conduct', 'within_authority', 'outside_authority'] as const
      )[variant % 4];
      return bad
        ? { type, classification: classification ?? 'within_authority' }
        : {
            type,
            classification: classification ?? 'within_authority',
            reason: 'Lý do',
            recipient: 'Cơ quan có thẩm quyền',
            ...(variant % 3 === 0 ? { unitId: 'u2' } : {}),
          };
    }
    case 'request_info':
    case 'return_answer':
      return { type, reason: bad ? '' : 'Lý do' };
    case 'assign':
      return { type, assigneeId: variant % 2 === 0 ? 'proc-1' : 'proc-2' };
    case 'transfer':
      return {
        type,
        classification: variant % 2 === 0 ? 'staff_conduct' : 'outside_authority',
        recipient: bad ? '' : 'Thanh tra tỉnh',
        ...(variant % 3 === 0 ? { unitId: 'u2' } : {}),
      };
    case 'draft_answer':
      return { type, answer: bad ? '' : 'Trả lời' };
    case 'publish':
      return { type };
    case 'add_note':
      return { type, text: bad ? '' : 'Ghi chú', visibility: 'internal' };
  }
}

describe('complaint machine properties (fast-check, seed 42)', () => {
  it('every step is applied or refused with a code; closed complaints never change; dueAt follows the status', () => {
    const step = fc.record({
      officer: fc.integer({ min: 0, max: OFFICERS.length - 1 }),
      type: fc.constantFrom(...COMPLAINT_ACTIONS),
      variant: fc.integer({ min: 0, max: 100 }),
      advance: fc.integer({ min: 60_000, max: 4 * 86_400_000 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: vn('2024-01-01T00:00'), max: vn('2029-12-31T00:00') }),
        fc.array(step, { minLength: 1, maxLength: 40 }),
        (receivedAt, steps) => {
          let c = newComplaint({ receivedAt, clockStartedAt: receivedAt, updatedAt: receivedAt });
          let now = receivedAt;
          for (const s of steps) {
            now += s.advance;
            const officer = OFFICERS[s.officer] ?? desk;
            const precheck = checkComplaintAction(c, s.type, officer, now, calendar);
            const result = act(c, payloadFor(s.type, s.variant), officer, now);
            if (!result.ok) {
              expect(isRuleCode(result.code)).toBe(true);
              if (precheck) expect(result.code).toBe(precheck.code);
              continue;
            }
            expect(precheck).toBeNull();
            const before = c;
            c = ComplaintSchema.parse(result.record);
            if (FINAL_COMPLAINT_STATUSES.includes(before.status)) expect(c).toEqual(before);
            if (s.type !== 'add_note') expect(c.dueAt).toBe(complaintDeadline(c, calendar).dueAt);
            if (c.status === 'waiting_to_publish') expect(c.approvedAt).not.toBeNull();
            if (c.status === 'published') expect(c.publishedAt).not.toBeNull();
          }
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
