import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * What a migration may ask to have rebuilt once the schema is up to date: data that only live
 * code knows how to build (search documents fold their text in JavaScript). A migration is frozen
 * SQL and its own constants, so it never calls that code; it names the repair instead, and
 * `openStore` runs it from the registry in repairs.ts.
 */
export type RepairName = 'search-index';

/** A repair step: rebuilds its data from the records, on the latest schema. */
export type Repair = (db: Database.Database) => void;
export type Repairs = Readonly<Record<RepairName, Repair>>;

export interface Migration {
  /** 1-based, contiguous: migration N brings the schema from version N-1 to N. */
  version: number;
  name: string;
  up(db: Database.Database): void;
  /** The repairs to run once every pending migration is applied, each once however many ask. */
  repairs?: readonly RepairName[];
}

export class StoreTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This data file was written by a newer version of the app (schema ${found}; this app knows up to ${supported}). Update the app; the file was not changed.`,
    );
    this.name = 'StoreTooNewError';
  }
}

/**
 * Applies pending migrations in order, then the repairs they ask for, all in one transaction with
 * the user_version bump, so a crash leaves either the old schema or the new one with its derived
 * data rebuilt, and never half of it. Repairs run after the last migration because they are
 * today's code, which knows only today's schema. A database newer than the app is refused
 * untouched rather than "downgraded".
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  repairs: Partial<Repairs> = {},
): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at ${m.name}`);
  });
  const latest = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new StoreTooNewError(current, latest);
  if (current === latest) return current;
  const pending = migrations.slice(current);
  const steps = [...new Set(pending.flatMap((m) => m.repairs ?? []))].map((name) => {
    const step = repairs[name];
    if (!step) throw new Error(`no repair step "${name}", which a migration asks for`);
    return step;
  });
  db.transaction(() => {
    for (const m of pending) m.up(db);
    for (const step of steps) step(db);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return latest;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
