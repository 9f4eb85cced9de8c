import type { ActingOfficer } from '@shared/domain/rules';
import type { KindName } from '@shared/kinds';
import type { Officer } from '@shared/model';
import type { Db } from '../store/db';
import type { QueryContext } from '../store/keyset';
import { STORAGE } from '../store/kinds';

/**
 * The officer the workbench works for: the one whose session filled this cache (the sync
 * engine keeps them after sign-out too, and acts as them; the cache holds their scope). Null
 * before anyone signed in on this computer: lists then cover everything in the cache.
 */
export interface WorkbenchSession {
  officer: Officer | null;
  scopeUnitIds: readonly string[];
}

export type SessionSource = () => WorkbenchSession;

/** Who asks, for a list of one kind: `mine` and `inMyUnits` resolve against it. */
export function queryContext(db: Db, kind: KindName, s: WorkbenchSession): QueryContext {
  return {
    officerId: s.officer?.id ?? null,
    scopeUnitIds: s.officer ? scopeOf(db, kind, s.scopeUnitIds) : null,
  };
}

interface ScopeMemo {
  key: string;
  scope: string[] | null;
}
const memos = new WeakMap<Db, Map<KindName, ScopeMemo>>();
const versions = new WeakMap<Db, () => string>();

/**
 * Whether the cache holds anything outside the scope changes only when the store does: the
 * answer is kept until this connection's change count or SQLite's data_version (another
 * connection committed) moves, so a burst of list and count calls probes once.
 */
function scopeOf(db: Db, kind: KindName, scope: readonly string[]): string[] | null {
  let version = versions.get(db);
  if (!version) {
    const changes = db.prepare('SELECT total_changes() AS n');
    version = () =>
      `${(changes.get() as { n: number }).n}:${String(db.pragma('data_version', { simple: true }))}`;
    versions.set(db, version);
  }
  const key = `${version()}|${JSON.stringify(scope)}`;
  let perDb = memos.get(db);
  if (!perDb) memos.set(db, (perDb = new Map<KindName, ScopeMemo>()));
  const memo = perDb.get(kind);
  if (memo?.key === key) return memo.scope;
  const effective = STORAGE[kind].list.effectiveScope(db, scope);
  perDb.set(kind, { key, scope: effective });
  return effective;
}

export function actingOfficer(s: WorkbenchSession): ActingOfficer | null {
  return s.officer ? { id: s.officer.id, roles: s.officer.roles, unitIds: s.scopeUnitIds } : null;
}

/** The key officer-owned rows are stored under ('' when nobody is signed in). */
export function officerKey(s: WorkbenchSession): string {
  return s.officer?.id ?? '';
}
