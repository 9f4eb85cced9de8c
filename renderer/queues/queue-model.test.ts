import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Queue } from '@shared/contract/api';
import {
  allQueueId,
  createCountRefresher,
  findQueue,
  fromQueue,
  groupQueues,
  localQueues,
} from './queue-model';

const ALL_DOSSIERS_ID = allQueueId('dossiers');
const ALL_COMPLAINTS_ID = allQueueId('complaints');

const builtin = (id: string, entity: 'dossier' | 'complaint', count: number): Queue => ({
  id,
  kind: 'builtin',
  nameKey: `queues.${id}`,
  name: null,
  count,
  view:
    entity === 'dossier'
      ? { entity, filter: {}, sort: { field: 'dueAt', direction: 'asc' }, columns: [] }
      : { entity, filter: {}, sort: { field: 'dueAt', direction: 'asc' }, columns: [] },
});

const custom = (id: string, name: string): Queue => ({
  id,
  kind: 'custom',
  nameKey: null,
  name,
  count: 3,
  view: {
    entity: 'dossier',
    filter: { status: [5] },
    sort: { field: 'number', direction: 'asc' },
    columns: ['number'],
  },
});

describe('groupQueues', () => {
  const local = localQueues({ dossiers: 400, complaints: 20 });

  it('opens each group with its "all" queue, then the core’s, then the officer’s views', () => {
    const groups = groupQueues(local, [
      builtin('my_dossiers', 'dossier', 12),
      builtin('complaints_to_answer', 'complaint', 4),
      builtin('due_soon', 'dossier', 7),
      custom('v1', 'Hồ sơ đất đai chờ bổ sung'),
    ]);
    expect(groups.dossiers.map((q) => q.id)).toEqual([ALL_DOSSIERS_ID, 'my_dossiers', 'due_soon']);
    expect(groups.complaints.map((q) => q.id)).toEqual([ALL_COMPLAINTS_ID, 'complaints_to_answer']);
    expect(groups.custom.map((q) => q.name)).toEqual(['Hồ sơ đất đai chờ bổ sung']);
    expect(findQueue(groups, 'due_soon')?.count).toBe(7);
  });

  it('still offers everything on this computer when the core sent no queues', () => {
    const groups = groupQueues(local, null);
    expect(groups.dossiers.map((q) => q.count)).toEqual([400]);
    expect(groups.complaints.map((q) => q.count)).toEqual([20]);
    expect(groups.custom).toEqual([]);
  });
});

describe('fromQueue', () => {
  it('translates known built-in names and keeps unknown ones readable', () => {
    expect(fromQueue(builtin('overdue', 'dossier', 1)).nameKey).toBe('queues.overdue');
    const unknown = fromQueue({
      ...builtin('x', 'dossier', 0),
      id: 'new_queue',
      nameKey: 'queues.new_queue',
    });
    expect(unknown.nameKey).toBeNull();
    expect(unknown.name).toBe('New queue');
  });
});

describe('createCountRefresher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('recounts once after a burst of change events', async () => {
    const load = vi.fn(() => Promise.resolve());
    const refresher = createCountRefresher(load, { quietMs: 400 });
    for (let i = 0; i < 20; i += 1) {
      refresher.request();
      vi.advanceTimersByTime(50);
    }
    await vi.advanceTimersByTimeAsync(400);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('recounts at least every maxWaitMs during a steady stream', async () => {
    const load = vi.fn(() => Promise.resolve());
    const refresher = createCountRefresher(load, { quietMs: 400, maxWaitMs: 1_000 });
    for (let i = 0; i < 30; i += 1) {
      refresher.request();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(load.mock.calls.length).toBeGreaterThanOrEqual(2);
  });

  it('never runs two counts at once, and recounts after one that may predate a change', async () => {
    let finish: () => void = () => undefined;
    let running = 0;
    let most = 0;
    const load = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          running += 1;
          most = Math.max(most, running);
          finish = () => {
            running -= 1;
            resolve();
          };
        }),
    );
    const refresher = createCountRefresher(load, { quietMs: 100 });
    refresher.request();
    await vi.advanceTimersByTimeAsync(100);
    expect(load).toHaveBeenCalledTimes(1);
    refresher.request();
    await vi.advanceTimersByTimeAsync(100);
    expect(load).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(load).toHaveBeenCalledTimes(2);
    finish();
    expect(most).toBe(1);
  });

  it('counts at once when asked to (the first count), without waiting for quiet', async () => {
    const load = vi.fn(() => Promise.resolve());
    const refresher = createCountRefresher(load, { quietMs: 400 });
    refresher.request(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('stops on dispose', async () => {
    const load = vi.fn(() => Promise.resolve());
    const refresher = createCountRefresher(load, { quietMs: 100 });
    refresher.request();
    refresher.dispose();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(load).not.toHaveBeenCalled();
  });
});
