import { describe, expect, it } from 'vitest';
import { OFFICE_MS_PER_DAY } from '../format/time-left';
import { deadlineMeter, dossierClock, workingDaysMs } from './deadline-meter';

const DAY = OFFICE_MS_PER_DAY;

describe('deadlineMeter', () => {
  it('fills the bar with the working time used', () => {
    const meter = deadlineMeter('on_track', 2 * DAY, workingDaysMs(10));
    expect(meter?.usedMs).toBe(8 * DAY);
    expect(meter?.usedFraction).toBeCloseTo(0.8);
    expect(meter?.overFraction).toBe(0);
  });

  it('shows how far past the total an overdue record is', () => {
    const meter = deadlineMeter('overdue', -5 * DAY, workingDaysMs(10));
    expect(meter?.usedFraction).toBe(1);
    expect(meter?.overFraction).toBeCloseTo(0.5);
    expect(deadlineMeter('overdue', -50 * DAY, workingDaysMs(10))?.overFraction).toBe(1);
  });

  it('stays empty, not negative, when an apology moved the appointment past the total', () => {
    expect(deadlineMeter('on_track', 12 * DAY, workingDaysMs(10))?.usedFraction).toBe(0);
  });

  it('has nothing to measure without a clock or a total', () => {
    expect(deadlineMeter('paused', null, workingDaysMs(10))).toBeNull();
    expect(deadlineMeter('on_track', DAY, 0)).toBeNull();
  });
});

describe('dossierClock (no grid row to read it from)', () => {
  /** Monday 23 Nov 2026, 10:00 in Hà Nội. */
  const MONDAY_10H = Date.UTC(2026, 10, 23, 3, 0);
  const H = 60 * 60 * 1000;
  const base = {
    status: 4,
    dueAt: Date.UTC(2026, 10, 25, 3, 0), // Wednesday 10:00: two working days later
    dueSoonAt: Date.UTC(2026, 10, 24, 3, 0),
    finishedAt: null,
    returnedAt: null,
    late: false,
    clockRemainingMs: null,
  } as unknown as Parameters<typeof dossierClock>[0];

  it('counts working time on the law’s calendar, like the core', () => {
    expect(dossierClock(base, MONDAY_10H)).toEqual({ state: 'on_track', workingMsLeft: 16 * H });
  });

  it('keeps the time owed while fees are paused, and none while documents are awaited', () => {
    const fees = { ...base, status: 6, clockRemainingMs: 5 * H } as typeof base;
    expect(dossierClock(fees, MONDAY_10H)).toEqual({ state: 'paused', workingMsLeft: 5 * H });
    const docs = { ...base, status: 5 } as typeof base;
    expect(dossierClock(docs, MONDAY_10H)).toEqual({ state: 'paused', workingMsLeft: null });
  });
});
