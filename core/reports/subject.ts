import { ApiFailure } from '@shared/contract/envelope';
import type { ResolvedPeriod } from '@shared/contract/api';
import { localDayOf } from '@shared/domain/calendar/time';
import { boundsOf, endsBeforeStart, type DayRange } from '@shared/reports/period';
import type { Db } from '../store/db';
import { unitTree, type TallyScope } from '../store/reports/tallies';
import type { WorkbenchSession } from '../services/session';

/**
 * Whose figures a report shows and for when. A leader (or anyone signed out, on a demo store)
 * sees any unit of their scope and everything under it; an officer who is not a leader sees
 * their own dossiers. A unit outside the signed-in officer's scope is refused, naming it.
 */

export interface Subject {
  readonly unit: { id: string; name: string; unitIds: string[] };
  readonly assigneeId: string | null;
  readonly scope: TallyScope;
  /** Unit id → kind, name and parent, for grouping by level. */
  readonly units: ReadonlyMap<string, { name: string; kind: string; parentId: string | null }>;
}

export function resolvePeriod(range: DayRange, now: number): ResolvedPeriod {
  if (endsBeforeStart(range)) {
    throw new ApiFailure(
      'BAD_REQUEST',
      `period: the last day ${range.to} is before the first day ${range.from}`,
    );
  }
  const bounds = boundsOf(range);
  if (!bounds)
    throw new ApiFailure(
      'BAD_REQUEST',
      `period: ${range.from}–${range.to} is not a period of days`,
    );
  // Taken to the minute: figures asked for within it agree (and are computed once).
  const at = Math.min(bounds.end, Math.floor(now / 60_000) * 60_000);
  return {
    from: range.from,
    to: range.to,
    start: bounds.start,
    end: bounds.end,
    at,
    current: at < bounds.end && localDayOf(now) >= localDayOf(bounds.start),
  };
}

export function resolveSubject(
  db: Db,
  session: WorkbenchSession,
  unitId: string | undefined,
): Subject {
  const tree = unitTree(db);
  const units = new Map(
    tree.map((u) => [u.id, { name: u.name, kind: u.kind, parentId: u.parentId }]),
  );
  const children = new Map<string, string[]>();
  for (const u of tree) {
    if (u.parentId === null) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u.id);
    children.set(u.parentId, list);
  }
  const subtree = (root: string): string[] => {
    const out: string[] = [];
    const seen = new Set<string>();
    const queue = [root];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i] as string;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(id);
      queue.push(...(children.get(id) ?? []));
    }
    return out;
  };
  const officer = session.officer;
  const leads = officer === null || officer.roles.includes('leader');
  const rootOf = (): string => {
    if (officer)
      return officer.roles.includes('leader')
        ? officer.unitId
        : (session.scopeUnitIds[0] ?? officer.unitId);
    return tree.find((u) => u.parentId === null)?.id ?? '';
  };
  const root = unitId ?? rootOf();
  if (unitId !== undefined && !units.has(unitId)) {
    throw new ApiFailure('NOT_FOUND', `unitId: there is no unit ${unitId} in this store`);
  }
  if (officer && !session.scopeUnitIds.includes(root)) {
    throw new ApiFailure(
      'FORBIDDEN',
      `unitId: ${units.get(root)?.name ?? root} (${root}) is outside your units`,
    );
  }
  // An officer's scope may hold units the tree lacks (a cache never synced): keep what is known.
  const unitIds = units.has(root) ? subtree(root) : [root];
  const inScope = officer ? unitIds.filter((u) => session.scopeUnitIds.includes(u)) : unitIds;
  const assigneeId = leads ? null : (officer?.id ?? null);
  return {
    unit: { id: root, name: units.get(root)?.name ?? root, unitIds: inScope },
    assigneeId,
    scope: { unitIds: inScope, assigneeId },
    units,
  };
}

/** The level a unit's dossiers are counted at in Biểu 06 (an office counts with its agency). */
export function levelOf(units: Subject['units'], unitId: string): 'province' | 'commune' {
  let id: string | null = unitId;
  for (let hops = 0; hops < 32 && id !== null; hops++) {
    const u = units.get(id);
    if (!u) return 'province';
    if (u.kind === 'commune') return 'commune';
    if (u.kind === 'department' || u.kind === 'province') return 'province';
    id = u.parentId;
  }
  return 'province';
}
