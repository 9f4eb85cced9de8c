import { z } from 'zod';
import {
  DossierStatus,
  FINAL_DOSSIER_STATUSES,
  type Dossier,
  type Role,
  type SignOff,
  type SupplementRound,
} from '../model';
import { Id, LongText, Millis, ShortText } from '../model/schemas';
import { formatInstant } from './calendar/time';
import type { WorkingCalendar } from './calendar/working-calendar';
import { lifecycle, type ActionResult, type ActionSpec, type MachineDefinition } from './machine';
import {
  COMMON_FIELD_CODES,
  refuse,
  type ActionContext,
  type Refusal,
  type RuleCode,
} from './rules';

/**
 * The dossier lifecycle over the national portal's status codes (TrangThaiHoSo 1–10), as one
 * pure function. The desktop client runs it to offer actions and apply them offline; the central
 * API runs it again as the authority. Every action is a row of ACTIONS below: where it may start,
 * who may take it, what it needs, and what it does to the record and its clock.
 *
 * Roles: the desk officer (intake and return), the processing officer (processing, on dossiers
 * assigned to them), the leader (everything a processing officer may do on any dossier of their
 * units, plus assignment and stopping), the administrator (routing only: assign, transfer, notes).
 * The trainer role grants nothing: trainers demo with synthetic accounts that hold real roles in
 * the sandbox, so that a trainer's account can never change a citizen's dossier.
 */

const S = DossierStatus;

export const DOSSIER_ACTIONS = [
  'accept',
  'refuse',
  'request_supplement',
  'receive_supplement',
  'transfer',
  'assign',
  'start_processing',
  'request_fees',
  'receive_fees',
  'apologize',
  'submit_result',
  'approve_result',
  'send_back_result',
  'finish',
  'return_result',
  'request_withdrawal',
  'stop',
  'add_note',
  'record_print',
] as const;
export type DossierActionType = (typeof DOSSIER_ACTIONS)[number];

/**
 * The legal forms printed for one dossier (shared/forms draws them): receipt Mẫu 01, supplement
 * request, refusal, apology, stop notice, control sheet. `record_print` names the one printed.
 */
export const DOSSIER_FORMS = [
  'receipt',
  'supplement',
  'refusal',
  'apology',
  'stop',
  'control',
] as const;
export type DossierForm = (typeof DOSSIER_FORMS)[number];

const Reason = LongText.trim().min(1, { error: 'a reason is required' });
const OptionalNote = LongText.trim().optional();
const ResultDocuments = z
  .array(z.strictObject({ name: ShortText.trim().min(1), number: z.string().max(60) }))
  .min(1, { error: 'the result documents are required' })
  .max(50);

export const DossierActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('accept'), note: OptionalNote }),
  z.strictObject({ type: z.literal('refuse'), reason: Reason }),
  z.strictObject({
    type: z.literal('request_supplement'),
    /** The complete list, once (form Mẫu 02): nothing may be added later. */
    missingDocuments: z
      .array(ShortText.trim().min(1, { error: 'a document name is required' }))
      .min(1, { error: 'list every missing document' })
      .max(100)
      .refine((list) => new Set(list).size === list.length, {
        error: 'a document is listed twice',
      }),
    reason: LongText.trim().optional(),
  }),
  z.strictObject({ type: z.literal('receive_supplement'), note: OptionalNote }),
  z.strictObject({
    type: z.literal('transfer'),
    unitId: Id,
    assigneeId: Id.nullable().optional(),
    reason: LongText.trim().optional(),
  }),
  z.strictObject({ type: z.literal('assign'), assigneeId: Id, note: OptionalNote }),
  z.strictObject({ type: z.literal('start_processing'), note: OptionalNote }),
  z.strictObject({
    type: z.literal('request_fees'),
    fees: z
      .array(
        z.strictObject({
          name: ShortText.trim().min(1),
          amount: z.number().int().min(1).max(100_000_000_000),
        }),
      )
      .min(1, { error: 'list the fees owed' })
      .max(50),
    note: OptionalNote,
  }),
  z.strictObject({ type: z.literal('receive_fees'), note: OptionalNote }),
  z.strictObject({
    type: z.literal('apologize'),
    /** The new appointment (Mẫu 04). */
    newDueAt: Millis,
    reason: Reason,
  }),
  z.strictObject({
    type: z.literal('submit_result'),
    /** The drafted result a leader is asked to sign off ("trình ký"). */
    result: z.enum(['approved', 'denied']),
    resultDocuments: ResultDocuments,
    note: OptionalNote,
  }),
  z.strictObject({ type: z.literal('approve_result'), note: OptionalNote }),
  z.strictObject({ type: z.literal('send_back_result'), reason: Reason }),
  z.strictObject({
    type: z.literal('finish'),
    result: z.enum(['approved', 'denied']),
    resultDocuments: ResultDocuments,
    note: OptionalNote,
  }),
  z.strictObject({ type: z.literal('return_result'), note: OptionalNote }),
  z.strictObject({ type: z.literal('request_withdrawal'), reason: Reason }),
  z.strictObject({ type: z.literal('stop'), reason: Reason }),
  z.strictObject({
    type: z.literal('add_note'),
    text: LongText.trim().min(1, { error: 'the note is empty' }),
    visibility: z.enum(['internal', 'citizen']),
  }),
  z.strictObject({
    type: z.literal('record_print'),
    form: z.enum(DOSSIER_FORMS),
    /** The form set printed from (shared/forms), e.g. "tt01-2018". */
    formSet: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/)
      .optional(),
  }),
]);
export type DossierAction = z.output<typeof DossierActionSchema>;
export type DossierActionInput = z.input<typeof DossierActionSchema>;
type ActionOf<T extends DossierActionType> = Extract<DossierAction, { type: T }>;

const FIELD_CODES: Readonly<Record<string, RuleCode>> = {
  ...COMMON_FIELD_CODES,
  missingDocuments: 'MISSING_DOCUMENTS_REQUIRED',
  newDueAt: 'APPOINTMENT_REQUIRED',
  result: 'RESULT_REQUIRED',
  resultDocuments: 'RESULT_DOCUMENTS_REQUIRED',
  fees: 'FEES_REQUIRED',
};

/** Working days after receipt within which a processing unit may ask for missing documents. */
export const SUPPLEMENT_WINDOW_WORKING_DAYS = 3;

/**
 * A supplement round asked for at intake, before acceptance: it has no appointment to replace.
 * Rounds asked for by a processing unit record the appointment they suspended.
 */
export function isIntakeRound(round: SupplementRound): boolean {
  return round.previousDueAt === null;
}

function pendingRound(d: Dossier): SupplementRound | undefined {
  const last = d.supplementRounds[d.supplementRounds.length - 1];
  return last !== undefined && last.receivedAt === null ? last : undefined;
}

export type DossierActionResult = ActionResult<Dossier>;

const DESK: readonly Role[] = ['desk_officer', 'leader'];
const PROCESSING: readonly Role[] = ['processing_officer', 'leader'];
const ANY_STAFF: readonly Role[] = ['desk_officer', 'processing_officer', 'leader'];
const ROUTING: readonly Role[] = ['leader', 'administrator'];

function dueSoonOf(dueAt: number, ctx: ActionContext): number {
  return ctx.calendar.subtractWorkingTime(dueAt, ctx.dueSoonMs ?? ctx.calendar.officeMsPerDay);
}

/** A new appointment and its due-soon moment. */
function appointment(dueAt: number, ctx: ActionContext): Pick<Dossier, 'dueAt' | 'dueSoonAt'> {
  return { dueAt, dueSoonAt: dueSoonOf(dueAt, ctx) };
}

/**
 * Starts a paused clock again at `now` with the working time it had left when it paused, so that
 * the citizen's waiting time never counts: after fees are paid, and when a dossier leaves a wait
 * by withdrawal or stop. A clock already past its appointment when it paused keeps that
 * appointment (the dossier was late before the citizen was asked for anything).
 */
function resumeClock(d: Dossier, now: number, ctx: ActionContext): Partial<Dossier> {
  if (d.clockPausedAt === null) return {};
  const resumed = { clockPausedAt: null, clockRemainingMs: null };
  if (d.dueAt === null) return resumed;
  const remaining =
    d.clockRemainingMs ?? Math.max(0, ctx.calendar.workingTimeBetween(d.clockPausedAt, d.dueAt));
  if (remaining === 0) return resumed;
  return { ...resumed, ...appointment(ctx.calendar.addWorkingTime(now, remaining), ctx) };
}

/** Whether the dossier's unit has its leaders sign off results of this procedure. */
function signOffRequired(d: Dossier, ctx: ActionContext): boolean {
  return ctx.signOff?.required(d.unitId, d.procedureCode) ?? false;
}

function pendingSignOff(d: Dossier): SignOff | null {
  return d.signOff?.state === 'submitted' ? d.signOff : null;
}

/** The same result: decision and documents (names and numbers), in order. */
function sameResult(
  a: Pick<SignOff, 'result' | 'resultDocuments'>,
  b: Pick<SignOff, 'result' | 'resultDocuments'>,
): boolean {
  return (
    a.result === b.result &&
    a.resultDocuments.length === b.resultDocuments.length &&
    a.resultDocuments.every(
      (doc, i) =>
        doc.name === b.resultDocuments[i]?.name && doc.number === b.resultDocuments[i]?.number,
    )
  );
}

/** The share of the statutory duration an apology may add when the caller sets none. */
export const DEFAULT_APOLOGY_EXTENSION_SHARE = 1;

/**
 * The latest new appointment an apology may set: the current appointment plus the procedure's
 * statutory duration (times `share`) in working time. A procedure done "within the day" counts
 * as one working day, as the catalogue counts it. Null without a current appointment.
 */
export function latestNewAppointment(
  d: Pick<Dossier, 'dueAt' | 'workingDays'>,
  calendar: WorkingCalendar,
  share: number = DEFAULT_APOLOGY_EXTENSION_SHARE,
): number | null {
  if (d.dueAt === null) return null;
  const days = Math.max(1, d.workingDays) * Math.max(0, share);
  return calendar.addWorkingTime(d.dueAt, calendar.workingDaysToMs(days));
}

/**
 * Whether `newDueAt` may replace the dossier's appointment (Mẫu 04): later than the current one,
 * a moment the office is open (the citizen comes to collect the result then), and no further than
 * latestNewAppointment. Shared by the machine and the apology form, so both say the same.
 */
export function checkNewAppointment(
  d: Pick<Dossier, 'dueAt' | 'workingDays'>,
  newDueAt: number,
  calendar: WorkingCalendar,
  share?: number,
): Refusal | null {
  if (d.dueAt !== null && newDueAt <= d.dueAt) {
    return refuse(
      'APPOINTMENT_NOT_LATER',
      'newDueAt: the new appointment must be later than the current one',
    );
  }
  if (!calendar.isOfficeMoment(newDueAt)) {
    return refuse(
      'APPOINTMENT_NOT_WORKING_TIME',
      'newDueAt: the new appointment must fall on a working day within office hours',
    );
  }
  const latest = latestNewAppointment(d, calendar, share);
  if (latest !== null && newDueAt > latest) {
    return refuse(
      'APPOINTMENT_TOO_FAR',
      `newDueAt: the new appointment may be at most the procedure's duration after the current one (${formatInstant(latest)})`,
    );
  }
  return null;
}

function noteOf(text: string | undefined): string | null {
  return text === undefined || text === '' ? null : text;
}

type Spec<T extends DossierActionType> = ActionSpec<Dossier, DossierStatus, ActionOf<T>>;

const ACTIONS: { readonly [T in DossierActionType]: Spec<T> } = {
  accept: {
    from: [S.New],
    roles: DESK,
    noteVisibleTo: 'citizen',
    // The receipt (Mẫu 01) starts the clock: the appointment is the statutory time from now.
    run: ({ record: d, now, ctx }, a) => ({
      patch: {
        receivedAt: now,
        clockStartedAt: now,
        clockPausedAt: null,
        clockRemainingMs: null,
        ...appointment(ctx.calendar.addWorkingDays(now, d.workingDays), ctx),
      },
      toStatus: S.Accepted,
      note: noteOf(a.note),
      data: { form: 'Mau01' },
    }),
  },

  refuse: {
    // At intake, or while an intake request for documents is still unanswered.
    from: [S.New, S.SupplementRequested],
    roles: DESK,
    noteVisibleTo: 'citizen',
    guard: ({ record: d }) => {
      const round = pendingRound(d);
      if (d.status === S.SupplementRequested && (round === undefined || !isIntakeRound(round))) {
        return refuse('ILLEGAL_TRANSITION', 'only a dossier not yet accepted can be refused');
      }
      return null;
    },
    run: ({ now }, a) => ({
      patch: { finishedAt: now, clockPausedAt: null },
      toStatus: S.Refused,
      note: a.reason,
      data: { form: 'Mau03' },
    }),
  },

  request_supplement: {
    from: [S.New, S.Processing],
    roles: (d) => (d.status === S.New ? DESK : PROCESSING),
    noteVisibleTo: 'citizen',
    byAssignee: (d) => d.status !== S.New,
    guard: ({ record: d, now, ctx }) => {
      const intake = d.status === S.New;
      // Each side lists what is missing once, completely.
      if (d.supplementRounds.some((r) => isIntakeRound(r) === intake)) {
        return refuse('SUPPLEMENT_ALREADY_REQUESTED', 'missing documents may be requested once');
      }
      if (!intake) {
        if (d.receivedAt === null)
          return refuse('ILLEGAL_TRANSITION', 'dossier was never received');
        const window = ctx.calendar.workingDaysToMs(SUPPLEMENT_WINDOW_WORKING_DAYS);
        if (ctx.calendar.workingTimeBetween(d.receivedAt, now) > window) {
          return refuse(
            'SUPPLEMENT_TOO_LATE',
            `a processing unit must ask within ${SUPPLEMENT_WINDOW_WORKING_DAYS} working days of receipt`,
          );
        }
      }
      return null;
    },
    run: ({ record: d, now }, a) => {
      const intake = d.status === S.New;
      const round: SupplementRound = {
        requestedAt: now,
        missingDocuments: a.missingDocuments,
        reason: a.reason ?? '',
        receivedAt: null,
        // The appointment the request suspends; null marks an intake round.
        previousDueAt: intake ? null : (d.dueAt ?? d.receivedAt ?? now),
        newDueAt: null,
      };
      const supplementCount = d.supplementCount + 1;
      return {
        patch: {
          clockPausedAt: now,
          supplementCount,
          supplementRounds: [...d.supplementRounds, round],
          // More than one request counts the dossier as late in the national scorecard.
          late: d.late || supplementCount > 1,
        },
        toStatus: S.SupplementRequested,
        note: noteOf(a.reason),
        data: {
          form: 'Mau02',
          stage: intake ? 'intake' : 'processing',
          missingDocuments: a.missingDocuments,
        },
      };
    },
  },

  receive_supplement: {
    from: [S.SupplementRequested],
    roles: ANY_STAFF,
    noteVisibleTo: 'citizen',
    guard: ({ record: d }) =>
      pendingRound(d) === undefined ? refuse('ILLEGAL_TRANSITION', 'no request is pending') : null,
    run: ({ record: d, now, ctx }, a) => {
      const round = pendingRound(d);
      if (round === undefined) return refuse('ILLEGAL_TRANSITION', 'no request is pending');
      const rounds = d.supplementRounds.slice(0, -1);
      if (isIntakeRound(round)) {
        // Back to the desk, which accepts (and starts the clock) or refuses.
        return {
          patch: {
            clockPausedAt: null,
            supplementRounds: [...rounds, { ...round, receivedAt: now }],
          },
          toStatus: S.New,
          note: noteOf(a.note),
          data: { stage: 'intake' },
        };
      }
      // The complete dossier restarts the processing time from zero.
      const dueAt = ctx.calendar.addWorkingDays(now, d.workingDays);
      return {
        patch: {
          clockStartedAt: now,
          clockPausedAt: null,
          clockRemainingMs: null,
          ...appointment(dueAt, ctx),
          supplementRounds: [...rounds, { ...round, receivedAt: now, newDueAt: dueAt }],
        },
        toStatus: S.Processing,
        note: noteOf(a.note),
        data: { stage: 'processing', previousDueAt: round.previousDueAt, newDueAt: dueAt },
      };
    },
  },

  transfer: {
    from: [S.Accepted, S.Processing, S.SupplementRequested, S.FeesRequested],
    // The desk hands an accepted dossier to the processing unit; later moves are a leader's call.
    roles: (d) => (d.status === S.Accepted ? ['desk_officer', ...ROUTING] : ROUTING),
    noteVisibleTo: 'internal',
    run: ({ record: d, ctx }, a) => {
      const assigneeId = a.assigneeId ?? null;
      if (a.unitId === d.unitId && assigneeId === d.assigneeId) {
        return refuse('SAME_ASSIGNMENT', 'the dossier is already there');
      }
      // Only to a unit the catalogue says handles the procedure (its own unit always does).
      if (a.unitId !== d.unitId && ctx.handling?.handles(d.procedureCode, a.unitId) === false) {
        return refuse(
          'UNIT_NOT_HANDLING',
          `unitId: ${a.unitId} does not handle procedure ${d.procedureCode}`,
        );
      }
      return {
        patch: { unitId: a.unitId, assigneeId },
        toStatus: d.status === S.Accepted ? S.Processing : d.status,
        note: noteOf(a.reason),
        data: {
          fromUnitId: d.unitId,
          toUnitId: a.unitId,
          fromAssigneeId: d.assigneeId,
          toAssigneeId: assigneeId,
        },
      };
    },
  },

  assign: {
    from: [S.Accepted, S.Processing, S.SupplementRequested, S.FeesRequested],
    roles: ROUTING,
    noteVisibleTo: 'internal',
    run: ({ record: d }, a) => {
      if (a.assigneeId === d.assigneeId) {
        return refuse('SAME_ASSIGNMENT', 'the dossier is already assigned to this officer');
      }
      return {
        patch: { assigneeId: a.assigneeId },
        toStatus: d.status === S.Accepted ? S.Processing : d.status,
        note: noteOf(a.note),
        data: { fromAssigneeId: d.assigneeId, toAssigneeId: a.assigneeId },
      };
    },
  },

  start_processing: {
    // An officer takes an accepted or unassigned dossier of their unit.
    from: [S.Accepted, S.Processing],
    roles: PROCESSING,
    noteVisibleTo: 'internal',
    guard: ({ record: d, officer }) => {
      if (d.assigneeId === officer.id) {
        return refuse('SAME_ASSIGNMENT', 'the dossier is already assigned to this officer');
      }
      if (d.assigneeId !== null && d.status === S.Processing) {
        return refuse('ALREADY_ASSIGNED', 'another officer holds the dossier; a leader reassigns');
      }
      return null;
    },
    run: ({ record: d, officer }, a) => ({
      patch: { assigneeId: officer.id },
      toStatus: S.Processing,
      note: noteOf(a.note),
      data: { fromAssigneeId: d.assigneeId, toAssigneeId: officer.id },
    }),
  },

  request_fees: {
    from: [S.Processing],
    roles: PROCESSING,
    noteVisibleTo: 'citizen',
    byAssignee: true,
    // While fees are owed the clock is paused, keeping the working time that was left.
    run: ({ record: d, now, ctx }, a) => {
      const remaining = d.dueAt === null ? 0 : ctx.calendar.workingTimeBetween(now, d.dueAt);
      return {
        patch: {
          clockPausedAt: now,
          clockRemainingMs: Math.max(0, remaining),
          fees: [...d.fees, ...a.fees.map((f) => ({ ...f, paid: false }))],
        },
        toStatus: S.FeesRequested,
        note: noteOf(a.note),
        data: { fees: a.fees, remainingMs: remaining },
      };
    },
  },

  receive_fees: {
    from: [S.FeesRequested],
    roles: ANY_STAFF,
    noteVisibleTo: 'citizen',
    run: ({ record: d, now, ctx }, a) => {
      const patch = resumeClock(d, now, ctx);
      return {
        patch: { ...patch, fees: d.fees.map((f) => ({ ...f, paid: true })) },
        toStatus: S.Processing,
        note: noteOf(a.note),
        data: { previousDueAt: d.dueAt, newDueAt: patch.dueAt ?? d.dueAt },
      };
    },
  },

  apologize: {
    from: [S.Accepted, S.Processing],
    roles: PROCESSING,
    noteVisibleTo: 'citizen',
    byAssignee: true,
    guard: ({ record: d, now, ctx }) => {
      // The new date may be set only once.
      if (d.apologyCount > 0)
        return refuse('APOLOGY_ALREADY_GIVEN', 'the appointment was already moved once');
      if (d.dueAt === null) return refuse('ILLEGAL_TRANSITION', 'the dossier has no appointment');
      if (ctx.calendar.workingTimeBetween(now, d.dueAt) < ctx.calendar.officeMsPerDay) {
        return refuse(
          'APOLOGY_TOO_LATE',
          'the apology must reach the citizen at least one working day before the appointment',
        );
      }
      return null;
    },
    run: ({ record: d, ctx }, a) => {
      const refusal = checkNewAppointment(d, a.newDueAt, ctx.calendar, ctx.apologyExtensionShare);
      if (refusal) return refusal;
      return {
        patch: {
          ...appointment(a.newDueAt, ctx),
          apologyCount: d.apologyCount + 1,
          // An apology does not make the dossier on time: it still counts as late.
          late: true,
        },
        note: a.reason,
        data: { form: 'Mau04', previousDueAt: d.dueAt, newDueAt: a.newDueAt },
      };
    },
  },

  submit_result: {
    // Where the unit turned the step on, the drafted result goes to a leader before it goes out.
    from: [S.Processing],
    roles: PROCESSING,
    noteVisibleTo: 'internal',
    byAssignee: true,
    guard: ({ record: d, ctx }) => {
      if (!signOffRequired(d, ctx)) {
        return refuse(
          'SIGN_OFF_NOT_REQUIRED',
          'this unit finishes this procedure without sign-off',
        );
      }
      if (pendingSignOff(d)) {
        return refuse('SIGN_OFF_PENDING', 'a drafted result already waits for a leader');
      }
      return null;
    },
    run: ({ now, officer }, a) => ({
      patch: {
        signOff: {
          state: 'submitted',
          result: a.result,
          resultDocuments: a.resultDocuments,
          submittedAt: now,
          submittedBy: officer.id,
          decidedAt: null,
          decidedBy: null,
          reason: null,
        },
      },
      note: noteOf(a.note),
      data: { result: a.result, resultDocuments: a.resultDocuments },
    }),
  },

  approve_result: {
    from: [S.Processing],
    roles: ['leader'],
    noteVisibleTo: 'internal',
    guard: ({ record: d }) =>
      pendingSignOff(d) ? null : refuse('ILLEGAL_TRANSITION', 'no drafted result waits for you'),
    run: ({ record: d, now, officer }, a) => {
      const draft = pendingSignOff(d);
      if (!draft) return refuse('ILLEGAL_TRANSITION', 'no drafted result waits for you');
      return {
        patch: {
          signOff: { ...draft, state: 'approved', decidedAt: now, decidedBy: officer.id },
        },
        note: noteOf(a.note),
        data: { result: draft.result, resultDocuments: draft.resultDocuments },
      };
    },
  },

  send_back_result: {
    from: [S.Processing],
    roles: ['leader'],
    noteVisibleTo: 'internal',
    guard: ({ record: d }) =>
      pendingSignOff(d) ? null : refuse('ILLEGAL_TRANSITION', 'no drafted result waits for you'),
    run: ({ record: d, now, officer }, a) => {
      const draft = pendingSignOff(d);
      if (!draft) return refuse('ILLEGAL_TRANSITION', 'no drafted result waits for you');
      return {
        patch: {
          signOff: {
            ...draft,
            state: 'sent_back',
            decidedAt: now,
            decidedBy: officer.id,
            reason: a.reason,
          },
        },
        note: a.reason,
        data: null,
      };
    },
  },

  finish: {
    from: [S.Processing],
    roles: PROCESSING,
    noteVisibleTo: 'citizen',
    byAssignee: true,
    // A result the unit signs off goes out only once a leader approved that very draft.
    guard: ({ record: d, ctx }) => {
      if (!signOffRequired(d, ctx) || d.signOff?.state === 'approved') return null;
      return pendingSignOff(d)
        ? refuse('SIGN_OFF_PENDING', 'the drafted result still waits for a leader')
        : refuse('SIGN_OFF_REQUIRED', 'a leader signs the result off before it is finished');
    },
    run: ({ record: d, now, ctx }, a) => {
      const approved = d.signOff?.state === 'approved' ? d.signOff : null;
      if (signOffRequired(d, ctx) && approved && !sameResult(a, approved)) {
        return refuse('RESULT_NOT_SIGNED_OFF', 'the result differs from the one a leader approved');
      }
      return {
        patch: { finishedAt: now, resultDocuments: a.resultDocuments },
        toStatus: S.Finished,
        note: noteOf(a.note),
        data: { result: a.result, resultDocuments: a.resultDocuments },
      };
    },
  },

  return_result: {
    from: [S.Finished],
    roles: DESK,
    noteVisibleTo: 'citizen',
    run: ({ now }, a) => ({
      patch: { returnedAt: now },
      toStatus: S.Returned,
      note: noteOf(a.note),
      data: null,
    }),
  },

  request_withdrawal: {
    from: [S.New, S.Accepted, S.Processing, S.SupplementRequested, S.FeesRequested],
    roles: ANY_STAFF,
    noteVisibleTo: 'citizen',
    run: ({ record: d, now, ctx }, a) => ({
      patch: resumeClock(d, now, ctx),
      toStatus: S.WithdrawalRequested,
      note: a.reason,
      data: null,
    }),
  },

  stop: {
    // After a withdrawal request; for other reasons (e.g. documents never supplied) a leader's call.
    from: [S.Accepted, S.Processing, S.SupplementRequested, S.FeesRequested, S.WithdrawalRequested],
    roles: (d) => (d.status === S.WithdrawalRequested ? ANY_STAFF : ['leader']),
    noteVisibleTo: 'citizen',
    run: ({ record: d, now, ctx }, a) => ({
      patch: { ...resumeClock(d, now, ctx), finishedAt: now },
      toStatus: S.Stopped,
      note: a.reason,
      data: null,
    }),
  },

  add_note: {
    from: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    roles: [...ANY_STAFF, 'administrator'],
    noteVisibleTo: (a) => a.visibility,
    // A note is a history entry only: the dossier record does not change.
    run: (_s, a) => ({ patch: {}, note: a.text, data: null }),
  },

  record_print: {
    from: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    roles: ANY_STAFF,
    noteVisibleTo: 'internal',
    // The audit trail says who printed which paper and when; the dossier itself does not change.
    run: (_s, a) => ({
      patch: {},
      note: null,
      // `printed`, not `form`: a history step's `form` is the paper the step itself produced.
      data: { printed: a.form, ...(a.formSet === undefined ? {} : { formSet: a.formSet }) },
    }),
  },
};

const DOSSIER_MACHINE: MachineDefinition<Dossier, DossierStatus, DossierActionType, DossierAction> =
  {
    noun: 'dossier',
    actions: DOSSIER_ACTIONS,
    schema: DossierActionSchema,
    table: ACTIONS,
    finalStatuses: FINAL_DOSSIER_STATUSES,
    finalCode: 'DOSSIER_FINAL',
    onFinal: ['add_note', 'record_print'],
    fieldCodes: FIELD_CODES,
    explained: [
      'SUPPLEMENT_ALREADY_REQUESTED',
      'SUPPLEMENT_TOO_LATE',
      'APOLOGY_ALREADY_GIVEN',
      'APOLOGY_TOO_LATE',
      'SIGN_OFF_REQUIRED',
      'SIGN_OFF_PENDING',
      'ALREADY_ASSIGNED',
    ],
  };

/** Apply, check and allowed-actions of the dossier machine (shared/domain/machine.ts). */
export const DOSSIER_LIFECYCLE = lifecycle(DOSSIER_MACHINE);

/**
 * Applies one action to a dossier. Pure: returns the new dossier, the fields that changed and
 * the history step, or the rule that refuses the action. Never throws, whatever the input: the
 * payload is validated here, so the central API may pass what a client sent.
 */
export const applyDossierAction = DOSSIER_LIFECYCLE.apply;

/**
 * Whether `type` may be taken now, before its form is filled in: null if so, else the rule
 * that refuses it (to explain a disabled action).
 */
export const checkDossierAction = DOSSIER_LIFECYCLE.check;

/** The actions the officer may take on the dossier now, in DOSSIER_ACTIONS order. */
export const allowedDossierActions = DOSSIER_LIFECYCLE.allowed;

/** The actions a one-stop rule forbids now, with the rule (shown disabled, with the reason). */
export const forbiddenDossierActions = DOSSIER_LIFECYCLE.forbidden;

/** The statuses each action can lead to, for documentation and tests. */
export const DOSSIER_ACTION_TARGETS: Readonly<Record<DossierActionType, readonly DossierStatus[]>> =
  {
    accept: [S.Accepted],
    refuse: [S.Refused],
    request_supplement: [S.SupplementRequested],
    receive_supplement: [S.New, S.Processing],
    transfer: [S.Processing, S.SupplementRequested, S.FeesRequested],
    assign: [S.Processing, S.SupplementRequested, S.FeesRequested],
    start_processing: [S.Processing],
    request_fees: [S.FeesRequested],
    receive_fees: [S.Processing],
    apologize: [S.Accepted, S.Processing],
    submit_result: [S.Processing],
    approve_result: [S.Processing],
    send_back_result: [S.Processing],
    finish: [S.Finished],
    return_result: [S.Returned],
    request_withdrawal: [S.WithdrawalRequested],
    stop: [S.Stopped],
    add_note: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    record_print: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  };
