import { useEffect, useState } from 'react';
import { useClock } from '../clock/ClockProvider';

/**
 * The core's time, refreshed every `intervalMs` and at once whenever the clock is moved, so
 * deadline colours change while the screen is open and follow the trainer's clock.
 */
export function useNow(intervalMs = 60_000): number {
  const clock = useClock();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(clock.now()), intervalMs);
    const off = clock.subscribe(setNow);
    return () => {
      clearInterval(timer);
      off();
    };
  }, [clock, intervalMs]);
  return now;
}
