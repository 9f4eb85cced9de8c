import type { DossierFigure, Figures } from '@shared/contract/api';
import { splitsDueSoon, type FigureWindow } from '@shared/reports/figures';
import type { Db } from '../store/db';
import { memoized } from './memo';
import {
  openDossiers,
  overdueSinceFinished,
  sumsBetween,
  sumsSince,
  type TallyKey,
  type TallyScope,
} from '../store/reports/tallies';

/**
 * The dossier figures of a period (shared/reports/figures.ts says what each counts), per unit,
 * field and assignee, from the store's tallies and its open dossiers. With F and E the period's
 * bounds and M the moment in-progress figures are taken (E, or now while the period runs):
 *
 *   handled (Biểu 06 col. 3) = open now − received since E + finished since F
 *   carried over             = handled − received in [F, E)
 *   in progress at M         = open now − received since M + finished since M
 *
 * since every dossier received and not open has finished, and every finished one was received.
 * F and E are day boundaries, so day tallies answer them exactly; M = now is not, so the
 * in-progress figures of a running period come from the open dossiers themselves.
 */

export interface Counts {
  receivedNew: number;
  online: number;
  direct: number;
  resolved: number;
  early: number;
  onTime: number;
  late: number;
  durationMs: number;
  receivedSinceEnd: number;
  finishedSinceStart: number;
  apologizedTerm: number;
  secondSupplementTerm: number;
  open: number;
  openBefore: number;
  waiting: number;
  overdue: number;
  dueSoon: number;
  onTrack: number;
  receivedSinceAt: number;
  finishedSinceAt: number;
}

const zero = (): Counts => ({
  receivedNew: 0,
  online: 0,
  direct: 0,
  resolved: 0,
  early: 0,
  onTime: 0,
  late: 0,
  durationMs: 0,
  receivedSinceEnd: 0,
  finishedSinceStart: 0,
  apologizedTerm: 0,
  secondSupplementTerm: 0,
  open: 0,
  openBefore: 0,
  waiting: 0,
  overdue: 0,
  dueSoon: 0,
  onTrack: 0,
  receivedSinceAt: 0,
  finishedSinceAt: 0,
});

export const keyOf = (k: TallyKey) => `${k.unitId}\u0000${k.fieldCode}\u0000${k.assigneeId}`;

export interface KeyedCounts {
  readonly key: TallyKey;
  readonly counts: Counts;
}

export interface PeriodCounts {
  readonly window: FigureWindow;
  /** The period is over: M is its end, a day boundary. */
  readonly over: boolean;
  readonly groups: ReadonlyMap<string, KeyedCounts>;
}

export function countPeriod(
  db: Db,
  window: FigureWindow,
  now: number,
  scope: TallyScope,
): PeriodCounts {
  // Within a minute the answer is the same: `at` is taken to the minute (reports/subject.ts).
  const key = JSON.stringify([
    'period',
    window.start,
    window.end,
    window.at,
    Math.floor(now / 60_000),
    scope,
  ]);
  return memoized(db, key, () => computePeriod(db, window, now, scope));
}

function computePeriod(db: Db, window: FigureWindow, now: number, scope: TallyScope): PeriodCounts {
  const groups = new Map<string, KeyedCounts>();
  const at = (k: TallyKey): Counts => {
    const id = keyOf(k);
    let g = groups.get(id);
    if (!g) {
      g = {
        key: { unitId: k.unitId, fieldCode: k.fieldCode, assigneeId: k.assigneeId },
        counts: zero(),
      };
      groups.set(id, g);
    }
    return g.counts;
  };
  const over = window.at >= window.end;

  for (const r of sumsBetween(db, window.start, window.end, scope)) {
    const c = at(r);
    c.receivedNew += r.received;
    c.online += r.online;
    c.direct += r.received - r.online;
    c.resolved += r.resolved;
    c.durationMs += r.dur;
    c.early += r.early;
    c.onTime += r.onTime;
    c.late += r.late;
    c.finishedSinceStart += r.resolved;
    c.apologizedTerm += r.resolvedApologized;
    c.secondSupplementTerm += r.resolvedSecond;
  }
  for (const r of sumsSince(db, window.end, now, scope)) {
    const c = at(r);
    c.receivedSinceEnd += r.received;
    c.finishedSinceStart += r.resolved;
    c.apologizedTerm += r.resolvedApologized - r.receivedApologized;
    c.secondSupplementTerm += r.resolvedSecond - r.receivedSecond;
    if (over) {
      c.receivedSinceAt += r.received;
      c.finishedSinceAt += r.resolved;
    }
  }
  for (const r of openDossiers(db, window.at, scope)) {
    const c = at(r);
    c.open += r.open;
    c.openBefore += r.openBefore;
    c.apologizedTerm += r.apologized;
    c.secondSupplementTerm += r.secondSupplement;
    c.waiting += r.waiting;
    c.overdue += r.overdue;
    c.dueSoon += r.dueSoon;
    c.onTrack += r.onTrack;
  }
  if (over) {
    for (const r of overdueSinceFinished(db, window.at, scope)) at(r).overdue += r.n;
  }
  return { window, over, groups };
}

/** Adds b into a. */
export function addCounts(a: Counts, b: Counts): Counts {
  for (const k of Object.keys(a) as (keyof Counts)[]) a[k] += b[k];
  return a;
}

export function sumCounts(items: Iterable<Counts>): Counts {
  const total = zero();
  for (const c of items) addCounts(total, c);
  return total;
}

/** The figures of a sum of groups. */
export function figuresOf(c: Counts, p: Pick<PeriodCounts, 'over' | 'window'>): Figures {
  const handled = c.open - c.receivedSinceEnd + c.finishedSinceStart;
  const inProgress = p.over ? c.open - c.receivedSinceAt + c.finishedSinceAt : c.openBefore;
  const split = splitsDueSoon(p.window);
  const figures: Record<DossierFigure, number | null> = {
    received_total: handled,
    received_new: c.receivedNew,
    received_online: c.online,
    received_direct: c.direct,
    carried_over: handled - c.receivedNew,
    resolved_total: c.resolved,
    resolved_early: c.early,
    resolved_on_time: c.onTime,
    resolved_late: c.late,
    in_progress_total: inProgress,
    in_progress_within: inProgress - c.overdue,
    in_progress_overdue: c.overdue,
    in_progress_on_track: split ? c.onTrack : null,
    in_progress_due_soon: split ? c.dueSoon : null,
    waiting: c.waiting,
    apologized: c.apologizedTerm,
    second_supplement: c.secondSupplementTerm,
  };
  return figures;
}

export const emptyCounts = zero;
