import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/setup';
import { getFormatter } from './format';
import {
  dueText,
  dueTextLabel,
  OFFICE_MS_PER_DAY,
  splitWorkingTime,
  timeLeft,
  timeLeftText,
} from './time-left';

const H = 60 * 60 * 1000;
const M = 60 * 1000;
const DAY = OFFICE_MS_PER_DAY;

const vi = createI18n('vi').t;
const en = createI18n('en').t;
const viNumber = getFormatter('vi').number;
const enNumber = getFormatter('en').number;

const say = (ms: number | null, t = vi, number = viNumber) => {
  const time = timeLeft(ms);
  return time ? timeLeftText(t, time, number) : null;
};

describe('splitWorkingTime', () => {
  it('counts working days of 8 office hours, not calendar days', () => {
    expect(splitWorkingTime(DAY + 3 * H)).toEqual({ days: 1, hours: 3, minutes: 0 });
    expect(splitWorkingTime(16 * H)).toEqual({ days: 2, hours: 0, minutes: 0 });
    expect(splitWorkingTime(24 * H)).toEqual({ days: 3, hours: 0, minutes: 0 });
  });

  it('keeps two units at most and always rounds down', () => {
    expect(splitWorkingTime(DAY + 3 * H + 59 * M)).toEqual({ days: 1, hours: 3, minutes: 0 });
    expect(splitWorkingTime(2 * H + 15 * M + 59_000)).toEqual({ days: 0, hours: 2, minutes: 15 });
    expect(splitWorkingTime(40 * M)).toEqual({ days: 0, hours: 0, minutes: 40 });
  });

  it('measures overdue time by its size', () => {
    expect(splitWorkingTime(-(2 * H + 40 * M))).toEqual({ days: 0, hours: 2, minutes: 40 });
  });

  it('honours another length of the working day', () => {
    expect(splitWorkingTime(10 * H, 5 * H)).toEqual({ days: 2, hours: 0, minutes: 0 });
  });
});

describe('time left in words', () => {
  it('says it the way officers do, in Vietnamese', () => {
    expect(say(DAY + 3 * H)).toBe('còn 1 ngày 3 giờ');
    expect(say(-2 * H)).toBe('quá hạn 2 giờ');
    expect(say(-(3 * DAY + H))).toBe('quá hạn 3 ngày 1 giờ');
    expect(say(2 * DAY)).toBe('còn 2 ngày');
    expect(say(45 * M)).toBe('còn 45 phút');
    expect(say(H + 5 * M)).toBe('còn 1 giờ 5 phút');
  });

  it('calls the last minute either side "due now"', () => {
    expect(say(30_000)).toBe('đến hạn');
    expect(say(-59_000)).toBe('đến hạn');
    expect(say(0)).toBe('đến hạn');
  });

  it('has nothing to say without a running clock', () => {
    expect(say(null)).toBeNull();
    expect(say(Number.NaN)).toBeNull();
  });

  it('speaks English with plurals', () => {
    expect(say(DAY + 3 * H, en, enNumber)).toBe('1 day 3 h left');
    expect(say(-(2 * DAY), en, enNumber)).toBe('2 days overdue');
  });

  it('formats large numbers of days with the locale', () => {
    expect(say(1200 * DAY)).toBe('còn 1.200 ngày');
  });
});

describe('the due column', () => {
  const label = (state: Parameters<typeof dueText>[0], ms: number | null) =>
    dueTextLabel(vi, dueText(state, ms), viNumber);

  it('shows the time left while the clock runs, whatever the colour', () => {
    expect(label('on_track', 2 * DAY)).toBe('còn 2 ngày');
    expect(label('due_soon', 3 * H)).toBe('còn 3 giờ');
    expect(label('overdue', -5 * H)).toBe('quá hạn 5 giờ');
  });

  it('says paused, with the time kept while fees are owed', () => {
    expect(label('paused', null)).toBe('tạm dừng');
    expect(label('paused', DAY)).toBe('tạm dừng, còn 1 ngày');
  });

  it('shows the outcome of a finished record', () => {
    expect(label('finished_on_time', null)).toBe('Hoàn thành đúng hạn');
    expect(label('finished_late', null)).toBe('Hoàn thành trễ hạn');
  });

  it('is empty when a running state has no time (no appointment yet)', () => {
    expect(label('on_track', null)).toBeNull();
  });
});
