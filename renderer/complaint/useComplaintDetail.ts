import { useCallback, useEffect, useState } from 'react';
import type { ComplaintDetail } from '@shared/contract/api';
import { call } from '../api/call';
import { useApi } from '../api/context';
import type { Result } from '../api/result';

/** One complaint with its history and deadline, refetched when it changes in the store. */
export function useComplaintDetail(id: string): {
  readonly result: Result<ComplaintDetail> | null;
  readonly loading: boolean;
  readonly reload: () => void;
} {
  const client = useApi();
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{
    id: string;
    attempt: number;
    result: Result<ComplaintDetail>;
  } | null>(null);

  useEffect(() => {
    let current = true;
    void call(client, 'complaints.get', { id }).then((result) => {
      if (current) setAnswer({ id, attempt, result });
    });
    return () => {
      current = false;
    };
  }, [client, id, attempt]);

  useEffect(
    () =>
      client.on('complaints.changed', ({ ids }) => {
        if (ids.includes(id)) setAttempt((n) => n + 1);
      }),
    [client, id],
  );

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const forThisId = answer !== null && answer.id === id ? answer : null;
  return {
    result: forThisId?.result ?? null,
    loading: forThisId === null || forThisId.attempt !== attempt,
    reload,
  };
}
