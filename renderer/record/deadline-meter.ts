import type { DeadlineState } from '@shared/model/codes';
import { OFFICE_MS_PER_DAY } from '../format/time-left';

/**
 * The deadline meter: working time used against the statutory total, in the deadline state's
 * colour. The core computes the working time left with the unit's calendar; the total is the
 * statutory duration in working days (a dossier's procedure, a complaint's scorecard limit).
 */

export interface Meter {
  readonly state: DeadlineState;
  readonly totalMs: number;
  /** May exceed totalMs (overdue) or be negative (an apology moved the appointment further). */
  readonly usedMs: number;
  readonly leftMs: number;
  /** Share of the bar filled, 0–1. */
  readonly usedFraction: number;
  /** Past the total, as a share of it, 0–1 (drawn as an overflow stripe). */
  readonly overFraction: number;
}

export function workingDaysMs(days: number, msPerDay: number = OFFICE_MS_PER_DAY): number {
  return Math.max(0, days) * msPerDay;
}

/** Null when there is nothing to measure: no running or kept clock, or no statutory total. */
export function deadlineMeter(
  state: DeadlineState,
  workingMsLeft: number | null,
  totalMs: number,
): Meter | null {
  if (workingMsLeft === null || !Number.isFinite(workingMsLeft) || !(totalMs > 0)) return null;
  const usedMs = totalMs - workingMsLeft;
  const clamp = (n: number) => Math.max(0, Math.min(1, n));
  return {
    state,
    totalMs,
    usedMs,
    leftMs: workingMsLeft,
    usedFraction: clamp(usedMs / totalMs),
    overFraction: clamp((usedMs - totalMs) / totalMs),
  };
}
