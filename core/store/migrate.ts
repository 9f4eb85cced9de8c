import type Database from 'better-sqlite3';

export interface Migration {
  /** 1-based, contiguous: migration N brings the schema from version N-1 to N. */
  version: number;
  name: string;
  up(db: Database.Database): void;
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
 * Applies pending migrations in order, all in one transaction with the user_version bump, so a
 * crash leaves either the old schema or the new one and never half of it. A database newer than
 * the app is refused untouched rather than "downgraded".
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at ${m.name}`);
  });
  const latest = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new StoreTooNewError(current, latest);
  if (current === latest) return current;
  db.transaction(() => {
    for (const m of migrations.slice(current)) m.up(db);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return latest;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
