import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DataKeyError,
  dataKeyPath,
  loadOrCreateDataKey,
  seal,
  sealedFileTokenStore,
  unseal,
} from './data-key';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'wb-key-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the data folder key', () => {
  it('lives beside the data folder, so a copy of the folder does not carry it', () => {
    expect(dataKeyPath(join(root, '.data'))).toBe(join(root, '.data.key'));
  });

  it('is created once, readable by its owner only, and read back the same', () => {
    const file = dataKeyPath(join(root, 'data'));
    const key = loadOrCreateDataKey(file);
    expect(key).toHaveLength(32);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateDataKey(file).equals(key)).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('refuses a key file others may read', () => {
    const file = dataKeyPath(join(root, 'data'));
    loadOrCreateDataKey(file);
    chmodSync(file, 0o644);
    expect(() => loadOrCreateDataKey(file)).toThrow(DataKeyError);
  });

  it('seals for one purpose: another key or another purpose cannot open it', () => {
    const key = loadOrCreateDataKey(join(root, 'a.key'));
    const other = loadOrCreateDataKey(join(root, 'b.key'));
    const sealed = seal(key, Buffer.from('bí mật'), 'token');
    expect(unseal(key, sealed, 'token')?.toString()).toBe('bí mật');
    expect(unseal(other, sealed, 'token')).toBeNull();
    expect(unseal(key, sealed, 'something else')).toBeNull();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(unseal(key, tampered, 'token')).toBeNull();
  });
});

describe('the browser host’s session token', () => {
  it('survives a restart, and is never written in plain text', () => {
    const key = loadOrCreateDataKey(join(root, 'data.key'));
    const file = join(root, 'session.sealed');
    const token = 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
    sealedFileTokenStore(file, key).save(token);
    expect(readFileSync(file).toString('latin1')).not.toContain(token);
    // A new host process on the same folder and key.
    expect(sealedFileTokenStore(file, key).load()).toBe(token);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('forgets a token sealed with another key, and one signed out', () => {
    const file = join(root, 'session.sealed');
    sealedFileTokenStore(file, loadOrCreateDataKey(join(root, 'a.key'))).save('t1');
    expect(sealedFileTokenStore(file, loadOrCreateDataKey(join(root, 'b.key'))).load()).toBeNull();
    const key = loadOrCreateDataKey(join(root, 'a.key'));
    const store = sealedFileTokenStore(file, key);
    store.save('t2');
    store.save(null);
    expect(sealedFileTokenStore(file, key).load()).toBeNull();
    writeFileSync(file, 'garbage');
    expect(sealedFileTokenStore(file, key).load()).toBeNull();
  });
});
