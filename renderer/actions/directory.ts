import { useSyncExternalStore } from 'react';
import type { Officer, Unit } from '@shared/model';

/**
 * Units and officers this window has met (the records opened, the signed-in officer), offered as
 * suggestions in the assign and transfer pickers. The contract has no method listing the synced
 * units and officers yet; until it does, pickers accept a typed id and suggest what is known.
 */
export interface KnownEntry {
  readonly id: string;
  readonly name: string;
}

export class Directory {
  #units = new Map<string, KnownEntry>();
  #officers = new Map<string, KnownEntry>();
  #listeners = new Set<() => void>();
  #snapshot: { units: KnownEntry[]; officers: KnownEntry[] } = { units: [], officers: [] };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = () => this.#snapshot;

  remember(input: { unit?: Unit | null; officer?: Officer | null }): void {
    let changed = false;
    const put = (map: Map<string, KnownEntry>, id: string, name: string) => {
      if (map.get(id)?.name === name) return;
      map.set(id, { id, name });
      changed = true;
    };
    if (input.unit) put(this.#units, input.unit.id, input.unit.name);
    if (input.officer) put(this.#officers, input.officer.id, input.officer.fullName);
    if (!changed) return;
    const byName = (a: KnownEntry, b: KnownEntry) => a.name.localeCompare(b.name, 'vi');
    this.#snapshot = {
      units: [...this.#units.values()].sort(byName),
      officers: [...this.#officers.values()].sort(byName),
    };
    for (const listener of [...this.#listeners]) listener();
  }
}

export const directory = new Directory();

export function useKnownDirectory(): {
  units: readonly KnownEntry[];
  officers: readonly KnownEntry[];
} {
  return useSyncExternalStore(directory.subscribe, directory.getSnapshot);
}
