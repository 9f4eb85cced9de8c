import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient } from '@shared/contract/client';
import type { MethodName, MethodOutput, MethodInput } from '@shared/contract/api';
import { call } from '../../api/call';
import type { ApiError } from '@shared/contract/envelope';
import type { Unit } from '@shared/model';
import { useApi } from '../../api/context';
import { useClock } from '../../clock/ClockProvider';
import { useSyncStatus } from '../../session/SessionProvider';
import { periodChoice, pickableUnits, type PeriodChoice } from './dashboard-model';

/** The period and unit a supervisors' screen shows, and who may pick which unit. */
export function useScope() {
  const status = useSyncStatus();
  const client = useApi();
  const [all, setAll] = useState<readonly Unit[]>([]);
  const signedInAs = status?.officer?.id ?? '';
  useEffect(() => {
    void call(client, 'directory.list', {}).then((r) => {
      if (r.ok) setAll(r.value.units);
    });
  }, [client, signedInAs]);
  const officer = status?.officer ?? null;
  const leads = officer === null || officer.roles.includes('leader');
  const root = officer
    ? leads
      ? officer.unitId
      : (status?.scopeUnitIds[0] ?? officer.unitId)
    : null;
  const units = useMemo(
    () =>
      pickableUnits(all, root).filter(
        (u) => !status || !officer || status.scopeUnitIds.includes(u.id),
      ),
    [all, root, status, officer],
  );
  const clock = useClock();
  const [choice, setChoice] = useState<PeriodChoice>(() => periodChoice('month', clock.now()));
  const [picked, setPicked] = useState<string | null>(null);
  const unitId = picked ?? root ?? units[0]?.id ?? null;
  return {
    choice,
    setChoice,
    unitId,
    setUnit: setPicked,
    units,
    mine: !leads,
    officerId: officer?.id ?? null,
  };
}

export type Loaded<T> =
  | { readonly state: 'loading'; readonly value: T | null }
  | { readonly state: 'ready'; readonly value: T; readonly at: number }
  | { readonly state: 'error'; readonly error: ApiError; readonly value: T | null };

/** Quiet time after a change before the figures are asked again. */
const SETTLE_MS = 800;

/**
 * One method's answer for an input, asked again (keeping the last answer on screen) whenever
 * sync or a local action changes dossiers or complaints, once things are quiet: the figures
 * move with the records without reloading the screen. Answers to an older input are dropped.
 */
export function useLiveQuery<M extends MethodName>(
  client: ApiClient,
  method: M,
  input: MethodInput<M> | null,
): Loaded<MethodOutput<M>> & { refresh: () => void } {
  const [loaded, setLoaded] = useState<Loaded<MethodOutput<M>>>({ state: 'loading', value: null });
  const [tick, setTick] = useState(0);
  const key = input === null ? null : JSON.stringify(input);
  const asked = useRef(0);
  const clock = useClock();
  useEffect(() => {
    if (key === null) return;
    const id = ++asked.current;
    // The answer on screen stays while the next is asked; the state says it is being updated.
    queueMicrotask(() => {
      if (id === asked.current) setLoaded((l) => ({ state: 'loading', value: l.value }));
    });
    void call(client, method, JSON.parse(key) as MethodInput<M>).then((result) => {
      if (id !== asked.current) return;
      setLoaded((l) =>
        result.ok
          ? { state: 'ready', value: result.value, at: clock.now() }
          : { state: 'error', error: result.error, value: l.value },
      );
    });
  }, [client, method, key, tick, clock]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const changed = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => setTick((n) => n + 1), SETTLE_MS);
    };
    // A moved clock changes what is late and due soon: the figures are asked again.
    const offs = [
      client.on('dossiers.changed', changed),
      client.on('complaints.changed', changed),
      client.on('app.clock', changed),
    ];
    return () => {
      if (timer) clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [client]);
  return { ...loaded, refresh: () => setTick((n) => n + 1) };
}
