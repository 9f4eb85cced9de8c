import type { HistoryEntry } from '../model';
import { DOSSIER_EVENT_NAMES, type DossierStep } from '../synthetic/naming';

const STEP_BY_NAME: ReadonlyMap<string, DossierStep> = new Map(
  (Object.entries(DOSSIER_EVENT_NAMES) as [DossierStep, string][]).flatMap(([step, past]) => [
    [step, step],
    [past, step],
  ]),
);

/**
 * A history entry's action as the machine names it, whichever naming the store used (the
 * machine's types, or the past-tense event names of some seeded stores).
 */
export function stepOf(entry: Pick<HistoryEntry, 'action'>): DossierStep | null {
  return STEP_BY_NAME.get(entry.action) ?? null;
}

export type { DossierStep };
