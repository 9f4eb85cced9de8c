import { ApiFailure } from '@shared/contract/envelope';

/** One record's outcome in a bulk action (the contract's result shapes). */
export type BulkOutcome<S> =
  { id: string; ok: true; status: S } | { id: string; ok: false; code: string; message: string };

/**
 * Runs one action on each record in turn (dossiers.actMany, complaints.actMany): each goes
 * through the state machine and the outbox on its own (one outbox entry each, as the central API
 * re-checks each), and a refusal is reported for its record without stopping the others. No
 * transaction spans them: the engine may start pushing the first while the rest are queued, and
 * none may be rolled back once it could have been sent.
 */
export function actOnEach<S>(
  what: string,
  ids: readonly string[],
  act: (id: string) => S,
  log?: (message: string, error?: unknown) => void,
): { results: BulkOutcome<S>[]; applied: number; refused: number } {
  const results: BulkOutcome<S>[] = [];
  for (const id of ids) {
    try {
      results.push({ id, ok: true, status: act(id) });
    } catch (error) {
      if (error instanceof ApiFailure) {
        results.push({ id, ok: false, code: error.rule ?? error.code, message: error.message });
      } else {
        // Earlier records are already queued: report this one and go on rather than lose the
        // whole answer.
        log?.(`[core] ${what} failed on ${id}`, error);
        results.push({ id, ok: false, code: 'INTERNAL', message: 'failed unexpectedly' });
      }
    }
  }
  const applied = results.filter((r) => r.ok).length;
  return { results, applied, refused: results.length - applied };
}
