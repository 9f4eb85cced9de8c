import {
  COMPLAINT_ACTIONS,
  COMPLAINT_LIFECYCLE,
  ComplaintActionSchema,
  FINAL_COMPLAINT_STATUSES,
  type ComplaintActionType,
} from '../domain/complaint-machine';
import {
  complaintDeadlineState,
  complaintWorkingTimeLeft,
  complaintWorkingTimeTotal,
} from '../domain/deadline';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '../model/codes';
import { ComplaintSchema, type Complaint } from '../model/schemas';
import { ComplaintHistoryRecordSchema } from '../sync/history';
import { withinCalendar, type RecordKind } from './kind';

// Field names the compiler checks against the record (the descriptor keeps them as names).
const field = (name: keyof Complaint): string => name;
const fields = (...names: (keyof Complaint)[]): readonly string[] => names;

/** A complaint or feedback (phản ánh, kiến nghị): the portal's PAKN statuses and clocks. */
/** What the complaint's deadline rules read. */
export type ComplaintClock = Pick<
  Complaint,
  'status' | 'clockStartedAt' | 'approvedAt' | 'publishedAt' | 'updatedAt'
>;

export const complaintKind: RecordKind<
  'complaint',
  Complaint,
  ComplaintStatus,
  ComplaintActionType,
  ComplaintClock
> = {
  name: 'complaint',
  plural: 'complaints',
  historyEntity: 'complaint_history',
  ownerKey: 'complaintId',
  schema: ComplaintSchema,
  historyRecordSchema: ComplaintHistoryRecordSchema,
  statuses: COMPLAINT_STATUSES,
  finalStatuses: FINAL_COMPLAINT_STATUSES,
  actions: COMPLAINT_ACTIONS,
  actionSchema: ComplaintActionSchema,
  // The drafted answer too: approving or publishing an answer someone else rewrote is a conflict.
  contended: fields('status', 'unitId', 'assigneeId', 'answer'),
  search: {
    identifiers: fields('number', 'senderPhone'),
    name: field('senderName'),
    text: fields('title', 'content'),
    subtitle: field('title'),
    idNumber: null,
    phone: field('senderPhone'),
  },
  ...COMPLAINT_LIFECYCLE,
  deadline: {
    // A moment the calendar cannot place (corrupt data) shows as on track rather than failing.
    state: (record, now, calendar) =>
      withinCalendar(() => complaintDeadlineState(record, now, calendar), 'on_track'),
    workingTimeLeft: (record, now, calendar) =>
      withinCalendar(() => complaintWorkingTimeLeft(record, now, calendar), null),
    workingTimeTotal: (record, _history, calendar) =>
      withinCalendar(() => complaintWorkingTimeTotal(record, calendar), null),
  },
};
