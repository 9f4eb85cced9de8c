import type { SafeStorage } from 'electron';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { TokenStore } from '../../core/sync/engine';

/**
 * The session token, encrypted with the operating system's key store through Electron's
 * safeStorage, so that a copied data folder does not carry a usable session. Where the OS offers
 * no key store (safeStorage unavailable, or only its plain-text fallback on Linux), the token is
 * kept in memory only and the officer signs in again at the next start.
 */
export function safeStorageTokenStore(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
    getSelectedStorageBackend?: () => string;
  },
  file: string,
): TokenStore {
  let memory: string | null = null;
  const usable = () =>
    safeStorage.isEncryptionAvailable() &&
    safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
  return {
    load() {
      if (memory !== null) return memory;
      if (!usable() || !existsSync(file)) return null;
      try {
        memory = safeStorage.decryptString(readFileSync(file));
        return memory;
      } catch {
        rmSync(file, { force: true });
        return null;
      }
    },
    save(token) {
      memory = token;
      if (token === null) {
        rmSync(file, { force: true });
        return;
      }
      if (usable()) writeFileSync(file, safeStorage.encryptString(token), { mode: 0o600 });
    },
  };
}
