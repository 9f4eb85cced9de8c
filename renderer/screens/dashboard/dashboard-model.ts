import type {
  Dashboard,
  DossierFigure,
  DossierFilter,
  ComplaintFilter,
} from '@shared/contract/api';
import type { Unit } from '@shared/model';
import { figureFilter, type FigureScope } from '@shared/reports/figures';
import { periodAround, type DayRange, type PeriodKind } from '@shared/reports/period';

/**
 * What the supervisors' screens decide without React: the period chosen, the units a leader
 * may pick, the figure groups and the drill-down a figure opens (the very filter the core
 * counted, shared/reports/figures.ts).
 */

export interface PeriodChoice {
  readonly kind: PeriodKind;
  readonly range: DayRange;
}

export function periodChoice(kind: Exclude<PeriodKind, 'custom'>, now: number): PeriodChoice {
  return { kind, range: periodAround(kind, now) };
}

/** "23/02/2026" → "2026-02-23"; null when it is not a date. */
export function isoOfTyped(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [, d, mo, y] = m;
  const iso = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso ? null : iso;
}

export function typedOfIso(iso: string): string {
  return iso.split('-').reverse().join('/');
}

/** Chosen dates as typed: the range, or which mistake to name. */
export function customRange(
  from: string,
  to: string,
): { ok: true; range: DayRange } | { ok: false; error: 'invalidDay' | 'endsBeforeStart' } {
  const a = isoOfTyped(from);
  const b = isoOfTyped(to);
  if (a === null || b === null) return { ok: false, error: 'invalidDay' };
  if (b < a) return { ok: false, error: 'endsBeforeStart' };
  return { ok: true, range: { from: a, to: b } };
}

/** The agencies (and the province) under `root`, as a leader picks them: root first. */
export function pickableUnits(units: readonly Unit[], root: string | null): Unit[] {
  const byParent = new Map<string | null, Unit[]>();
  for (const u of units) byParent.set(u.parentId, [...(byParent.get(u.parentId) ?? []), u]);
  const start = root === null ? (byParent.get(null) ?? []) : units.filter((u) => u.id === root);
  const out: Unit[] = [];
  const walk = (u: Unit) => {
    if (u.kind !== 'office') out.push(u);
    for (const child of byParent.get(u.id) ?? []) walk(child);
  };
  for (const u of start) walk(u);
  return out;
}

export const FIGURE_GROUPS: readonly {
  readonly id: 'received' | 'resolved' | 'inProgress' | 'attention';
  readonly figures: readonly DossierFigure[];
}[] = [
  {
    id: 'received',
    figures: [
      'received_total',
      'received_new',
      'received_online',
      'received_direct',
      'carried_over',
    ],
  },
  {
    id: 'resolved',
    figures: ['resolved_total', 'resolved_early', 'resolved_on_time', 'resolved_late'],
  },
  {
    id: 'inProgress',
    figures: [
      'in_progress_total',
      'in_progress_within',
      'in_progress_on_track',
      'in_progress_due_soon',
      'in_progress_overdue',
    ],
  },
  { id: 'attention', figures: ['waiting', 'apologized', 'second_supplement'] },
];

/** Figures shown as warnings when not zero. */
export const ALARMING: ReadonlySet<DossierFigure> = new Set([
  'resolved_late',
  'in_progress_overdue',
  'in_progress_due_soon',
  'second_supplement',
]);

/** A grid opened from a figure: the kind, the filter, and what to call it. */
export type Drill =
  | {
      readonly kind: 'dossier';
      readonly filter: DossierFilter;
      readonly label: string;
      readonly count: number;
    }
  | {
      readonly kind: 'complaint';
      readonly filter: ComplaintFilter;
      readonly label: string;
      readonly count: number;
    };

export function scopeOfDashboard(
  d: Pick<Dashboard, 'subject'>,
  extra: Partial<FigureScope> = {},
): FigureScope {
  return {
    unitIds: d.subject.unit.unitIds,
    ...(d.subject.assigneeId !== null ? { assigneeId: d.subject.assigneeId } : {}),
    ...extra,
  };
}

export function drillFor(
  d: Pick<Dashboard, 'subject' | 'period'>,
  figure: DossierFigure,
  label: string,
  count: number,
  extra: Partial<FigureScope> = {},
): Drill {
  return {
    kind: 'dossier',
    filter: figureFilter(figure, d.period, scopeOfDashboard(d, extra)),
    label,
    count,
  };
}

/** On-time share of what was resolved: early and on time over resolved; null when none. */
export function onTimeRate(f: Dashboard['totals']): number | null {
  const resolved = f.resolved_total ?? 0;
  if (resolved === 0) return null;
  return ((f.resolved_early ?? 0) + (f.resolved_on_time ?? 0)) / resolved;
}
