import { DAY, HOUR, VN_OFFSET, localDay, type DeadlineCalculator } from './time';

/**
 * A weekend-only DeadlineCalculator (Monday–Friday, 08:00–12:00 and 13:00–17:00 UTC+07:00, no
 * holidays) for the generator's own tests and benchmark. The product injects the real
 * WorkingCalendar from shared/domain instead; nothing outside tests should import this.
 */
export function weekendCalendar(): DeadlineCalculator {
  const segments: readonly (readonly [number, number])[] = [
    [8 * HOUR, 12 * HOUR],
    [13 * HOUR, 17 * HOUR],
  ];
  const dayOf = (ms: number) => Math.floor((ms + VN_OFFSET) / DAY);
  const startOf = (day: number) => day * DAY - VN_OFFSET;
  const isWorking = (day: number) => {
    const w = (((day + 4) % 7) + 7) % 7;
    return w !== 0 && w !== 6;
  };

  const forward = (from: number, amount: number): number => {
    let remaining = amount;
    let day = dayOf(from);
    let tod = from - startOf(day);
    for (;;) {
      if (isWorking(day)) {
        for (const [a, b] of segments) {
          if (tod >= b) continue;
          const s = Math.max(tod, a);
          if (remaining <= b - s) return startOf(day) + s + remaining;
          remaining -= b - s;
          tod = b;
        }
      }
      day++;
      tod = 0;
    }
  };

  const backward = (due: number, amount: number): number => {
    let remaining = amount;
    let day = dayOf(due);
    let tod = due - startOf(day);
    if (remaining <= 0) return due;
    for (;;) {
      if (isWorking(day)) {
        for (let i = segments.length - 1; i >= 0; i--) {
          const [a, b] = segments[i] as readonly [number, number];
          if (tod <= a) continue;
          const e = Math.min(tod, b);
          if (remaining <= e - a) return startOf(day) + e - remaining;
          remaining -= e - a;
          tod = a;
        }
      }
      day--;
      tod = DAY;
    }
  };

  return {
    addWorkingDays: (fromMs, days) => forward(fromMs, days * 8 * HOUR),
    subtractWorkingTime: (dueMs, workingMs) => backward(dueMs, workingMs),
  };
}

/**
 * `base` with extra whole days off (local day numbers), to check that the generator learns holidays
 * from the calculator rather than assuming a calendar of its own.
 */
export function withDaysOff(
  base: DeadlineCalculator,
  daysOff: readonly number[],
): DeadlineCalculator {
  const off = new Set(daysOff);
  const skip = (ms: number): number => {
    let t = ms;
    while (off.has(localDay(t))) t = (localDay(t) + 1) * DAY - VN_OFFSET;
    return t;
  };
  const skipBack = (ms: number): number => {
    let t = ms;
    // A moment inside a day off moves to the end of the previous day.
    while (off.has(localDay(t))) t = localDay(t) * DAY - VN_OFFSET;
    return t;
  };
  return {
    addWorkingDays(fromMs, days) {
      // One working day at a time, so every day off is jumped over.
      let t = skip(fromMs);
      let due = t;
      for (let i = 0; i < days; i++) {
        due = base.addWorkingDays(t, 1);
        while (off.has(localDay(due))) due = base.addWorkingDays(skip(due), 1);
        t = due;
      }
      return due;
    },
    subtractWorkingTime(dueMs, workingMs) {
      // Hour by hour backwards, skipping days off; only tests use this.
      let t = dueMs;
      let left = workingMs;
      while (left > 0) {
        const step = Math.min(left, HOUR);
        t = skipBack(base.subtractWorkingTime(t, step));
        left -= step;
      }
      return t;
    },
  };
}
