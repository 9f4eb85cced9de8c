import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { TokenStore } from '../sync/engine';

/**
 * The data folder's key: random bytes in a file beside the data folder (`<folder>.key`),
 * created readable by its owner only (0600). What it protects: secrets kept in the data folder
 * (the browser host's session token, later other data) are sealed with it, so a copy of the data
 * folder alone — a backup, a folder sent to a colleague or a support desk — carries no usable
 * session. What it does not protect: anyone who can read both files as this user (the same
 * account, an administrator, malware running as the officer) can unseal everything; it is not
 * the operating system's key store, which the desktop shell uses through safeStorage instead.
 */
export const DATA_KEY_BYTES = 32;

export class DataKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataKeyError';
  }
}

/** Where a data folder's key lives: beside it, not inside, so copying the folder leaves it out. */
export function dataKeyPath(dataDir: string): string {
  return join(dirname(dataDir), `${basename(dataDir)}.key`);
}

/**
 * Reads the key, creating it on first use. Refuses a key file others can read or write (the
 * owner must fix its mode; silently tightening it would hide that it was exposed) and a file of
 * the wrong size.
 */
export function loadOrCreateDataKey(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const key = randomBytes(DATA_KEY_BYTES);
    // Written under a temporary name and renamed, so a crash never leaves a short key behind;
    // 'wx' refuses to follow a file planted at the temporary name.
    const temporary = `${file}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, key);
    } finally {
      closeSync(fd);
    }
    // The mode given to open is masked by the umask; set it exactly.
    chmodSync(temporary, 0o600);
    try {
      renameSync(temporary, file);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
    // Another process may have created the key at the same moment: the file on disk wins.
    return readKey(file);
  }
  return readKey(file);
}

function readKey(file: string): Buffer {
  if (process.platform !== 'win32') {
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new DataKeyError(
        `the key file ${file} can be read or written by others (mode ${mode.toString(8)}): run chmod 600 on it`,
      );
    }
  }
  const key = readFileSync(file);
  if (key.length !== DATA_KEY_BYTES) {
    throw new DataKeyError(`the key file ${file} is not a key (${key.length} bytes)`);
  }
  return key;
}

/**
 * A key for one purpose, derived from the data folder's key (HKDF-SHA256 with the purpose as
 * its info), so the one key file serves the sealed session, the local store and the embedded
 * central API's file without any two of them sharing a key.
 */
export function deriveKey(key: Buffer, purpose: string, bytes = DATA_KEY_BYTES): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), purpose, bytes));
}

/** The purpose the local store's key is derived for (see deriveKey). */
export const STORE_KEY_PURPOSE = 'workbench store v1';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a fresh nonce per message. `purpose` is bound into the tag, so a sealed
 * session token cannot be passed off as another secret sealed with the same key.
 */
export function seal(key: Buffer, plaintext: Buffer, purpose: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** The plaintext, or null when the message was not sealed with this key for this purpose. */
export function unseal(key: Buffer, sealed: Buffer, purpose: string): Buffer | null {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) return null;
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    return null;
  }
}

const TOKEN_PURPOSE = 'workbench session token v1';

/**
 * The browser host's session token, sealed with the data folder's key in `file` (inside the
 * data folder), so the session survives a restart of the host. A file that does not open with
 * this key (another key, tampered with) is removed and the officer signs in again.
 */
export function sealedFileTokenStore(file: string, key: Buffer): TokenStore {
  let memory: string | null | undefined;
  return {
    load() {
      if (memory !== undefined) return memory;
      memory = null;
      if (!existsSync(file)) return memory;
      const opened = unseal(key, readFileSync(file), TOKEN_PURPOSE);
      if (opened === null) rmSync(file, { force: true });
      else memory = opened.toString('utf8');
      return memory;
    },
    save(token) {
      memory = token;
      if (token === null) {
        rmSync(file, { force: true });
        return;
      }
      const temporary = `${file}.tmp`;
      writeFileSync(temporary, seal(key, Buffer.from(token, 'utf8'), TOKEN_PURPOSE), {
        mode: 0o600,
      });
      renameSync(temporary, file);
    },
  };
}
