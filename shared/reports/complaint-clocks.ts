import type { ClockOutcome, ComplaintClock } from '../contract/report-filters';
import type { WorkingCalendar } from '../domain/calendar/working-calendar';
import { COMPLAINT_DEADLINE_DAYS } from '../domain/complaint-machine';
import type { Complaint } from '../model';

/**
 * A complaint against each statutory clock of the portal's scorecard (DOMAIN.md §5): refuse within
 * 2 working days of receipt, ask for more information within 5, forward one outside the
 * agency's authority within 5, reach "waiting to publish" within 15 of receipt or of the latest
 * transfer in, publish within 2 of approval. A clock applies to the complaints that took its
 * step (a refusal, an information request, a transfer, an approval) or still race it (the
 * answer, the publication); closed steps are judged on the record's final data.
 */

export const CLOCK_DAYS: Readonly<Record<ComplaintClock, number>> = {
  refuse: COMPLAINT_DEADLINE_DAYS.refuse,
  request_info: COMPLAINT_DEADLINE_DAYS.requestInfo,
  transfer: COMPLAINT_DEADLINE_DAYS.transfer,
  answer: COMPLAINT_DEADLINE_DAYS.answer,
  publish: COMPLAINT_DEADLINE_DAYS.publish,
};

export type ClockFields = Pick<
  Complaint,
  'status' | 'clockStartedAt' | 'approvedAt' | 'publishedAt' | 'updatedAt'
>;

/** History actions that ask the sender for more information, in both naming styles. */
export const INFO_REQUEST_ACTIONS = ['request_info', 'info_requested'] as const;

/**
 * Where complaint `c` stands against `clock` at `at`: met or missed (the step was taken, in time
 * or not), open or overdue (still racing it); null when the clock does not apply to it.
 * `infoRequestedAt` is the first information request, from the complaint's history.
 */
export function complaintClock(
  clock: ComplaintClock,
  c: ClockFields,
  infoRequestedAt: number | null,
  at: number,
  calendar: WorkingCalendar,
): ClockOutcome | null {
  // Plain calls, no closures made per call: a dashboard judges every complaint of the period
  // against every clock, and a closure per call (named one by one when run from the sources)
  // was most of its cost.
  switch (clock) {
    case 'refuse':
      return c.status === 'refused'
        ? judged(c.updatedAt, due(c, CLOCK_DAYS.refuse, calendar))
        : null;
    case 'transfer':
      return c.status === 'transferred'
        ? judged(c.updatedAt, due(c, CLOCK_DAYS.transfer, calendar))
        : null;
    case 'request_info':
      return infoRequestedAt === null
        ? null
        : judged(infoRequestedAt, due(c, CLOCK_DAYS.request_info, calendar));
    case 'answer': {
      if (c.status === 'refused' || c.status === 'transferred') return null;
      const by = due(c, CLOCK_DAYS.answer, calendar);
      const approved =
        c.approvedAt ?? (c.status === 'published' ? (c.publishedAt ?? c.updatedAt) : null);
      return approved === null ? racing(at, by) : judged(approved, by);
    }
    case 'publish': {
      if (c.approvedAt === null) return null;
      const by = calendar.addWorkingDays(c.approvedAt, CLOCK_DAYS.publish);
      if (c.status === 'published') return judged(c.publishedAt ?? c.updatedAt, by);
      return c.status === 'waiting_to_publish' ? racing(at, by) : null;
    }
  }
}

/** The clock's deadline: `days` working days after the complaint's clock started. */
function due(c: ClockFields, days: number, calendar: WorkingCalendar): number {
  return calendar.addWorkingDays(c.clockStartedAt, days);
}

/** A step taken: in time or not. */
function judged(when: number, by: number): ClockOutcome {
  return when <= by ? 'met' : 'missed';
}

/** A step still to take at `at`: open, or overdue once its deadline has passed. */
function racing(at: number, by: number): ClockOutcome {
  return at > by ? 'overdue' : 'open';
}
