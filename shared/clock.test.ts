import { describe, expect, it } from 'vitest';
import { fixedClock, movableClock } from './clock';

describe('movable clock', () => {
  it('runs at the pace of the clock it follows from the moment it was set to', () => {
    let system = 1_000;
    const clock = movableClock({ base: () => system, at: 50_000 });
    expect(clock.now()).toBe(50_000);
    system += 250;
    expect(clock.now()).toBe(50_250);
    clock.advance(3_600_000);
    expect(clock.now()).toBe(3_650_250);
    clock.set(10);
    expect(clock.now()).toBe(10);
    expect(clock.offset()).toBe(10 - system);
  });

  it('tells its listeners of every move with the new time, until they leave', () => {
    const clock = movableClock({ base: fixedClock(0) });
    const heard: number[] = [];
    const off = clock.subscribe((at) => heard.push(at));
    clock.advance(5);
    clock.set(100);
    off();
    clock.advance(1);
    expect(heard).toEqual([5, 100]);
  });

  it('refuses a moment or a duration that is not a number, and stays where it was', () => {
    const clock = movableClock({ base: fixedClock(0), at: 7 });
    expect(() => clock.set(Number.NaN)).toThrow(RangeError);
    expect(() => clock.advance(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(clock.now()).toBe(7);
  });
});

describe('a stopped clock', () => {
  it('reads the same moment until it is moved, and runs on from there once started', () => {
    let system = 0;
    const clock = movableClock({ base: () => system, at: 1_000, running: false });
    system += 5_000;
    expect(clock.now()).toBe(1_000);
    clock.advance(60_000);
    system += 5_000;
    expect(clock.now()).toBe(61_000);
    clock.setRunning(true);
    system += 10;
    expect(clock.now()).toBe(61_010);
    clock.setRunning(false);
    system += 99;
    expect(clock.now()).toBe(61_010);
    expect(clock.running()).toBe(false);
  });
});
