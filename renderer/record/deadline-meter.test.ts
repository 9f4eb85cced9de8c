import { describe, expect, it } from 'vitest';
import { newDossier } from '@shared/domain/test-fixtures';
import { OFFICE_MS_PER_DAY } from '../format/time-left';
import { uiKind } from '../kinds';
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

describe('the dossier panel’s meter', () => {
  it('measures against the new appointment after an apology: used + left = total', () => {
    const HOUR = DAY / 8;
    const dossier = { ...newDossier(), status: 4 as const, workingDays: 7, apologyCount: 1 };
    // The core's answer: 9 days 3 hours left of 9 days 4 hours since the apology moved the date.
    const detail = {
      dossier: { ...dossier, dueAt: 1, clockStartedAt: 0 },
      deadlineState: 'on_track',
      workingMsLeft: 9 * DAY + 3 * HOUR,
      workingMsTotal: 9 * DAY + 4 * HOUR,
    };
    const props = uiKind('dossier').meter(detail as never, ((key: string) => key) as never);
    const meter = deadlineMeter(props.state, props.workingMsLeft, props.totalMs);
    expect(meter?.usedMs).toBe(HOUR);
    expect((meter?.usedMs ?? 0) + (meter?.leftMs ?? 0)).toBe(meter?.totalMs);
  });
});
