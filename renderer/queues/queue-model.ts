import type { Queue, ViewDefinition } from '@shared/contract/api';
import { KINDS, type KindName } from '@shared/kinds';
import { humanizeIdentifier, queueNameKey, type QueueNameKey } from '../i18n/keys';
import { UI_KINDS } from '../kinds';
import { perKind, type Plural } from '../kinds/contract';

/**
 * The queues on the left. The core sends the officer's built-in queues (my dossiers, due soon…)
 * and saved views with live counts (queues.list); the workbench adds one of its own per kind,
 * "all dossiers", "all complaints" (everything of it in the local store: the officer's scope when
 * signed in, the demo data when not), which are also what is shown when queues.list cannot answer.
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

/** The renderer's own queue of everything in the local store of one kind ("all_dossiers"). */
export function allQueueId(plural: Plural): string {
  return `all_${plural}`;
}

/** Where a workbench opens when the officer has not opened a queue before: the first kind's all. */
export const FIRST_QUEUE_ID = allQueueId(KINDS[0].plural);

export function localQueues(counts: Partial<Record<Plural, number | null>>): QueueItem[] {
  return UI_KINDS.map((kind) => {
    const id = allQueueId(kind.shared.plural);
    // The discriminated union cannot be built from a kind's name; this is that kind's view.
    const view = {
      entity: kind.name,
      filter: {},
      sort: kind.defaultSort,
      columns: [],
    } as ViewDefinition;
    return {
      id,
      kind: 'local',
      nameKey: queueNameKey(id),
      name: humanizeIdentifier(id),
      view,
      count: counts[kind.shared.plural] ?? null,
    };
  });
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

/** Built-in queues by the kind they list (its plural), and the officer's own views. */
export type QueueGroups = Readonly<Record<Plural, readonly QueueItem[]>> & {
  readonly custom: readonly QueueItem[];
};

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
  const of = (name: KindName) => (q: QueueItem) => q.view.entity === name;
  const byKind = perKind((kind) => [
    ...local.filter(of(kind.name)),
    ...builtin.filter(of(kind.name)),
  ]);
  return { ...byKind, custom: items.filter((q) => q.kind === 'custom') };
}

export function allQueues(groups: QueueGroups): QueueItem[] {
  return [...KINDS.flatMap((kind) => groups[kind.plural]), ...groups.custom];
}

export function findQueue(groups: QueueGroups, id: string): QueueItem | undefined {
  return allQueues(groups).find((q) => q.id === id);
}

/** The queue to show for `id`: that one, else (gone, or not loaded yet) the first local one. */
export function resolveQueue(groups: QueueGroups, id: string): QueueItem {
  return findQueue(groups, id) ?? localQueues({})[0] ?? (allQueues(groups)[0] as QueueItem);
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  // Quiet periods are durations: the monotonic timer, which a moved clock does not disturb.
  now: () => performance.now(),
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
