import type { Queue, ViewDefinition } from '@shared/contract/api';
import { humanizeIdentifier, queueNameKey, type QueueNameKey } from '../i18n/keys';

/**
 * The queues on the left. The core sends the officer's built-in queues (my dossiers, due soon…)
 * and saved views with live counts (queues.list); the workbench adds two of its own, "all
 * dossiers" and "all complaints" (everything in the local store: the officer's scope when signed
 * in, the demo data when not), which are also what is shown when queues.list cannot answer.
 */

export type QueueKind = Queue['kind'] | 'local';

export interface QueueItem {
  readonly id: string;
  readonly kind: QueueKind;
  readonly nameKey: QueueNameKey | null;
  readonly name: string;
  readonly view: ViewDefinition;
  /** Null until counted. */
  readonly count: number | null;
}

export const ALL_DOSSIERS_ID = 'all_dossiers';
export const ALL_COMPLAINTS_ID = 'all_complaints';

export const ALL_DOSSIERS_VIEW: ViewDefinition = {
  entity: 'dossier',
  filter: {},
  sort: { field: 'receivedAt', direction: 'desc' },
  columns: [],
};

export const ALL_COMPLAINTS_VIEW: ViewDefinition = {
  entity: 'complaint',
  filter: {},
  sort: { field: 'receivedAt', direction: 'desc' },
  columns: [],
};

export function localQueues(counts: {
  readonly dossiers: number | null;
  readonly complaints: number | null;
}): QueueItem[] {
  return [
    {
      id: ALL_DOSSIERS_ID,
      kind: 'local',
      nameKey: 'queues.all_dossiers',
      name: humanizeIdentifier(ALL_DOSSIERS_ID),
      view: ALL_DOSSIERS_VIEW,
      count: counts.dossiers,
    },
    {
      id: ALL_COMPLAINTS_ID,
      kind: 'local',
      nameKey: 'queues.all_complaints',
      name: humanizeIdentifier(ALL_COMPLAINTS_ID),
      view: ALL_COMPLAINTS_VIEW,
      count: counts.complaints,
    },
  ];
}

export function fromQueue(queue: Queue): QueueItem {
  const key = queue.kind === 'builtin' ? queueNameKey(queue.nameKey) : null;
  return {
    id: queue.id,
    kind: queue.kind,
    nameKey: key,
    name: queue.name ?? humanizeIdentifier(queue.id),
    view: queue.view,
    count: queue.count,
  };
}

export interface QueueGroups {
  readonly dossiers: readonly QueueItem[];
  readonly complaints: readonly QueueItem[];
  readonly custom: readonly QueueItem[];
}

/**
 * Built-in queues grouped by what they list, each group opening with its "all" queue, and the
 * officer's own views last, in the order the core keeps them.
 */
export function groupQueues(
  local: readonly QueueItem[],
  remote: readonly Queue[] | null,
): QueueGroups {
  const items = (remote ?? []).map(fromQueue);
  const builtin = items.filter((q) => q.kind === 'builtin');
  const localDossiers = local.filter((q) => q.view.entity === 'dossier');
  const localComplaints = local.filter((q) => q.view.entity === 'complaint');
  return {
    dossiers: [...localDossiers, ...builtin.filter((q) => q.view.entity === 'dossier')],
    complaints: [...localComplaints, ...builtin.filter((q) => q.view.entity === 'complaint')],
    custom: items.filter((q) => q.kind === 'custom'),
  };
}

export function allQueues(groups: QueueGroups): QueueItem[] {
  return [...groups.dossiers, ...groups.complaints, ...groups.custom];
}

export function findQueue(groups: QueueGroups, id: string): QueueItem | undefined {
  return allQueues(groups).find((q) => q.id === id);
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/**
 * Recounts the queues when records change, without hammering the store: a sync applying
 * thousands of changes fires many events; counts are asked for once things are quiet (or at
 * least every `maxWaitMs` during a long stream), never two at a time, and once more after a
 * count that was under way when new changes arrived (it may predate them).
 */
export function createCountRefresher(
  load: () => Promise<unknown>,
  options: { quietMs?: number; maxWaitMs?: number; timers?: Timers } = {},
): { request(immediately?: boolean): void; dispose(): void } {
  const quietMs = options.quietMs ?? 400;
  const maxWaitMs = options.maxWaitMs ?? 2_000;
  const timers = options.timers ?? defaultTimers;
  let timer: unknown = null;
  let firstAt: number | null = null;
  let running = false;
  let again = false;
  let disposed = false;

  const fire = () => {
    timer = null;
    firstAt = null;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void load()
      .catch(() => undefined)
      .then(() => {
        running = false;
        if (again && !disposed) {
          again = false;
          schedule(false);
        }
      });
  };

  const schedule = (immediately = false) => {
    if (disposed) return;
    const now = timers.now();
    firstAt ??= now;
    if (timer !== null) timers.clearTimeout(timer);
    const wait = immediately ? 0 : Math.min(quietMs, maxWaitMs - (now - firstAt));
    timer = timers.setTimeout(fire, Math.max(0, wait));
  };

  return {
    request: (immediately = false) => schedule(immediately),
    dispose() {
      disposed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
