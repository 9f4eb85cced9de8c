import type { Db } from '../store/db';

/**
 * The last few figures computed, kept until the store changes: the dashboard and the scorecard
 * of one period are asked for together, and a leader flips between periods; neither should count
 * twice what has not changed. The store's version is this connection's change count and SQLite's
 * data_version (another connection committed).
 */
const MAX_ENTRIES = 16;

const versions = new WeakMap<Db, () => string>();
const caches = new WeakMap<Db, Map<string, unknown>>();

function versionOf(db: Db): string {
  let version = versions.get(db);
  if (!version) {
    const changes = db.prepare('SELECT total_changes() AS n');
    version = () =>
      `${(changes.get() as { n: number }).n}:${String(db.pragma('data_version', { simple: true }))}`;
    versions.set(db, version);
  }
  return version();
}

export function memoized<T>(db: Db, key: string, compute: () => T): T {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, unknown>()));
  const full = `${versionOf(db)}|${key}`;
  if (cache.has(full)) return cache.get(full) as T;
  const value = compute();
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(full, value);
  return value;
}
