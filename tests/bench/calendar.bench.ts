/**
 * Calendar arithmetic per call, as the million-row grid and the machines use it (issue 3: each
 * call ≤ 2 µs after warm-up, across years). Moments are random over 2024–2030 so that year
 * tables are crossed, not cached by luck.
 */
import { performance } from 'node:perf_hooks';
import { perCallMicros, type BenchReport } from './lib';
import { WorkingCalendar, dossierDeadlineState, type DossierDeadlineFields } from '@shared/domain';

const COUNT = 1 << 16;
const CALLS = 2_000_000;

/** A small deterministic generator (mulberry32), so runs are comparable. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function run(report: BenchReport): Promise<void> {
  // Cold start: building the calendar and its year tables (lunar dates included) for 2024–2030.
  const t0 = performance.now();
  const calendar = new WorkingCalendar({
    overrides: { 2026: { daysOff: ['2026-08-31'], workingDays: ['2026-08-22'] } },
  });
  calendar.workingTimeBetween(Date.UTC(2024, 0, 1), Date.UTC(2030, 11, 31));
  report.info('calendar', 'cold start: tables for 2024–2030', performance.now() - t0, 'ms');
  const rnd = random(42);
  const from = Date.UTC(2024, 0, 1);
  const span = Date.UTC(2030, 11, 31) - from;
  const a = new Float64Array(COUNT);
  const b = new Float64Array(COUNT);
  const days = new Int32Array(COUNT);
  for (let i = 0; i < COUNT; i++) {
    a[i] = Math.floor(from + rnd() * span);
    b[i] = Math.floor(from + rnd() * span);
    days[i] = 1 + Math.floor(rnd() * 30);
  }
  const mask = COUNT - 1;
  let sink = 0;

  const add = perCallMicros((i) => {
    sink += calendar.addWorkingDays(a[i & mask] ?? 0, days[i & mask] ?? 0);
  }, CALLS);
  report.atMost('calendar', 'addWorkingDays (random 2024–2030, 1–30 days)', add, 'µs', 2);

  const between = perCallMicros((i) => {
    sink += calendar.workingTimeBetween(a[i & mask] ?? 0, b[i & mask] ?? 0);
  }, CALLS);
  report.atMost('calendar', 'workingTimeBetween (random 2024–2030)', between, 'µs', 2);

  const soon = perCallMicros((i) => {
    sink += calendar.subtractWorkingTime(a[i & mask] ?? 0, 8 * 3_600_000);
  }, CALLS);
  report.atMost('calendar', 'subtractWorkingTime (one working day)', soon, 'µs', 2);

  const rows: DossierDeadlineFields[] = [];
  const statuses = [1, 2, 4, 4, 4, 5, 6, 7, 9, 10, 3, 8] as const;
  for (let i = 0; i < COUNT; i++) {
    const dueAt = a[i] ?? 0;
    rows.push({
      status: statuses[i % statuses.length] ?? 4,
      dueAt,
      dueSoonAt: dueAt - 86_400_000,
      finishedAt: (b[i] ?? 0) < dueAt ? (b[i] ?? null) : dueAt + 1,
      late: i % 17 === 0,
      returnedAt: null,
    });
  }
  const now = Date.UTC(2027, 5, 1);
  const state = perCallMicros((i) => {
    const s = dossierDeadlineState(rows[i & mask] ?? (rows[0] as DossierDeadlineFields), now);
    sink += s.length;
  }, CALLS);
  report.atMost('calendar', 'deadline state per row', state, 'µs', 2);

  // Keeps the optimiser from dropping the loops.
  if (sink === Number.MIN_VALUE) report.info('calendar', 'sink', sink, '');
  return Promise.resolve();
}
