import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Queue, ViewDefinition } from '@shared/contract/api';
import type { ApiError } from '@shared/contract/envelope';
import { call } from '../api/call';
import { useApi } from '../api/context';
import type { Result } from '../api/result';
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
 * The queues with live counts: asked once, then again (batched) whenever dossiers or complaints
 * change in the store, the officer's views change, or the session changes.
 */
export function useQueues(sessionKey: string): QueuesState {
  const client = useApi();
  const [remote, setRemote] = useState<Result<{ queues: Queue[] }> | null>(null);
  const [counts, setCounts] = useState<{ dossiers: number | null; complaints: number | null }>({
    dossiers: null,
    complaints: null,
  });

  const load = useCallback(async () => {
    const [queues, dossiers, complaints] = await Promise.all([
      call(client, 'queues.list', {}),
      call(client, 'dossiers.list', { limit: 1 }),
      call(client, 'complaints.list', { limit: 1 }),
    ]);
    setRemote(queues);
    setCounts((current) => ({
      dossiers: dossiers.ok ? dossiers.value.total : current.dossiers,
      complaints: complaints.ok ? complaints.value.total : current.complaints,
    }));
  }, [client]);

  const refresher = useRef<ReturnType<typeof createCountRefresher> | null>(null);

  useEffect(() => {
    const counter = createCountRefresher(load);
    refresher.current = counter;
    counter.request(true);
    const request = () => counter.request();
    const offs = [
      client.on('dossiers.changed', request),
      client.on('complaints.changed', request),
      client.on('views.changed', request),
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
