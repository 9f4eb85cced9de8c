import type { Dashboard, Figures, ResolvedPeriod, Scorecard } from '@shared/contract/api';
import { CLOCK_OUTCOMES, COMPLAINT_CLOCKS } from '@shared/contract/report-filters';
import type { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { DAY_MS, isoDateOfDay } from '@shared/domain/calendar/time';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '@shared/model';
import { CLOCK_DAYS, complaintClock } from '@shared/reports/complaint-clocks';
import { pointsFor, SCORECARD, type ScorecardSource } from '@shared/reports/scorecard';
import type { Db } from '../store/db';
import { memoized } from './memo';
import {
  complaintsReceived,
  dueByDay,
  officerNames,
  overdueByProcedure,
  tallyTrend,
} from '../store/reports/tallies';
import { countPeriod, figuresOf, sumCounts, type Counts, type PeriodCounts } from './figures';
import type { ScorecardSettings } from './settings';
import type { Subject } from './subject';

/** Weekly points for periods up to about a quarter, monthly beyond. */
const WEEKLY_UP_TO_DAYS = 120;
const BACKLOG_PROCEDURES = 10;
const CALENDAR_DAYS = 30;

export function dashboard(
  db: Db,
  period: ResolvedPeriod,
  subject: Subject,
  now: number,
  calendar: WorkingCalendar,
): Dashboard {
  const t0 = performance.now();
  const counts = countPeriod(db, period, now, subject.scope);
  const groups = [...counts.groups.values()];
  const byUnit = new Map<string, Counts[]>();
  const byOfficer = new Map<string, Counts[]>();
  for (const g of groups) {
    byUnit.set(g.key.unitId, [...(byUnit.get(g.key.unitId) ?? []), g.counts]);
    if (g.key.assigneeId !== '') {
      byOfficer.set(g.key.assigneeId, [...(byOfficer.get(g.key.assigneeId) ?? []), g.counts]);
    }
  }
  const names = officerNames(db);
  const days = Math.round((period.end - period.start) / DAY_MS);
  const trend = tallyTrend(
    db,
    days <= WEEKLY_UP_TO_DAYS ? 'week' : 'month',
    period.start,
    period.end,
    subject.scope,
  );
  return {
    period,
    subject: { unit: subject.unit, assigneeId: subject.assigneeId },
    totals: figuresOf(sumCounts(groups.map((g) => g.counts)), counts),
    units: [...byUnit.entries()]
      .map(([unitId, list]) => ({
        unitId,
        name: subject.units.get(unitId)?.name ?? unitId,
        figures: figuresOf(sumCounts(list), counts),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    officers: [...byOfficer.entries()]
      .map(([officerId, list]) => ({
        officerId,
        name: names.get(officerId)?.name ?? officerId,
        unitId: names.get(officerId)?.unitId ?? null,
        figures: figuresOf(sumCounts(list), counts),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    complaints: complaintFigures(db, period, subject, calendar),
    trend: {
      grain: days <= WEEKLY_UP_TO_DAYS ? 'week' : 'month',
      points: trend.map((p) => ({
        from: isoDateOfDay(p.from),
        to: isoDateOfDay(p.to),
        received: p.received,
        resolved: p.resolved,
        late: p.late,
      })),
    },
    backlog: overdueByProcedure(db, period.at, subject.scope, BACKLOG_PROCEDURES),
    dueCalendar: dueByDay(db, period.at, CALENDAR_DAYS, subject.scope),
    ms: performance.now() - t0,
  };
}

export function complaintFigures(
  db: Db,
  period: ResolvedPeriod,
  subject: Subject,
  calendar: WorkingCalendar,
): Dashboard['complaints'] {
  const key = JSON.stringify(['complaints', period.start, period.end, period.at, subject.scope]);
  return memoized(db, key, () => computeComplaints(db, period, subject, calendar));
}

function computeComplaints(
  db: Db,
  period: ResolvedPeriod,
  subject: Subject,
  calendar: WorkingCalendar,
): Dashboard['complaints'] {
  const rows = complaintsReceived(
    db,
    period.start,
    period.end,
    subject.scope.unitIds,
    subject.assigneeId,
  );
  const clocks = COMPLAINT_CLOCKS.map((clock) => ({
    clock,
    days: CLOCK_DAYS[clock],
    ...(Object.fromEntries(CLOCK_OUTCOMES.map((o) => [o, 0])) as Record<
      (typeof CLOCK_OUTCOMES)[number],
      number
    >),
  }));
  const statuses = new Map<ComplaintStatus, number>();
  for (const c of rows) {
    const status = c.status as ComplaintStatus;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const fields = { ...c, status };
    for (const row of clocks) {
      let outcome = null;
      try {
        outcome = complaintClock(row.clock, fields, c.infoRequestedAt, period.at, calendar);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
      }
      if (outcome) row[outcome] += 1;
    }
  }
  return {
    received: rows.length,
    clocks,
    statuses: COMPLAINT_STATUSES.map((status) => ({ status, n: statuses.get(status) ?? 0 })),
  };
}

/** The figures of a whole period (no breakdown), for the scorecard and the statistics. */
export function periodTotals(
  db: Db,
  period: ResolvedPeriod,
  subject: Subject,
  now: number,
): { figures: Figures; counts: PeriodCounts; total: Counts } {
  const counts = countPeriod(db, period, now, subject.scope);
  const total = sumCounts([...counts.groups.values()].map((g) => g.counts));
  return { figures: figuresOf(total, counts), counts, total };
}

export function scorecard(
  db: Db,
  period: ResolvedPeriod,
  subject: Subject,
  now: number,
  calendar: WorkingCalendar,
  settings: ScorecardSettings,
): Scorecard {
  const { figures, total } = periodTotals(db, period, subject, now);
  const complaints = complaintFigures(db, period, subject, calendar);
  const answer = complaints.clocks.find((c) => c.clock === 'answer');
  const complaintMeasure = (measure: 'answered_on_time' | 'answerable'): number =>
    measure === 'answered_on_time'
      ? (answer?.met ?? 0)
      : (answer?.met ?? 0) + (answer?.missed ?? 0) + (answer?.overdue ?? 0);
  const value = (source: ScorecardSource): number | null => {
    if (source.kind === 'none') return null;
    if (source.kind === 'complaint') return complaintMeasure(source.measure);
    return source.figures.reduce((n, f) => n + (figures[f] ?? 0), 0);
  };
  const indicators = SCORECARD.map((def) => {
    const own = settings.indicators[def.id] ?? {};
    const target = own.target !== undefined ? own.target : def.target;
    const maxPoints = own.maxPoints !== undefined ? own.maxPoints : def.maxPoints;
    const numerator = def.id === '2.2' ? null : value(def.numerator);
    const denominator = value(def.denominator);
    let rate: number | null = null;
    if (def.id === '2.2') {
      rate = total.resolved > 0 ? total.durationMs / total.resolved / DAY_MS : null;
    } else if (numerator !== null && denominator !== null && denominator > 0) {
      rate = def.complement ? 1 - numerator / denominator : numerator / denominator;
    }
    const points =
      rate !== null && target !== null && maxPoints !== null && def.unit === 'rate'
        ? pointsFor(rate, target, maxPoints)
        : null;
    return {
      id: def.id,
      group: def.group,
      numerator,
      denominator,
      value: rate,
      unit: def.unit,
      target,
      maxPoints,
      points,
      verified: def.verified,
      status:
        def.completeness === 'needs_portal'
          ? ('not_configured' as const)
          : def.completeness === 'partial'
            ? ('partial' as const)
            : ('computed' as const),
      costs: def.costs.map((c) =>
        c.kind === 'dossier'
          ? { kind: 'dossier' as const, figure: c.figure, n: figures[c.figure] ?? 0 }
          : {
              kind: 'complaint' as const,
              figure: c.figure,
              n: c.figure === 'answer_missed' ? (answer?.missed ?? 0) : (answer?.overdue ?? 0),
            },
      ),
    };
  });
  const scored = indicators.filter((i) => i.points !== null);
  return {
    period,
    subject: { unit: subject.unit, assigneeId: subject.assigneeId },
    indicators,
    points: scored.reduce((n, i) => n + (i.points ?? 0), 0),
    maxPoints: scored.reduce((n, i) => n + (i.maxPoints ?? 0), 0),
  };
}
