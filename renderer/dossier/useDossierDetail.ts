import { useCallback, useEffect, useState } from 'react';
import type { DossierDetail } from '@shared/contract/api';
import { call } from '../api/call';
import { useApi } from '../api/context';
import type { Result } from '../api/result';

/** As often as the grid re-reads its rows' time left (Workbench's TIME_LEFT_REFRESH_MS). */
const CLOCK_REFRESH_MS = 5 * 60_000;

export interface DossierDetailState {
  /** The latest answer for this id, kept on screen while a refresh is under way. */
  readonly result: Result<DossierDetail> | null;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * One dossier with its history and deadline, refetched when it changes in the store and every few
 * minutes (the working time left moves with the clock). Loading is derived from
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

  // The core computes the time left when asked: ask again now and then so the meter moves.
  useEffect(() => {
    const timer = setInterval(() => setAttempt((n) => n + 1), CLOCK_REFRESH_MS);
    return () => clearInterval(timer);
  }, [id]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const forThisId = answer !== null && answer.id === id ? answer : null;
  return {
    result: forThisId?.result ?? null,
    loading: forThisId === null || forThisId.attempt !== attempt,
    reload,
  };
}
