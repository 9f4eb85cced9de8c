import type { Complaint, DeadlineState, Dossier, DossierRow, HistoryEntry } from '../model';
import type { WorkingCalendar } from './calendar/working-calendar';
import { COMPLAINT_DEADLINE_DAYS, complaintDeadline } from './complaint-machine';

/**
 * Deadline states, the national scorecard's way (Decision 766/QĐ-TTg): a record is finished on
 * time when processing ended at or before its appointment, with the time spent waiting for the
 * citizen left out. That exclusion is already in the stored appointment: the dossier machine
 * restarts it after a supplement and pushes it by the paused time after fees. So the dossier state
 * is a few comparisons on the row (no calendar), cheap enough for every row of a million-row grid;
 * core/store mirrors it in SQL for filtering.
 */

export type DossierDeadlineFields = Pick<
  DossierRow,
  'status' | 'dueAt' | 'dueSoonAt' | 'finishedAt' | 'late'
> & { readonly returnedAt?: number | null };

/**
 * State of a dossier at `now`:
 * - 1 (not yet accepted): on_track, there is no clock yet;
 * - 5, 6 (waiting for documents or fees): paused;
 * - 2, 4, 7 (clock running): overdue after the appointment, due_soon from dueSoonAt (or the
 *   appointment itself when unknown), else on_track. A running dossier marked late keeps its
 *   date-based state: it is late for the scorecard, but the officer still races the new date;
 * - 3, 8, 9, 10 (processing ended): finished_late when marked late (an apology, a second
 *   supplement request) or when it ended after the appointment, else finished_on_time. The end is
 *   finishedAt (set on 9, 3 and 8), else returnedAt; a dossier with neither or without an
 *   appointment (refused at intake) counts as on time.
 */
export function dossierDeadlineState(d: DossierDeadlineFields, now: number): DeadlineState {
  switch (d.status) {
    case 1:
      return 'on_track';
    case 5:
    case 6:
      return 'paused';
    case 2:
    case 4:
    case 7: {
      const due = d.dueAt;
      if (due === null) return 'on_track';
      if (now > due) return 'overdue';
      return now >= (d.dueSoonAt ?? due) ? 'due_soon' : 'on_track';
    }
    case 3:
    case 8:
    case 9:
    case 10: {
      if (d.late) return 'finished_late';
      const end = d.finishedAt ?? d.returnedAt ?? null;
      return end !== null && d.dueAt !== null && end > d.dueAt
        ? 'finished_late'
        : 'finished_on_time';
    }
  }
}

/** The name the store's SQL mirror refers to. */
export const deadlineState = dossierDeadlineState;

/**
 * Working time left until the appointment, for the grid's "time left" column: negative when
 * overdue; the time kept while fees are owed; null when there is no running clock (not yet
 * accepted, waiting for documents — the clock will restart from zero —, or finished).
 */
export function dossierWorkingTimeLeft(
  d: Pick<Dossier, 'status' | 'dueAt'> & { readonly clockRemainingMs?: number | null },
  now: number,
  calendar: WorkingCalendar,
): number | null {
  if (d.status === 6) return d.clockRemainingMs ?? null;
  if ((d.status === 2 || d.status === 4 || d.status === 7) && d.dueAt !== null) {
    return calendar.workingTimeBetween(now, d.dueAt);
  }
  return null;
}

/** How the apology step is named in a history: the machine's type, or the past-tense naming. */
const APOLOGY_STEPS: readonly string[] = ['apologize', 'apologized'];

/**
 * The working time the dossier's clock has to run against its current appointment, so that the
 * time used and the time left (dossierWorkingTimeLeft) add up to it: the statutory duration,
 * plus what an apology added since the clock last started. An apology before a restart from
 * zero no longer counts (the complete dossier started a fresh statutory clock), and the
 * citizen's waiting time is outside both, as it is outside the appointment. Null without a clock.
 */
export function dossierWorkingTimeTotal(
  d: Pick<Dossier, 'dueAt' | 'workingDays' | 'clockStartedAt' | 'apologyCount'>,
  history: readonly Pick<HistoryEntry, 'action' | 'at' | 'data'>[],
  calendar: WorkingCalendar,
): number | null {
  if (d.clockStartedAt === null || d.dueAt === null) return null;
  const statutory = calendar.workingDaysToMs(d.workingDays);
  if (d.apologyCount === 0) return statutory;
  const startedAt = d.clockStartedAt;
  const apology = history.findLast((h) => APOLOGY_STEPS.includes(h.action) && h.at >= startedAt);
  if (apology === undefined) return statutory;
  const from = apology.data?.previousDueAt;
  const to = apology.data?.newDueAt;
  if (typeof from !== 'number' || typeof to !== 'number') {
    // A step without its dates: the appointment itself is the best measure left.
    return Math.max(statutory, calendar.workingTimeBetween(startedAt, d.dueAt));
  }
  return statutory + Math.max(0, calendar.workingTimeBetween(from, to));
}

type ComplaintDeadlineFields = Pick<
  Complaint,
  'status' | 'clockStartedAt' | 'approvedAt' | 'publishedAt' | 'updatedAt'
>;

/**
 * State of a complaint at `now`, against the portal's scorecard. Open complaints race the
 * deadline of complaintDeadline(); a closed one is on time when its closing step met its limit:
 * refused within 2 working days, transferred out within 5, published after an approval reached
 * within 15 and a publication within 2 of it. `dueSoonMs` defaults to one working day.
 */
export function complaintDeadlineState(
  c: ComplaintDeadlineFields,
  now: number,
  calendar: WorkingCalendar,
  dueSoonMs: number = calendar.officeMsPerDay,
): DeadlineState {
  const deadline = complaintDeadline(c, calendar);
  switch (c.status) {
    case 'refused':
    case 'transferred':
      return c.updatedAt <= deadline.dueAt ? 'finished_on_time' : 'finished_late';
    case 'published': {
      const answerBy = calendar.addWorkingDays(c.clockStartedAt, COMPLAINT_DEADLINE_DAYS.answer);
      const approved = c.approvedAt ?? c.publishedAt ?? c.updatedAt;
      const published = c.publishedAt ?? c.updatedAt;
      const onTime = approved <= answerBy && (c.approvedAt === null || published <= deadline.dueAt);
      return onTime ? 'finished_on_time' : 'finished_late';
    }
    case 'new':
    case 'received':
    case 'info_requested':
    case 'info_supplied':
    case 'processing':
    case 'answer_drafted':
    case 'waiting_to_publish':
    case 'returned': {
      if (now > deadline.dueAt) return 'overdue';
      const dueSoonAt = calendar.subtractWorkingTime(deadline.dueAt, dueSoonMs);
      return now >= dueSoonAt ? 'due_soon' : 'on_track';
    }
  }
}

/** The working days of each deadline a complaint can be under. */
const COMPLAINT_DAYS_BY_KIND = {
  refuse: COMPLAINT_DEADLINE_DAYS.refuse,
  request_info: COMPLAINT_DEADLINE_DAYS.requestInfo,
  transfer: COMPLAINT_DEADLINE_DAYS.transfer,
  answer: COMPLAINT_DEADLINE_DAYS.answer,
  publish: COMPLAINT_DEADLINE_DAYS.publish,
} as const;

/** The working time of the complaint's governing deadline, against which its time left runs. */
export function complaintWorkingTimeTotal(
  c: ComplaintDeadlineFields,
  calendar: WorkingCalendar,
): number {
  return calendar.workingDaysToMs(COMPLAINT_DAYS_BY_KIND[complaintDeadline(c, calendar).kind]);
}

/** Working time left until the complaint's governing deadline; null once it is closed. */
export function complaintWorkingTimeLeft(
  c: ComplaintDeadlineFields,
  now: number,
  calendar: WorkingCalendar,
): number | null {
  if (c.status === 'refused' || c.status === 'transferred' || c.status === 'published') return null;
  return calendar.workingTimeBetween(now, complaintDeadline(c, calendar).dueAt);
}
