import { describe, expect, it } from 'vitest';
import { hashPassword, newToken, tokenHash, verifyPassword, weakerThan } from './auth';

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
