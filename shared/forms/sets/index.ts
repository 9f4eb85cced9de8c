import { DAY_MS, VIETNAM_OFFSET_MS, dayOfIsoDate } from '../../domain/calendar/time';
import type { FormSet } from '../template';
import { CIRCULAR_01_2018 } from './tt01-2018';
import { CIRCULAR_03_2025 } from './tt03-2025';

/** Every form set, oldest first. A new circular is a new file here and one line below. */
export const FORM_SETS: readonly FormSet[] = [CIRCULAR_01_2018, CIRCULAR_03_2025];

export { CIRCULAR_01_2018, CIRCULAR_03_2025 };

/** The first instant (00:00 Vietnam time) a set is in force. */
export function effectiveInstant(set: FormSet): number {
  const day = dayOfIsoDate(set.effectiveFrom);
  if (day === null) throw new Error(`form set ${set.id}: bad effectiveFrom ${set.effectiveFrom}`);
  return day * DAY_MS - VIETNAM_OFFSET_MS;
}

/**
 * The set in force at `t`: the latest one that took effect at or before it. A moment before the
 * first set gets the first (the workbench holds no older dossiers than 2019 on paper).
 */
export function formSetAt(t: number, sets: readonly FormSet[] = FORM_SETS): FormSet {
  let chosen = sets[0];
  if (chosen === undefined) throw new Error('no form sets');
  for (const set of sets) if (effectiveInstant(set) <= t) chosen = set;
  return chosen;
}

export function formSetById(id: string, sets: readonly FormSet[] = FORM_SETS): FormSet | null {
  return sets.find((s) => s.id === id) ?? null;
}
