import type { DossierFigure } from '../contract/reports';
import type { ComplaintFilter, DossierFilter } from '../contract/api';
import type { ClockOutcome, ComplaintClock } from '../contract/report-filters';
import type { ComplaintStatus } from '../model';

/**
 * What each dossier figure counts, as the filter of the grid it opens. The core counts the same
 * conditions from its tallies (core/reports) and a property test checks both agree; the
 * definitions follow SUPERVISION.md §2–3 and DOMAIN.md §3:
 *
 *  - received for processing: the dossier was accepted (NgayTiepNhan set); refused at intake,
 *    never accepted, it is not counted;
 *  - received_new: received in the period; online (channel 2) or in person / by post (1, 3);
 *  - carried_over: received before the period and not finished when it began;
 *  - received_total (Biểu 06 column 3) = new + carried over: handled in the period;
 *  - resolved: processing ended in the period (status 9, else 10, else 3/8: NgayKetThucXuLy):
 *    late when marked late (an apology, a second supplement request) or ended after the
 *    appointment; early when it ended on an earlier day than the appointment's; else on time;
 *  - in progress at `at` (the period's end, or now while it runs): received before it and not
 *    finished then; waiting for the citizen (status 5, 6), overdue (past the appointment), due
 *    soon (from one working day before it), on track; "within" is all but overdue. For a
 *    period that is over, the record keeps no history of its pauses, so "waiting" means still
 *    waiting now, and due soon / on track are not told apart (null);
 *  - apologized, second_supplement: handled in the period, with an apology / more than one
 *    request for documents.
 */

export interface FigureWindow {
  readonly start: number;
  readonly end: number;
  readonly at: number;
}

/** What the counts are of: a unit subtree, a field, one officer's dossiers. */
export interface FigureScope {
  readonly unitIds?: readonly string[] | undefined;
  readonly fieldCode?: string | undefined;
  readonly assigneeId?: string | null | undefined;
  readonly procedureCode?: string | undefined;
}

function scoped(scope: FigureScope): DossierFilter {
  return {
    ...(scope.unitIds ? { unitIds: [...scope.unitIds] } : {}),
    ...(scope.fieldCode !== undefined ? { fieldCode: scope.fieldCode } : {}),
    ...(scope.assigneeId !== undefined ? { assigneeId: scope.assigneeId } : {}),
    ...(scope.procedureCode !== undefined ? { procedureCode: scope.procedureCode } : {}),
  };
}

/** The grid filter that lists exactly the dossiers `figure` counts. */
export function figureFilter(
  figure: DossierFigure,
  w: FigureWindow,
  scope: FigureScope = {},
): DossierFilter {
  const base = scoped(scope);
  const period = { handled: { from: w.start, to: w.end } };
  const received = { received: { from: w.start, to: w.end } };
  const finished = { finished: { from: w.start, to: w.end } };
  const open = { handled: { from: w.at, to: w.at } };
  switch (figure) {
    case 'received_total':
      return { ...base, ...period };
    case 'received_new':
      return { ...base, ...received };
    case 'received_online':
      return { ...base, ...received, channel: [2] };
    case 'received_direct':
      return { ...base, ...received, channel: [1, 3] };
    case 'carried_over':
      return { ...base, handled: { from: w.start, to: w.start } };
    case 'resolved_total':
      return { ...base, ...finished };
    case 'resolved_early':
      return { ...base, ...finished, timeliness: ['early'] };
    case 'resolved_on_time':
      return { ...base, ...finished, timeliness: ['on_time'] };
    case 'resolved_late':
      return { ...base, ...finished, timeliness: ['late'] };
    case 'in_progress_total':
      return { ...base, ...open };
    case 'in_progress_within':
      return {
        ...base,
        ...open,
        clockAt: { at: w.at, states: ['on_track', 'due_soon', 'waiting'] },
      };
    case 'in_progress_overdue':
      return { ...base, ...open, clockAt: { at: w.at, states: ['overdue'] } };
    case 'in_progress_on_track':
      return { ...base, ...open, clockAt: { at: w.at, states: ['on_track'] } };
    case 'in_progress_due_soon':
      return { ...base, ...open, clockAt: { at: w.at, states: ['due_soon'] } };
    case 'waiting':
      return { ...base, ...open, clockAt: { at: w.at, states: ['waiting'] } };
    case 'apologized':
      return { ...base, ...period, apologized: true };
    case 'second_supplement':
      return { ...base, ...period, secondSupplement: true };
  }
}

/** Complaints received in the period in these units, by where they stand against a clock. */
export function complaintClockFilter(
  clock: ComplaintClock,
  outcomes: readonly ClockOutcome[],
  w: FigureWindow,
  unitIds: readonly string[] | undefined,
): ComplaintFilter {
  return {
    ...(unitIds ? { unitIds: [...unitIds] } : {}),
    received: { from: w.start, to: w.end },
    clock: { kind: clock, outcomes: [...outcomes], at: w.at },
  };
}

/** Complaints received in the period in these units, in one status. */
export function complaintStatusFilter(
  status: ComplaintStatus,
  w: FigureWindow,
  unitIds: readonly string[] | undefined,
): ComplaintFilter {
  return {
    ...(unitIds ? { unitIds: [...unitIds] } : {}),
    received: { from: w.start, to: w.end },
    status: [status],
  };
}

/** Due soon and on track are states of now: a period that is over has none. */
export function splitsDueSoon(w: FigureWindow): boolean {
  return w.at < w.end;
}
