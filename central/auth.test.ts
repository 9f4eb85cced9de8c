import { describe, expect, it } from 'vitest';
import {
  AddressThrottle,
  addressKey,
  hashPassword,
  newToken,
  tokenHash,
  verifyPassword,
  weakerThan,
} from './auth';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('passwords', () => {
  it('hashes with a fresh salt each time and verifies', async () => {
    const a = await hashPassword('mật khẩu', CHEAP);
    const b = await hashPassword('mật khẩu', CHEAP);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('mật khẩu', a)).toBe(true);
    expect(await verifyPassword('mat khau', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('treats NFC and NFD spellings of a password alike', async () => {
    const nfc = 'Đức'.normalize('NFC');
    const hash = await hashPassword(nfc, CHEAP);
    expect(await verifyPassword(nfc.normalize('NFD'), hash)).toBe(true);
  });

  it('refuses malformed stored hashes instead of throwing', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$x$8$1$a$b',
      'bcrypt$1$2$3$4$5',
      'scrypt$1024$8$1$$',
    ]) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });

  it('knows a hash made with a lower cost', async () => {
    const hash = await hashPassword('x', CHEAP);
    expect(weakerThan(hash, { N: 2048, r: 8, p: 1 })).toBe(true);
    expect(weakerThan(hash, CHEAP)).toBe(false);
    expect(weakerThan('garbage', CHEAP)).toBe(false);
  });
});

describe('tokens', () => {
  it('are random, URL-safe and stored as a SHA-256', () => {
    const a = newToken();
    const b = newToken();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash(a)).toBe(tokenHash(a));
    expect(tokenHash(a)).not.toBe(tokenHash(b));
  });
});

describe('sign-in limits per address', () => {
  it('counts an IPv4 address itself, an IPv4-mapped one as its IPv4, and IPv6 by its /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('203.0.113.8')).not.toBe(addressKey('203.0.113.7'));
    // One subscriber's /64, however it is written: one key.
    const block = [
      '2001:db8:1:2::a',
      '2001:db8:1:2::',
      '2001:DB8:1:2:FFFF:FFFF:FFFF:FFFF',
      '2001:0db8:0001:0002:0000:0000:0000:0001',
      '2001:db8:1:2:abcd::1',
    ].map(addressKey);
    expect(new Set(block).size).toBe(1);
    // The neighbouring /64s are other subscribers.
    expect(addressKey('2001:db8:1:3::a')).not.toBe(block[0]);
    expect(addressKey('2001:db8:2:2::a')).not.toBe(block[0]);
    // Zeros left out in the first half still land in the right groups.
    expect(addressKey('2001:db8::1')).toBe(addressKey('2001:db8:0:0:ffff::'));
    expect(addressKey('2001:db8::1')).not.toBe(addressKey('2001:db8:0:1::1'));
    expect(addressKey('::1')).not.toBe(addressKey('2001:db8::1'));
  });

  const WINDOW = 15 * 60_000;
  /** Whether the address must wait at `now`, asked as a sign-in would ask. */
  const waits = (throttle: AddressThrottle, address: string, now: number): number => {
    const attempt = throttle.begin(address);
    try {
      return throttle.wait(address, attempt, now);
    } finally {
      attempt.end();
    }
  };

  it('makes an address wait after its limit until its oldest failure leaves the window', () => {
    const throttle = new AddressThrottle({ max: 3, windowMs: WINDOW });
    for (let t = 0; t < 3; t++) {
      expect(waits(throttle, '198.51.100.1', 1000 + t)).toBe(0);
      throttle.failed('198.51.100.1', 1000 + t);
    }
    expect(waits(throttle, '198.51.100.1', 5000)).toBe(1000 + WINDOW - 5000);
    expect(waits(throttle, '198.51.100.2', 5000)).toBe(0);
    expect(waits(throttle, '198.51.100.1', 1001 + WINDOW)).toBe(0);
  });

  it('counts attempts still under way, so that guesses sent at once pass only up to the limit', () => {
    const throttle = new AddressThrottle({ max: 3, windowMs: WINDOW });
    throttle.failed('198.51.100.1', 1000);
    const attempts = Array.from({ length: 5 }, () => throttle.begin('198.51.100.1'));
    const answers = attempts.map((a) => throttle.wait('198.51.100.1', a, 2000));
    expect(answers.filter((ms) => ms === 0)).toHaveLength(2);
    for (const a of attempts) a.end();
    // Once they ended (and recorded nothing), the address may try again.
    expect(waits(throttle, '198.51.100.1', 2000)).toBe(0);
  });

  it('stays bounded under a flood of addresses and never forgets a throttled one for it', () => {
    const throttle = new AddressThrottle({ max: 3, windowMs: WINDOW }, 100);
    for (let i = 0; i < 3; i++) throttle.failed('203.0.113.66', 1000);
    for (let i = 0; i < 10_000; i++) throttle.failed(`10.${i >> 8}.${i & 255}.1`, 2000);
    expect(throttle.size).toBeLessThanOrEqual(100);
    expect(waits(throttle, '203.0.113.66', 3000)).toBeGreaterThan(0);
  });

  it('forgets the least recently failed address that is not throttled first', () => {
    const throttle = new AddressThrottle({ max: 3, windowMs: WINDOW }, 3);
    throttle.failed('q1', 1);
    throttle.failed('q2', 2);
    throttle.failed('q3', 3);
    throttle.failed('q1', 4);
    // Full: a new address pushes out q2, whose one failure is forgotten; q1 keeps both.
    throttle.failed('new', 5);
    expect(throttle.size).toBe(3);
    throttle.failed('q1', 6);
    expect(waits(throttle, 'q1', 7)).toBeGreaterThan(0);
    throttle.failed('q2', 8);
    throttle.failed('q2', 9);
    expect(waits(throttle, 'q2', 10)).toBe(0);
  });

  it('when only throttled addresses fill it, tracks no new one until one of them expires', () => {
    const throttle = new AddressThrottle({ max: 1, windowMs: WINDOW }, 2);
    throttle.failed('a', 1000);
    throttle.failed('b', 1000);
    throttle.failed('c', 1000);
    expect(throttle.size).toBe(2);
    expect(waits(throttle, 'a', 2000)).toBeGreaterThan(0);
    expect(waits(throttle, 'b', 2000)).toBeGreaterThan(0);
    expect(waits(throttle, 'c', 2000)).toBe(0);
    // Past the window, the expired ones make room.
    throttle.failed('c', 1001 + WINDOW);
    expect(throttle.size).toBeLessThanOrEqual(2);
    expect(waits(throttle, 'c', 1002 + WINDOW)).toBeGreaterThan(0);
  });
});
