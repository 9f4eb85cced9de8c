import type { HistoryEntry, NoteVisibility } from '../model/schemas';
import type { Slot } from './layout';
import { Prng } from './prng';
import type { Actor } from './world';

/**
 * What every record factory keeps while it lives one record through its lifecycle: its own
 * random stream, the slot the layout gave it, and the history written so far.
 */
export abstract class RecordStory {
  protected readonly rng = new Prng(0);
  protected readonly slot: Slot = {
    dayNumber: 0,
    group: 0,
    sequence: 0,
    filedAt: 0,
  };
  protected history: HistoryEntry[] = [];
  protected id = '';

  /** The record's next history entry, numbered after the ones before it. */
  protected entry(
    at: number,
    action: string,
    actor: Actor,
    fromStatus: string | null,
    toStatus: string | null,
    note: string | null,
    visibility: NoteVisibility,
    data: Record<string, unknown> | null,
  ): HistoryEntry {
    return {
      id: `${this.id}-h${this.history.length + 1}`,
      at,
      action,
      officerId: actor.id,
      officerName: actor.name,
      unitId: actor.unitId,
      unitName: actor.unitName,
      fromStatus,
      toStatus,
      note,
      visibility,
      data,
    };
  }
}
