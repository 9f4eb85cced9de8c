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
  const by = (days: number) => calendar.addWorkingDays(c.clockStartedAt, days);
  const judged = (when: number, due: number): ClockOutcome => (when <= due ? 'met' : 'missed');
  const racing = (due: number): ClockOutcome => (at > due ? 'overdue' : 'open');
  switch (clock) {
    case 'refuse':
      return c.status === 'refused' ? judged(c.updatedAt, by(CLOCK_DAYS.refuse)) : null;
    case 'transfer':
      return c.status === 'transferred' ? judged(c.updatedAt, by(CLOCK_DAYS.transfer)) : null;
    case 'request_info':
      return infoRequestedAt === null ? null : judged(infoRequestedAt, by(CLOCK_DAYS.request_info));
    case 'answer': {
      if (c.status === 'refused' || c.status === 'transferred') return null;
      const due = by(CLOCK_DAYS.answer);
      const approved =
        c.approvedAt ?? (c.status === 'published' ? (c.publishedAt ?? c.updatedAt) : null);
      return approved === null ? racing(due) : judged(approved, due);
    }
    case 'publish': {
      if (c.approvedAt === null) return null;
      const due = calendar.addWorkingDays(c.approvedAt, CLOCK_DAYS.publish);
      if (c.status === 'published') return judged(c.publishedAt ?? c.updatedAt, due);
      return c.status === 'waiting_to_publish' ? racing(due) : null;
    }
  }
}
