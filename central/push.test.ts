import { describe, expect, it } from 'vitest';
import { actionTime, conflicts } from './push';

describe('actionTime', () => {
  const now = 1_800_000_000_000;
  const skew = 5 * 60_000;
  const last = now - 3_600_000;

  it('keeps a plausible officer time', () => {
    expect(actionTime(now - 60_000, last, now, skew)).toBe(now - 60_000);
    expect(actionTime(last, last, now, skew)).toBe(last);
    expect(actionTime(now, last, now, skew)).toBe(now);
  });

  it('pulls a slightly fast clock back to now', () => {
    expect(actionTime(now + skew, last, now, skew)).toBe(now);
    expect(actionTime(now + 1, last, now, skew)).toBe(now);
  });

  it('replaces a time too far ahead, or before the record’s last change, by now', () => {
    expect(actionTime(now + skew + 1, last, now, skew)).toBe(now);
    expect(actionTime(last - 1, last, now, skew)).toBe(now);
    expect(actionTime(0, last, now, skew)).toBe(now);
  });

  it('never goes before the record’s last change, even when that is in the future', () => {
    const future = now + 86_400_000;
    expect(actionTime(now, future, now, skew)).toBe(future);
  });
});

describe('conflicts', () => {
  const record = { version: 5, contendedVersion: 4, contendedBy: 'client-x' };

  it('never on the current version', () => {
    expect(conflicts(record, 5, 'stop', 'client-y')).toBe(false);
  });

  it('always on a base newer than the record', () => {
    expect(conflicts(record, 6, 'add_note', 'client-x')).toBe(true);
  });

  it('never for a note on a stale base', () => {
    expect(conflicts(record, 1, 'add_note', 'client-y')).toBe(false);
  });

  it('for another client’s stale action when a contended field changed after the base', () => {
    expect(conflicts(record, 3, 'stop', 'client-y')).toBe(true);
  });

  it('not when only uncontended fields changed after the base', () => {
    expect(conflicts(record, 4, 'stop', 'client-y')).toBe(false);
  });

  it('not when the contended change was the same client’s own', () => {
    expect(conflicts(record, 3, 'stop', 'client-x')).toBe(false);
  });

  it('treats seeded records (no contended version) as unchanged', () => {
    expect(
      conflicts({ version: 2, contendedVersion: null, contendedBy: null }, 1, 'stop', 'c'),
    ).toBe(false);
  });
});
