import { WorkingCalendar, YearOverridesSchema, type YearOverrides } from '@shared/domain';
import {
  OfficerSchema,
  ProcedureSchema,
  UnitSchema,
  type Officer,
  type Procedure,
  type Unit,
} from '@shared/model';
import type { CentralStore } from './store/store';

/**
 * Reference data every request needs (the unit tree, officers, the procedure catalogue, the
 * calendar), held in memory.
 * It changes rarely and only through writes that bump the `reference` counter, so a request
 * re-reads it only when that counter moved; the counter itself is checked at most every
 * `checkEveryMs` (another central process sharing the PostgreSQL database may have changed it),
 * and immediately after a local write that touched reference data.
 */
export interface DirectorySnapshot {
  readonly units: ReadonlyMap<string, Unit>;
  readonly officers: ReadonlyMap<string, Officer>;
  /** The procedure catalogue by code (its handling units rule transfers). */
  readonly procedures: ReadonlyMap<string, Procedure>;
  readonly children: ReadonlyMap<string, readonly string[]>;
  readonly calendar: WorkingCalendar;
  readonly version: number;
}

export class Directory {
  private snapshot: DirectorySnapshot | null = null;
  private checkedAt = -Infinity;
  private loading: Promise<DirectorySnapshot> | null = null;
  private readonly store: CentralStore;
  private readonly checkEveryMs: number;

  constructor(store: CentralStore, checkEveryMs = 2_000) {
    this.store = store;
    this.checkEveryMs = checkEveryMs;
  }

  /** Forces the next call to re-check the reference counter. */
  invalidate(): void {
    this.checkedAt = -Infinity;
  }

  async current(): Promise<DirectorySnapshot> {
    // A duration since the last check: measured on the monotonic timer, not the clock.
    const now = performance.now();
    if (this.snapshot && now - this.checkedAt < this.checkEveryMs) return this.snapshot;
    this.loading ??= this.refresh().finally(() => {
      this.loading = null;
    });
    const known = this.snapshot;
    if (!known) return this.loading;
    // Reference data changes rarely: when the check itself fails (the database is briefly
    // unreachable), the snapshot held is still the best answer, and the next request checks.
    return this.loading.catch(() => known);
  }

  private async refresh(): Promise<DirectorySnapshot> {
    const version = await this.store.referenceVersion();
    this.checkedAt = performance.now();
    if (this.snapshot && this.snapshot.version === version) return this.snapshot;
    this.snapshot = await load(this.store, version);
    return this.snapshot;
  }
}

async function load(store: CentralStore, version: number): Promise<DirectorySnapshot> {
  const rows = await store.referenceRecords(['unit', 'officer', 'procedure', 'calendar']);
  const units = new Map<string, Unit>();
  const officers = new Map<string, Officer>();
  const procedures = new Map<string, Procedure>();
  const overrides: Record<string, YearOverrides> = {};
  for (const row of rows) {
    const data: unknown = JSON.parse(row.data);
    if (row.entity === 'unit') {
      const unit = UnitSchema.parse(data);
      units.set(unit.id, unit);
    } else if (row.entity === 'officer') {
      const officer = OfficerSchema.parse(data);
      officers.set(officer.id, officer);
    } else if (row.entity === 'procedure') {
      const procedure = ProcedureSchema.parse(data);
      procedures.set(procedure.code, procedure);
    } else {
      overrides[row.id] = YearOverridesSchema.parse(data);
    }
  }
  const children = new Map<string, string[]>();
  for (const unit of units.values()) {
    if (unit.parentId === null) continue;
    const list = children.get(unit.parentId);
    if (list) list.push(unit.id);
    else children.set(unit.parentId, [unit.id]);
  }
  return {
    units,
    officers,
    procedures,
    children,
    calendar: new WorkingCalendar({ overrides }),
    version,
  };
}

/** The unit and every unit below it, parents before children. Cycles in bad data stop here. */
export function subtree(snapshot: DirectorySnapshot, rootId: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const queue = [rootId];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i] as string;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    for (const child of snapshot.children.get(id) ?? []) queue.push(child);
  }
  return out;
}

/**
 * The agency a unit belongs to: the unit itself, or for an office (a team inside a department or
 * a commune People's Committee) the nearest unit above it that is not an office.
 */
export function agencyOf(snapshot: DirectorySnapshot, unitId: string): string {
  let id = unitId;
  for (let hops = 0; hops < 32; hops++) {
    const unit = snapshot.units.get(id);
    if (!unit || unit.kind !== 'office' || unit.parentId === null) return id;
    id = unit.parentId;
  }
  return id;
}

/**
 * The units whose dossiers and complaints an officer sees and acts on.
 *
 * A leader sees their unit's subtree; everyone else their own unit. In both cases an officer
 * whose unit is an office also sees the agency the office belongs to: dossiers and complaints
 * are held by the agency (the department or commune that received them, DonViXuLy) for their
 * whole life, while processing officers and office heads sit in the agency's offices (the
 * synthetic world and the one-stop practice agree on this). Without it, an office's officers
 * could not see the very dossiers assigned to them.
 */
export function scopeOf(snapshot: DirectorySnapshot, officer: Officer): string[] {
  const own = officer.roles.includes('leader')
    ? subtree(snapshot, officer.unitId)
    : [officer.unitId];
  const agency = agencyOf(snapshot, officer.unitId);
  return own.includes(agency) ? own : [agency, ...own];
}
