import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { safeStorageTokenStore } from './token-store';

/** A stand-in for the OS key store: reversible, and never plain text on disk. */
const fakeSafeStorage = (available = true, backend = 'gnome_libsecret') => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend,
  encryptString: (s: string) => Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a)),
  decryptString: (b: Buffer) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString(),
});

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'wb-token-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('session token in the desktop shell', () => {
  it('survives a restart, encrypted on disk', () => {
    const file = join(dir, 'session.bin');
    safeStorageTokenStore(fakeSafeStorage(), file).save('secret-token-123');
    expect(readFileSync(file).toString()).not.toContain('secret-token-123');
    expect(safeStorageTokenStore(fakeSafeStorage(), file).load()).toBe('secret-token-123');
  });

  it('is forgotten on sign-out', () => {
    const file = join(dir, 'session.bin');
    const store = safeStorageTokenStore(fakeSafeStorage(), file);
    store.save('secret-token-123');
    store.save(null);
    expect(existsSync(file)).toBe(false);
    expect(safeStorageTokenStore(fakeSafeStorage(), file).load()).toBeNull();
  });

  it.each([
    ['no key store', fakeSafeStorage(false)],
    ['only the plain-text fallback', fakeSafeStorage(true, 'basic_text')],
  ])('stays in memory only when the OS offers %s', (_case, storage) => {
    const file = join(dir, 'session.bin');
    const store = safeStorageTokenStore(storage, file);
    store.save('secret-token-123');
    expect(store.load()).toBe('secret-token-123');
    expect(existsSync(file)).toBe(false);
  });
});
