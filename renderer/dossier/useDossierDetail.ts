import { useCallback, useEffect, useState } from 'react';
import type { DossierDetail } from '@shared/contract/api';
import { call } from '../api/call';
import { useApi } from '../api/context';
import type { Result } from '../api/result';

export interface DossierDetailState {
  /** The latest answer for this id, kept on screen while a refresh is under way. */
  readonly result: Result<DossierDetail> | null;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * One dossier with its history, refetched when it changes in the store. Loading is derived from
 * which request the answer belongs to, so switching dossiers never flashes the previous one.
 */
export function useDossierDetail(id: string): DossierDetailState {
  const client = useApi();
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{
    id: string;
    attempt: number;
    result: Result<DossierDetail>;
  } | null>(null);

  useEffect(() => {
    let current = true;
    void call(client, 'dossiers.get', { id }).then((result) => {
      if (current) setAnswer({ id, attempt, result });
    });
    return () => {
      current = false;
    };
  }, [client, id, attempt]);

  useEffect(
    () =>
      client.on('dossiers.changed', ({ ids }) => {
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
