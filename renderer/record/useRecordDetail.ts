import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../api/context';
import type { Result } from '../api/result';
import { getRecord, onChanged } from '../kinds/contract';
import type { DetailBase, UiKind } from '../kinds/kind';

/** As often as the grid re-reads its rows' time left (the records screen's TIME_LEFT_REFRESH_MS). */
const CLOCK_REFRESH_MS = 5 * 60_000;

export interface RecordDetailState {
  /** The latest answer for this id, kept on screen while a refresh is under way. */
  readonly result: Result<DetailBase> | null;
  readonly loading: boolean;
  readonly reload: () => void;
}

/**
 * One record with its history and deadline (`<plural>.get`), fetched again when it changes in
 * the store and every few minutes (the working time left moves with the clock). Loading is
 * derived from which request the answer belongs to, so switching records never flashes the
 * previous one.
 */
export function useRecordDetail(kind: UiKind, id: string): RecordDetailState {
  const client = useApi();
  const plural = kind.shared.plural;
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{
    key: string;
    attempt: number;
    result: Result<DetailBase>;
  } | null>(null);
  const key = `${plural}:${id}`;

  useEffect(() => {
    let current = true;
    void getRecord(client, plural, id).then((result) => {
      if (current) setAnswer({ key, attempt, result });
    });
    return () => {
      current = false;
    };
  }, [client, plural, id, key, attempt]);

  useEffect(
    () =>
      onChanged(client, plural, (ids) => {
        if (ids.includes(id)) setAttempt((n) => n + 1);
      }),
    [client, plural, id],
  );

  // The core computes the time left when asked: ask again now and then so the meter moves.
  useEffect(() => {
    const timer = setInterval(() => setAttempt((n) => n + 1), CLOCK_REFRESH_MS);
    // A moved clock changes the meter at once.
    const off = client.on('app.clock', () => setAttempt((n) => n + 1));
    return () => {
      clearInterval(timer);
      off();
    };
  }, [key, client]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const forThisRecord = answer !== null && answer.key === key ? answer : null;
  return {
    result: forThisRecord?.result ?? null,
    loading: forThisRecord === null || forThisRecord.attempt !== attempt,
    reload,
  };
}
