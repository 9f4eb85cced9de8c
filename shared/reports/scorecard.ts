import type { DossierFigure } from '../contract/reports';

/**
 * The national scorecard's indicators this data can compute (Decision 766/QĐ-TTg; the portal's
 * groups and points as SUPERVISION.md §2 gives them), as data: which figures make the numerator
 * and the denominator, the target, the points, whether the formula is verified, and which
 * figures' records cost points (the drill-down). An administrator may change targets and points
 * in `reports.json` in the data folder (core/reports/settings.ts); the screen shows the formula.
 */

export type ScorecardSource =
  | { readonly kind: 'dossier'; readonly figures: readonly DossierFigure[] }
  | { readonly kind: 'complaint'; readonly measure: 'answered_on_time' | 'answerable' }
  | { readonly kind: 'none' };

export interface IndicatorDefinition {
  readonly id: string;
  /** The portal's group code (CKMB, TDGQ, CLGQ, MDSH, TTTT, MDHL). */
  readonly group: string;
  readonly unit: 'rate' | 'days';
  readonly numerator: ScorecardSource;
  readonly denominator: ScorecardSource;
  /** Rate at which the full points are reached; null: tracked, not scored. */
  readonly target: number | null;
  readonly maxPoints: number | null;
  /** Only 5.2 and 5.3 are confirmed by the Decision's text. */
  readonly verified: boolean;
  /** 'partial': computed from what this data holds, short of the full formula. */
  readonly completeness: 'full' | 'partial' | 'needs_portal';
  /** What costs points, to list. */
  readonly costs: readonly (
    | { readonly kind: 'dossier'; readonly figure: DossierFigure }
    | { readonly kind: 'complaint'; readonly figure: 'answer_missed' | 'answer_overdue' }
  )[];
  /** 100 % − the rate (5.4 counts what went wrong). */
  readonly complement?: boolean;
}

export const SCORECARD: readonly IndicatorDefinition[] = [
  {
    id: '1.4',
    group: 'CKMB',
    unit: 'rate',
    numerator: { kind: 'none' },
    denominator: { kind: 'dossier', figures: ['received_new'] },
    target: 1,
    maxPoints: 6,
    verified: false,
    completeness: 'needs_portal',
    costs: [],
  },
  {
    id: '2.1',
    group: 'TDGQ',
    unit: 'rate',
    numerator: {
      kind: 'dossier',
      figures: ['resolved_early', 'resolved_on_time', 'in_progress_within'],
    },
    denominator: { kind: 'dossier', figures: ['received_total'] },
    target: 1,
    maxPoints: 20,
    verified: false,
    completeness: 'full',
    costs: [
      { kind: 'dossier', figure: 'resolved_late' },
      { kind: 'dossier', figure: 'in_progress_overdue' },
    ],
  },
  {
    id: '2.2',
    group: 'TDGQ',
    unit: 'days',
    numerator: { kind: 'none' },
    denominator: { kind: 'dossier', figures: ['resolved_total'] },
    target: null,
    maxPoints: null,
    verified: false,
    completeness: 'full',
    costs: [],
  },
  {
    id: '3.3',
    group: 'CLGQ',
    unit: 'rate',
    numerator: { kind: 'dossier', figures: ['received_online'] },
    denominator: { kind: 'dossier', figures: ['received_new'] },
    target: 0.5,
    maxPoints: null,
    verified: false,
    completeness: 'partial',
    costs: [{ kind: 'dossier', figure: 'received_direct' }],
  },
  {
    id: '5.2',
    group: 'MDHL',
    unit: 'rate',
    numerator: { kind: 'complaint', measure: 'answered_on_time' },
    denominator: { kind: 'complaint', measure: 'answerable' },
    target: 1,
    maxPoints: 6,
    verified: true,
    completeness: 'full',
    costs: [
      { kind: 'complaint', figure: 'answer_missed' },
      { kind: 'complaint', figure: 'answer_overdue' },
    ],
  },
  {
    id: '5.4',
    group: 'MDHL',
    unit: 'rate',
    numerator: { kind: 'dossier', figures: ['resolved_late', 'in_progress_overdue'] },
    denominator: { kind: 'dossier', figures: ['received_total'] },
    target: 0.9,
    maxPoints: 6,
    verified: false,
    completeness: 'partial',
    complement: true,
    costs: [
      { kind: 'dossier', figure: 'resolved_late' },
      { kind: 'dossier', figure: 'in_progress_overdue' },
    ],
  },
];

/**
 * Rate to points, the portal's way as far as it is known (unverified): the full points at or
 * above the target, else in proportion to it.
 */
export function pointsFor(rate: number, target: number, maxPoints: number): number {
  if (target <= 0 || rate >= target) return maxPoints;
  return Math.max(0, (rate * maxPoints) / target);
}
