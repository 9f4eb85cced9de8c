import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Queue, ViewDefinition } from '@shared/contract/api';
import type { ApiError } from '@shared/contract/envelope';
import { KINDS } from '@shared/kinds';
import { call } from '../api/call';
import { useApi } from '../api/context';
import type { Result } from '../api/result';
import { listPage, onChanged, perKind, type Plural } from '../kinds/contract';
import { createCountRefresher, groupQueues, localQueues, type QueueGroups } from './queue-model';

export interface QueuesState {
  readonly groups: QueueGroups;
  /** Why the core's queues are missing (the local ones are shown meanwhile). */
  readonly error: ApiError | null;
  readonly loaded: boolean;
  save(input: { id?: string; name: string; view: ViewDefinition }): Promise<Result<Queue>>;
  remove(id: string): Promise<Result<{ deleted: boolean }>>;
  refresh(): void;
}

/**
 * The queues with live counts: asked once, then again (batched) whenever records of any kind
 * change in the store, the officer's views change, or the session changes.
 */
export function useQueues(sessionKey: string): QueuesState {
  const client = useApi();
  const [remote, setRemote] = useState<Result<{ queues: Queue[] }> | null>(null);
  // Each kind's whole count, for its "all" queue.
  const [counts, setCounts] = useState<Partial<Record<Plural, number | null>>>({});

  const load = useCallback(async () => {
    const [queues, ...totals] = await Promise.all([
      call(client, 'queues.list', {}),
      ...KINDS.map((kind) => listPage(client, kind.plural, { limit: 1 })),
    ]);
    setRemote(queues);
    setCounts((current) =>
      perKind((kind, i) => {
        const total = totals[i];
        return total?.ok ? total.value.total : (current[kind.plural] ?? null);
      }),
    );
  }, [client]);

  const refresher = useRef<ReturnType<typeof createCountRefresher> | null>(null);

  useEffect(() => {
    const counter = createCountRefresher(load);
    refresher.current = counter;
    counter.request(true);
    const request = () => counter.request();
    const offs = [
      ...KINDS.map((kind) => onChanged(client, kind.plural, request)),
      client.on('views.changed', request),
      // Due soon and overdue follow the clock: a moved clock recounts them.
      client.on('app.clock', () => counter.request(true)),
    ];

    return () => {
      counter.dispose();
      refresher.current = null;
      for (const off of offs) off();
    };
  }, [client, load, sessionKey]);

  const save = useCallback(
    async (input: { id?: string; name: string; view: ViewDefinition }) => {
      const result = await call(client, 'views.save', input);
      if (result.ok) void load();
      return result;
    },
    [client, load],
  );

  const remove = useCallback(
    async (id: string) => {
      const result = await call(client, 'views.delete', { id });
      if (result.ok) void load();
      return result;
    },
    [client, load],
  );

  const groups = useMemo(
    () => groupQueues(localQueues(counts), remote?.ok ? remote.value.queues : null),
    [counts, remote],
  );

  return {
    groups,
    error: remote && !remote.ok ? remote.error : null,
    loaded: remote !== null,
    save,
    remove,
    refresh: () => refresher.current?.request(),
  };
}
