import { z } from 'zod';
import type { Complaint, ComplaintStatus, Role } from '../model';
import { Id, LongText, ShortText } from '../model/schemas';
import type { WorkingCalendar } from './calendar/working-calendar';
import {
  lifecycle,
  type ActionResult,
  type ActionSpec,
  type MachineDefinition,
  type Outcome,
} from './machine';
import { COMMON_FIELD_CODES, refuse, type Refusal, type RuleCode } from './rules';

/**
 * The lifecycle of feedback and complaints (PAKN, Decree 20/2008/NĐ-CP as amended by 48/2013,
 * and the national portal's practice), on the portal's statuses:
 *
 *   new → received → classify:  not admissible → refused
 *                               staff conduct / outside authority → transferred (or, to a unit of
 *                                 this system, received again there with a fresh clock)
 *                               within authority → processing
 *   processing ⇄ info_requested → info_supplied → processing
 *   processing → answer_drafted → approved: waiting_to_publish → published
 *                               → sent back: returned → (re)drafted
 *
 * Roles: anyone on staff logs and classifies; processing officers ask for information and draft
 * answers (on complaints they hold); leaders approve or send back; the administrator routes only;
 * the trainer role grants nothing (as for dossiers).
 */

export const COMPLAINT_ACTIONS = [
  'receive',
  'classify',
  'request_info',
  'supply_info',
  'start_processing',
  'assign',
  'transfer',
  'draft_answer',
  'approve_answer',
  'return_answer',
  'publish',
  'add_note',
] as const;
export type ComplaintActionType = (typeof COMPLAINT_ACTIONS)[number];

export const FINAL_COMPLAINT_STATUSES: readonly ComplaintStatus[] = [
  'published',
  'refused',
  'transferred',
];

/** The portal scorecard's limits, in working days (DOMAIN.md §5). */
export const COMPLAINT_DEADLINE_DAYS = {
  /** Refuse a complaint that is not admissible, from receipt. */
  refuse: 2,
  /** Ask the sender for more information, from receipt. */
  requestInfo: 5,
  /** Forward one outside this agency's authority, from receipt. */
  transfer: 5,
  /** Reach "waiting to publish" (or published), from receipt or the latest transfer in. */
  answer: 15,
  /** Publish, from approval. */
  publish: 2,
} as const;

const Reason = LongText.trim().min(1, { error: 'a reason is required' });
const OptionalNote = LongText.trim().optional();
const Recipient = ShortText.trim().min(1, { error: 'name the competent body' });
const TransferOut = z.enum(['staff_conduct', 'outside_authority']);

export const PUBLICATION_CHANNELS = ['portal', 'website', 'letter'] as const;

export const ComplaintActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('receive'), note: OptionalNote }),
  z
    .strictObject({
      type: z.literal('classify'),
      classification: z.enum([
        'not_admissible',
        'staff_conduct',
        'within_authority',
        'outside_authority',
      ]),
      reason: OptionalNote,
      /** For a transfer: the competent body, by name (it may be outside this system). */
      recipient: ShortText.trim().optional(),
      /** For a transfer to a unit of this system: it continues there. */
      unitId: Id.optional(),
    })
    .superRefine((a, ctx) => {
      if (a.classification === 'not_admissible' && !a.reason) {
        ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why it is not admissible' });
      }
      if (
        (a.classification === 'staff_conduct' || a.classification === 'outside_authority') &&
        !a.recipient
      ) {
        ctx.addIssue({ code: 'custom', path: ['recipient'], message: 'name the competent body' });
      }
    }),
  z.strictObject({ type: z.literal('request_info'), reason: Reason }),
  z.strictObject({ type: z.literal('supply_info'), note: OptionalNote }),
  z.strictObject({ type: z.literal('start_processing'), note: OptionalNote }),
  z.strictObject({ type: z.literal('assign'), assigneeId: Id, note: OptionalNote }),
  z.strictObject({
    type: z.literal('transfer'),
    classification: TransferOut,
    recipient: Recipient,
    unitId: Id.optional(),
    reason: OptionalNote,
  }),
  z.strictObject({
    type: z.literal('draft_answer'),
    answer: LongText.trim().min(1, { error: 'the answer is empty' }),
  }),
  z.strictObject({ type: z.literal('approve_answer'), note: OptionalNote }),
  z.strictObject({ type: z.literal('return_answer'), reason: Reason }),
  z.strictObject({
    type: z.literal('publish'),
    channels: z.array(z.enum(PUBLICATION_CHANNELS)).min(1).max(3).default(['portal']),
  }),
  z.strictObject({
    type: z.literal('add_note'),
    text: LongText.trim().min(1, { error: 'the note is empty' }),
    visibility: z.enum(['internal', 'citizen']),
  }),
]);
export type ComplaintAction = z.output<typeof ComplaintActionSchema>;
export type ComplaintActionInput = z.input<typeof ComplaintActionSchema>;
type ActionOf<T extends ComplaintActionType> = Extract<ComplaintAction, { type: T }>;

const FIELD_CODES: Readonly<Record<string, RuleCode>> = {
  ...COMMON_FIELD_CODES,
  classification: 'CLASSIFICATION_REQUIRED',
  recipient: 'RECIPIENT_REQUIRED',
  answer: 'ANSWER_REQUIRED',
};

// ---------------------------------------------------------------------------------------------
// Scorecard deadlines
// ---------------------------------------------------------------------------------------------

export type ComplaintDeadlineKind = 'refuse' | 'request_info' | 'transfer' | 'answer' | 'publish';

export interface ComplaintDeadlines {
  readonly refuseBy: number;
  readonly requestInfoBy: number;
  readonly transferBy: number;
  readonly answerBy: number;
  /** Null until the answer is approved. */
  readonly publishBy: number | null;
}

type DeadlineFields = Pick<Complaint, 'status' | 'clockStartedAt' | 'approvedAt'>;

/** Every scorecard deadline of a complaint, counted from its clock (receipt or latest transfer in). */
export function complaintDeadlines(
  c: DeadlineFields,
  calendar: WorkingCalendar,
): ComplaintDeadlines {
  const add = (days: number): number => calendar.addWorkingDays(c.clockStartedAt, days);
  return {
    refuseBy: add(COMPLAINT_DEADLINE_DAYS.refuse),
    requestInfoBy: add(COMPLAINT_DEADLINE_DAYS.requestInfo),
    transferBy: add(COMPLAINT_DEADLINE_DAYS.transfer),
    answerBy: add(COMPLAINT_DEADLINE_DAYS.answer),
    publishBy:
      c.approvedAt === null
        ? null
        : calendar.addWorkingDays(c.approvedAt, COMPLAINT_DEADLINE_DAYS.publish),
  };
}

/**
 * The deadline that governs a complaint in its status: reaching "waiting to publish" within 15
 * working days while it is open, publishing within 2 once approved. For a closed complaint, the
 * deadline its closing step is measured against (refusal 2, transfer out 5, publication 2).
 * The 15-day clock is not paused while the sender is asked for information: DOMAIN.md gives the
 * portal's clock no pause, unlike the dossier's.
 */
export function complaintDeadline(
  c: DeadlineFields,
  calendar: WorkingCalendar,
): { readonly kind: ComplaintDeadlineKind; readonly dueAt: number } {
  const from = (days: number): number => calendar.addWorkingDays(c.clockStartedAt, days);
  switch (c.status) {
    case 'refused':
      return { kind: 'refuse', dueAt: from(COMPLAINT_DEADLINE_DAYS.refuse) };
    case 'transferred':
      return { kind: 'transfer', dueAt: from(COMPLAINT_DEADLINE_DAYS.transfer) };
    case 'waiting_to_publish':
    case 'published':
      if (c.approvedAt !== null) {
        return {
          kind: 'publish',
          dueAt: calendar.addWorkingDays(c.approvedAt, COMPLAINT_DEADLINE_DAYS.publish),
        };
      }
      return { kind: 'answer', dueAt: from(COMPLAINT_DEADLINE_DAYS.answer) };
    case 'new':
    case 'received':
    case 'info_requested':
    case 'info_supplied':
    case 'processing':
    case 'answer_drafted':
    case 'returned':
      return { kind: 'answer', dueAt: from(COMPLAINT_DEADLINE_DAYS.answer) };
  }
}

// ---------------------------------------------------------------------------------------------
// The machine
// ---------------------------------------------------------------------------------------------

export type ComplaintActionResult = ActionResult<Complaint>;

const ANY_STAFF: readonly Role[] = ['desk_officer', 'processing_officer', 'leader'];
const PROCESSING: readonly Role[] = ['processing_officer', 'leader'];
const ROUTING: readonly Role[] = ['leader', 'administrator'];

function noteOf(text: string | undefined): string | null {
  return text === undefined || text === '' ? null : text;
}

type ComplaintOutcome = Outcome<Complaint, ComplaintStatus>;

/**
 * Forwarding to the competent body. Inside this system the complaint continues in the receiving
 * unit, which classifies it again with a fresh 15-day clock; outside it, this record closes.
 */
function transferOut(
  c: Complaint,
  now: number,
  t: {
    classification: 'staff_conduct' | 'outside_authority';
    recipient: string;
    unitId?: string | undefined;
    reason?: string | undefined;
  },
): ComplaintOutcome | Refusal {
  const data = {
    classification: t.classification,
    recipient: t.recipient,
    fromUnitId: c.unitId,
    toUnitId: t.unitId ?? null,
  };
  if (t.unitId === undefined) {
    return {
      patch: { classification: t.classification },
      toStatus: 'transferred',
      note: noteOf(t.reason),
      data,
    };
  }
  if (t.unitId === c.unitId)
    return refuse('SAME_ASSIGNMENT', 'the complaint is already in this unit');
  return {
    patch: { unitId: t.unitId, assigneeId: null, classification: null, clockStartedAt: now },
    toStatus: 'received',
    note: noteOf(t.reason),
    data,
  };
}

type Spec<T extends ComplaintActionType> = ActionSpec<Complaint, ComplaintStatus, ActionOf<T>>;

const ACTIONS: { readonly [T in ComplaintActionType]: Spec<T> } = {
  receive: {
    from: ['new'],
    roles: ANY_STAFF,
    noteVisibleTo: 'internal',
    run: (_s, a) => ({
      patch: {},
      toStatus: 'received',
      note: noteOf(a.note),
    }),
  },

  classify: {
    from: ['received'],
    roles: ANY_STAFF,
    noteVisibleTo: (a) => (a.classification === 'within_authority' ? 'internal' : 'citizen'),
    run: ({ record: c, now }, a) => {
      switch (a.classification) {
        case 'not_admissible':
          return {
            patch: { classification: a.classification },
            toStatus: 'refused',
            note: noteOf(a.reason),
            data: { classification: a.classification },
          };
        case 'within_authority':
          return {
            patch: { classification: a.classification },
            toStatus: 'processing',
            note: noteOf(a.reason),
            data: { classification: a.classification },
          };
        case 'staff_conduct':
        case 'outside_authority':
          return transferOut(c, now, {
            classification: a.classification,
            recipient: a.recipient ?? '',
            unitId: a.unitId,
            reason: a.reason,
          });
      }
    },
  },

  request_info: {
    from: ['received', 'processing'],
    roles: PROCESSING,
    noteVisibleTo: 'citizen',
    byAssignee: (c) => c.status === 'processing',
    run: (_s, a) => ({
      patch: {},
      toStatus: 'info_requested',
      note: a.reason,
    }),
  },

  supply_info: {
    from: ['info_requested'],
    roles: ANY_STAFF,
    noteVisibleTo: 'citizen',
    run: (_s, a) => ({
      patch: {},
      toStatus: 'info_supplied',
      note: noteOf(a.note),
    }),
  },

  start_processing: {
    // Resuming after information arrived or an answer was sent back, or taking an unheld one.
    from: ['processing', 'info_supplied', 'returned'],
    roles: PROCESSING,
    noteVisibleTo: 'internal',
    guard: ({ record: c, officer }) => {
      if (c.status === 'processing' && c.assigneeId === officer.id) {
        return refuse('SAME_ASSIGNMENT', 'the complaint is already held by this officer');
      }
      if (
        c.assigneeId !== null &&
        c.assigneeId !== officer.id &&
        !officer.roles.includes('leader')
      ) {
        return refuse(
          'ALREADY_ASSIGNED',
          'another officer holds the complaint; a leader reassigns',
        );
      }
      return null;
    },
    run: ({ record: c, officer }, a) => ({
      patch: { assigneeId: c.assigneeId ?? officer.id },
      toStatus: 'processing',
      note: noteOf(a.note),
      data: { fromAssigneeId: c.assigneeId, toAssigneeId: c.assigneeId ?? officer.id },
    }),
  },

  assign: {
    from: [
      'new',
      'received',
      'info_requested',
      'info_supplied',
      'processing',
      'answer_drafted',
      'waiting_to_publish',
      'returned',
    ],
    roles: ROUTING,
    noteVisibleTo: 'internal',
    run: ({ record: c }, a) => {
      if (a.assigneeId === c.assigneeId) {
        return refuse('SAME_ASSIGNMENT', 'the complaint is already assigned to this officer');
      }
      return {
        patch: { assigneeId: a.assigneeId },
        note: noteOf(a.note),
        data: { fromAssigneeId: c.assigneeId, toAssigneeId: a.assigneeId },
      };
    },
  },

  transfer: {
    // Found to be outside this agency's authority after it was taken in.
    from: ['processing', 'info_supplied', 'returned'],
    roles: PROCESSING,
    noteVisibleTo: 'citizen',
    byAssignee: true,
    run: ({ record: c, now }, a) => transferOut(c, now, a),
  },

  draft_answer: {
    from: ['processing', 'info_supplied', 'returned', 'answer_drafted'],
    roles: ['processing_officer'],
    noteVisibleTo: 'internal',
    byAssignee: true,
    run: (_s, a) => ({
      patch: { answer: a.answer },
      toStatus: 'answer_drafted',
      note: null,
    }),
  },

  approve_answer: {
    from: ['answer_drafted'],
    roles: ['leader'],
    noteVisibleTo: 'internal',
    run: ({ now }, a) => ({
      patch: { approvedAt: now },
      toStatus: 'waiting_to_publish',
      note: noteOf(a.note),
    }),
  },

  return_answer: {
    // An answer judged unsuitable goes back before publication.
    from: ['answer_drafted'],
    roles: ['leader'],
    noteVisibleTo: 'internal',
    run: (_s, a) => ({
      patch: {},
      toStatus: 'returned',
      note: a.reason,
    }),
  },

  publish: {
    from: ['waiting_to_publish'],
    roles: ANY_STAFF,
    noteVisibleTo: 'citizen',
    run: ({ now }, a) => ({
      patch: { publishedAt: now },
      toStatus: 'published',
      note: null,
      data: { channels: a.channels },
    }),
  },

  add_note: {
    from: [
      'new',
      'received',
      'info_requested',
      'info_supplied',
      'processing',
      'answer_drafted',
      'waiting_to_publish',
      'published',
      'returned',
      'refused',
      'transferred',
    ],
    roles: [...ANY_STAFF, 'administrator'],
    noteVisibleTo: (a) => a.visibility,
    // A note is a history entry only: the complaint record does not change.
    run: (_s, a) => ({ patch: {}, note: a.text }),
  },
};

const COMPLAINT_MACHINE: MachineDefinition<
  Complaint,
  ComplaintStatus,
  ComplaintActionType,
  ComplaintAction
> = {
  noun: 'complaint',
  actions: COMPLAINT_ACTIONS,
  schema: ComplaintActionSchema,
  table: ACTIONS,
  finalStatuses: FINAL_COMPLAINT_STATUSES,
  finalCode: 'COMPLAINT_FINAL',
  onFinal: ['add_note'],
  fieldCodes: FIELD_CODES,
  // Its guards only say a step belongs to another stage or officer.
  explained: [],
  // The stored dueAt is always the deadline that governs the complaint now (grid sorting).
  derive: (next, ctx) => ({ dueAt: complaintDeadline(next, ctx.calendar).dueAt }),
};

/** Apply, check and allowed-actions of the complaint machine (shared/domain/machine.ts). */
export const COMPLAINT_LIFECYCLE = lifecycle(COMPLAINT_MACHINE);

/**
 * Applies one action to a complaint. Pure; never throws. A closed complaint (published, refused,
 * transferred) is never changed afterwards, so its `updatedAt` is the moment it closed, which
 * the deadline state measures.
 */
export const applyComplaintAction = COMPLAINT_LIFECYCLE.apply;

/**
 * Whether `type` may be taken now, before its form is filled in: null if so, else the rule
 * that refuses it (to explain a disabled action).
 */
export const checkComplaintAction = COMPLAINT_LIFECYCLE.check;

/** The actions the officer may take on the complaint now, in COMPLAINT_ACTIONS order. */
export const allowedComplaintActions = COMPLAINT_LIFECYCLE.allowed;
