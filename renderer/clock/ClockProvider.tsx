import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { movableClock, type MovableClock } from '@shared/clock';
import type { ApiClient } from '@shared/contract/client';
import { call } from '../api/call';
import { useApi } from '../api/context';

/**
 * The page's copy of the core's clock (shared/clock.ts). The core is the one that knows what
 * "now" is — the trainers' sandbox moves it — so the page asks it once (`app.clock`) and
 * follows every move (the `app.clock` event); between the two it runs at the system's pace.
 */
const ClockContext = createContext<MovableClock | null>(null);

export function followCoreClock(client: ApiClient, clock: MovableClock): () => void {
  let current = true;
  const follow = (reading: { now: number; running: boolean }) => {
    clock.setRunning(reading.running);
    clock.set(reading.now);
  };
  void call(client, 'app.clock', {}).then((result) => {
    if (current && result.ok) follow(result.value);
  });
  const off = client.on('app.clock', follow);
  return () => {
    current = false;
    off();
  };
}

export function ClockProvider({
  children,
  clock: given,
}: Readonly<{ children: ReactNode; clock?: MovableClock }>) {
  const client = useApi();
  const [clock] = useState(() => given ?? movableClock());
  useEffect(() => followCoreClock(client, clock), [client, clock]);
  return <ClockContext value={clock}>{children}</ClockContext>;
}

export function useClock(): MovableClock {
  const clock = useContext(ClockContext);
  if (!clock) throw new Error('useClock() needs a <ClockProvider> above it');
  return clock;
}
