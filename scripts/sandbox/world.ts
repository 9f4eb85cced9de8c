import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { DEMO_ACCOUNTS } from '@shared/synthetic';
import { DEFAULT_CALENDARS, startCentral } from '../../central/index';
import { createSeedGenerator, type GeneratedSeedOptions } from '../../central/seed';
import type { Subject } from '../../core/sandbox/checklist';
import type { Scenario } from '../../core/sandbox/scenario';

/**
 * A training world: the central API's database seeded from a scenario's `world` (same seed and
 * start, same dossiers on every computer), kept as a snapshot that every reset copies back.
 * Snapshots are copies of the closed database file (with its journal, if any): whatever the
 * storage's encryption, a copy carries the same key, and a closed file is consistent.
 */

export type World = Scenario['world'];

export function seedOptions(world: World): GeneratedSeedOptions {
  return {
    seed: world.seed,
    dossiers: world.dossiers,
    complaints: world.complaints,
    end: world.start,
  };
}

export function worldKey(world: World): string {
  return `${world.seed}-${world.start}-${world.dossiers}-${world.complaints}`;
}

const SQLITE_SIDES = ['', '-wal', '-shm'];

/** Copies a closed SQLite file and its journal; a side the source lacks is removed at the target. */
export function copyDatabase(from: string, to: string): void {
  for (const side of SQLITE_SIDES) {
    rmSync(to + side, { force: true });
    if (existsSync(from + side)) copyFileSync(from + side, to + side);
  }
}

/** The same, under a temporary name renamed at the end: a copy cut short is never taken as one. */
export function copyDatabaseWhole(from: string, to: string): void {
  copyDatabase(from, `${to}.part`);
  for (const side of ['-wal', '-shm', '']) {
    if (existsSync(`${to}.part${side}`)) renameSync(`${to}.part${side}`, to + side);
  }
}

export function removeDatabase(path: string): void {
  for (const side of SQLITE_SIDES) rmSync(path + side, { force: true });
}

/** The world's snapshot, seeded on first use (then reused by every reset and later start). */
export async function ensureWorldSnapshot(
  root: string,
  world: World,
  onProgress?: (done: number, total: number) => void,
  binding: { nativeBinding?: string } = {},
): Promise<string> {
  const dir = join(root, 'worlds', worldKey(world));
  const snapshot = join(dir, 'central.db');
  if (existsSync(snapshot)) return snapshot;
  mkdirSync(dir, { recursive: true });
  const building = join(dir, 'building.db');
  removeDatabase(building);
  const central = await startCentral({
    storage: { kind: 'sqlite', file: building, ...binding },
    port: 0,
    seed: { kind: 'generated', options: seedOptions(world) },
    seedPasswordCost: { N: 2 ** 10, r: 8, p: 1 },
    log: () => undefined,
    ...(onProgress ? { onSeedProgress: onProgress } : {}),
  });
  await central.close();
  for (const side of SQLITE_SIDES) {
    if (existsSync(building + side)) renameSync(building + side, snapshot + side);
  }
  return snapshot;
}

export const ROLE_IDS = {
  desk: DEMO_ACCOUNTS.desk.id,
  officer: DEMO_ACCOUNTS.officer.id,
  leader: DEMO_ACCOUNTS.leader.id,
} as const;

/**
 * The record a scenario is about, found in the seeded world by the scenario's rules (the first
 * match in the generator's order, so every computer picks the same) among the demo accounts'
 * unit's records; the scenario's start hands it to its `assignee` (prepareSubject). Remembered
 * beside the snapshot.
 */
export function pickSubject(root: string, scenario: Scenario): Subject | null {
  const rule = scenario.subject;
  if (!rule) return null;
  const file = join(root, 'worlds', worldKey(scenario.world), 'subjects.json');
  // The picking rules are part of the key: a change to them picks again.
  const key = JSON.stringify({ rule, picking: 2 });
  const known = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Subject | null>)
    : {};
  if (key in known) return known[key] ?? null;
  const generator = createSeedGenerator(seedOptions(scenario.world));
  const calendar = new WorkingCalendar({ overrides: DEFAULT_CALENDARS });
  const start = scenario.world.start;
  const unit = DEMO_ACCOUNTS.unitId;
  let found: Subject | null = null;
  if (rule.entity === 'dossier') {
    for (const { dossier: d } of generator.dossiers(scenario.world.dossiers)) {
      if (!rule.status.includes(d.status)) continue;
      if (d.unitId !== unit) continue;
      // A dossier whose appointment was already moved could not teach the apology.
      if (d.apologyCount > 0 || d.late || d.clockPausedAt !== null) continue;
      if (rule.workingDaysLeft) {
        if (d.dueAt === null || d.dueAt <= start) continue;
        const days = calendar.workingTimeBetween(start, d.dueAt) / calendar.officeMsPerDay;
        if (days < rule.workingDaysLeft.min || days > rule.workingDaysLeft.max) continue;
      }
      found = { entity: 'dossier', id: d.id, number: d.number };
      break;
    }
  } else {
    for (const { complaint: c } of generator.complaints(scenario.world.complaints)) {
      if (!rule.status.includes(c.status)) continue;
      if (c.unitId !== unit) continue;
      found = { entity: 'complaint', id: c.id, number: c.number };
      break;
    }
  }
  writeFileSync(file, JSON.stringify({ ...known, [key]: found }, null, 2));
  return found;
}
