import type { SafeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { STORE_KEY_BYTES, storeFileKind } from '../../core/store/db';

type KeyStorage = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: () => string;
};

export class StoreKeyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreKeyUnavailableError';
  }
}

/**
 * The desktop store's key: random bytes wrapped by the operating system's key store through
 * safeStorage, in `file` inside the data folder. Null where the OS offers no key store (or only
 * Linux's plain-text fallback), or where an existing store was encrypted before with the data
 * folder's key file: the caller then uses that key file, as the browser host does.
 */
export function safeStorageStoreKey(
  safeStorage: KeyStorage,
  file: string,
  storeFile: string,
): Buffer | null {
  const usable =
    safeStorage.isEncryptionAvailable() &&
    safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
  if (existsSync(file)) {
    if (!usable) {
      throw new StoreKeyUnavailableError(
        `The data file's key (${file}) is kept by the operating system's key store, which is not available now; sign in to the desktop session that created it.`,
      );
    }
    let hex: string;
    try {
      hex = safeStorage.decryptString(readFileSync(file));
    } catch (error) {
      throw new StoreKeyUnavailableError(
        `The data file's key (${file}) cannot be unwrapped by this account's key store (${(error as Error).message}).`,
      );
    }
    const key = Buffer.from(hex, 'hex');
    if (key.length !== STORE_KEY_BYTES) {
      throw new StoreKeyUnavailableError(`The data file's key (${file}) is damaged.`);
    }
    return key;
  }
  // A store already encrypted without this file was encrypted with the data folder's key file.
  if (!usable || storeFileKind(storeFile) === 'encrypted-or-foreign') return null;
  const key = randomBytes(STORE_KEY_BYTES);
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, safeStorage.encryptString(key.toString('hex')), { mode: 0o600 });
  renameSync(temporary, file);
  return key;
}
