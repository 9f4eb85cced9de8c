import { useEffect, useSyncExternalStore } from 'react';
import type { DirectoryList } from '@shared/contract/api';
import type { ApiClient } from '@shared/contract/client';
import { compareVietnamese } from '@shared/domain/text';
import type { Officer, Role, Unit } from '@shared/model';
import { call } from '../api/call';

/**
 * The units and officers the pickers offer and the screens name: the synced directory
 * (`directory.list`), plus any unit or officer met in a record that the directory lacks (a
 * demo store never synced, a record from a unit outside the cache). Framework-free, read by
 * React through useSyncExternalStore, like the row store.
 */
export interface KnownEntry {
  readonly id: string;
  readonly name: string;
}

export interface UnitEntry extends KnownEntry {
  readonly parentId: string | null;
}

export interface OfficerEntry extends KnownEntry {
  /** Null for an officer met only by name in a record, whose unit is not known here. */
  readonly unitId: string | null;
  readonly roles: readonly Role[];
}

export interface DirectorySnapshot {
  readonly units: readonly UnitEntry[];
  readonly officers: readonly OfficerEntry[];
  /** Whether directory.list answered: only then do the pickers show lists instead of ids. */
  readonly loaded: boolean;
  /** The same entries by id, for the grid's cells, which name a unit or officer per row. */
  readonly unitById: ReadonlyMap<string, UnitEntry>;
  readonly officerById: ReadonlyMap<string, OfficerEntry>;
}

const unitEntry = (u: Unit): UnitEntry => ({ id: u.id, name: u.name, parentId: u.parentId });
const officerEntry = (o: Officer): OfficerEntry => ({
  id: o.id,
  name: o.fullName,
  unitId: o.unitId,
  roles: o.roles,
});
const byName = (a: KnownEntry, b: KnownEntry) =>
  compareVietnamese(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class Directory {
  #listed: { units: Map<string, UnitEntry>; officers: Map<string, OfficerEntry> } | null = null;
  #met = { units: new Map<string, UnitEntry>(), officers: new Map<string, OfficerEntry>() };
  #listeners = new Set<() => void>();
  #snapshot: DirectorySnapshot = {
    units: [],
    officers: [],
    loaded: false,
    unitById: new Map(),
    officerById: new Map(),
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): DirectorySnapshot => this.#snapshot;

  /** The synced directory replaces the previous one (units and officers do move and leave). */
  load(list: DirectoryList): void {
    this.#listed = {
      units: new Map(list.units.map((u) => [u.id, unitEntry(u)])),
      officers: new Map(list.officers.map((o) => [o.id, officerEntry(o)])),
    };
    this.#publish();
  }

  /** A unit or officer seen in a record: kept in case the directory lacks it. */
  remember(input: { unit?: Unit | null; officer?: Officer | null }): void {
    let changed = false;
    const put = <E extends KnownEntry>(map: Map<string, E>, entry: E) => {
      const known = map.get(entry.id);
      if (known && JSON.stringify(known) === JSON.stringify(entry)) return;
      map.set(entry.id, entry);
      changed = true;
    };
    if (input.unit) put(this.#met.units, unitEntry(input.unit));
    if (input.officer) put(this.#met.officers, officerEntry(input.officer));
    if (changed) this.#publish();
  }

  #publish(): void {
    const merge = <E extends KnownEntry>(
      listed: Map<string, E> | undefined,
      met: Map<string, E>,
    ) => {
      const all = new Map(met);
      for (const [id, entry] of listed ?? []) all.set(id, entry);
      return all;
    };
    const units = merge(this.#listed?.units, this.#met.units);
    const officers = merge(this.#listed?.officers, this.#met.officers);
    this.#snapshot = {
      units: [...units.values()].sort(byName),
      officers: [...officers.values()].sort(byName),
      loaded: this.#listed !== null,
      unitById: units,
      officerById: officers,
    };
    for (const listener of [...this.#listeners]) listener();
  }
}

export const directory = new Directory();

export function useKnownDirectory(): DirectorySnapshot {
  // The same snapshot for a render outside the browser (the form tests render to markup).
  return useSyncExternalStore(directory.subscribe, directory.getSnapshot, directory.getSnapshot);
}

/**
 * Keeps the shared directory loaded: at start, and again whenever `refreshKey` changes (another
 * officer, the first sync finishing, coming back online), which is when the synced units and
 * officers can have changed. A failed load keeps what was there; the pickers then accept ids.
 */
export function useDirectoryLoader(client: ApiClient, refreshKey: string): void {
  useEffect(() => {
    let current = true;
    void call(client, 'directory.list', {}).then((result) => {
      if (current && result.ok) directory.load(result.value);
    });
    return () => {
      current = false;
    };
  }, [client, refreshKey]);
}

// ---- What the pickers offer (pure, tested) ----

/** A unit and every unit under it. */
export function unitSubtree(units: readonly UnitEntry[], rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentId === null) continue;
    children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  }
  const out = new Set([rootId]);
  const queue = [rootId];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const child of children.get(id) ?? []) {
      if (!out.has(child)) {
        out.add(child);
        queue.push(child);
      }
    }
  }
  return out;
}

export interface PickerGroup {
  /** The group's heading: a unit's name, or null for an ungrouped list. */
  readonly label: string | null;
  readonly options: readonly KnownEntry[];
}

/**
 * Units to transfer to: the record's own unit and those under it first (the offices a commune's
 * desk hands dossiers to), then every other unit; each group by name. `only`, when given, is
 * the units that may receive the record (a procedure's handling units in the catalogue): no
 * other is offered, but for the record's own unit.
 */
export function unitGroups(
  snapshot: DirectorySnapshot,
  recordUnitId: string | null,
  labels: { readonly near: string; readonly other: string },
  only?: readonly string[],
): PickerGroup[] {
  const allowed = only === undefined ? null : new Set(only);
  const units =
    allowed === null
      ? snapshot.units
      : snapshot.units.filter((u) => allowed.has(u.id) || u.id === recordUnitId);
  if (recordUnitId === null) return [{ label: null, options: units }];
  const near = unitSubtree(snapshot.units, recordUnitId);
  const groups = [
    { label: labels.near, options: units.filter((u) => near.has(u.id)) },
    { label: labels.other, options: units.filter((u) => !near.has(u.id)) },
  ];
  return groups.filter((g) => g.options.length > 0);
}

/**
 * Officers who may receive a record of `unitId` (the central API requires the assignee to work
 * in that unit or under it), grouped by their unit; all officers when the unit is not known
 * (bulk actions over several units). Officers whose unit is not known come last, ungrouped.
 */
export function officerGroups(snapshot: DirectorySnapshot, unitId: string | null): PickerGroup[] {
  const within = unitId === null ? null : unitSubtree(snapshot.units, unitId);
  const unitName = new Map(snapshot.units.map((u) => [u.id, u.name]));
  const groups = new Map<string, KnownEntry[]>();
  const loose: KnownEntry[] = [];
  for (const officer of snapshot.officers) {
    if (officer.unitId === null) {
      if (within === null) loose.push(officer);
      continue;
    }
    if (within !== null && !within.has(officer.unitId)) continue;
    groups.set(officer.unitId, [...(groups.get(officer.unitId) ?? []), officer]);
  }
  const grouped = [...groups.entries()]
    .map(([id, options]) => ({ label: unitName.get(id) ?? id, options }))
    .sort((a, b) => compareVietnamese(a.label, b.label));
  return loose.length > 0 ? [...grouped, { label: null, options: loose }] : grouped;
}

/** Whether an officer may receive a record of `unitId` (see officerGroups). */
export function worksWithin(
  snapshot: DirectorySnapshot,
  officerId: string,
  unitId: string,
): boolean {
  const officer = snapshot.officers.find((o) => o.id === officerId);
  if (officer === undefined || officer.unitId === null) return false;
  return unitSubtree(snapshot.units, unitId).has(officer.unitId);
}

/** A unit's or officer's name for display; the id itself when it is not known here. */
export function nameOf(entries: readonly KnownEntry[], id: string): string {
  return entries.find((entry) => entry.id === id)?.name ?? id;
}
