import { describe, expect, it } from 'vitest';
import { OFFICE_MS_PER_DAY } from '../format/time-left';
import { deadlineMeter, workingDaysMs } from './deadline-meter';

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
