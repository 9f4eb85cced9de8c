import type { Db } from '../db';

/** The cache's key–value settings (sync position, session, client id). */
export interface MetaRepository {
  get(key: string): string | null;
  /** null deletes the key. */
  set(key: string, value: string | null): void;
}

export function createMetaRepository(db: Db): MetaRepository {
  const get = db.prepare('SELECT value FROM meta WHERE key = ?');
  const set = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const del = db.prepare('DELETE FROM meta WHERE key = ?');
  return {
    get: (key) => (get.get(key) as { value: string } | undefined)?.value ?? null,
    set: (key, value) => {
      if (value === null) del.run(key);
      else set.run(key, value);
    },
  };
}
