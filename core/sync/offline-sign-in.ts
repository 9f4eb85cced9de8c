import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { MetaRepository } from '../store/repos';

/**
 * Offline sign-in: after an officer signs in online, this computer keeps a verifier of their
 * password — never the password — so that they can sign in again while the central API is out
 * of reach. The verifier is scrypt (a slow, memory-hard KDF from node:crypto) with a salt of its
 * own, drawn anew at every online sign-in, and it expires a number of days after the last online
 * sign-in (the central API is the authority: a password changed or an account closed there is
 * noticed at the first online sign-in, and an offline session is confirmed by the central API as
 * soon as it answers). Guessing against a stolen store costs a full scrypt per guess.
 */

export interface ScryptCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/**
 * The central API's own cost for officers' passwords: memory-hard and slow enough that every
 * guess against a copied store costs real time.
 */
export const OFFLINE_VERIFIER_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
export const DEFAULT_OFFLINE_SIGN_IN_DAYS = 14;
const DAY_MS = 86_400_000;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

interface StoredVerifier {
  v: 1;
  officerId: string;
  /** `scrypt$N$r$p$salt$hash`, base64url parts: the cost travels with the hash. */
  hash: string;
  /** The online sign-in this verifier was made at; it expires `days` after it. */
  signedInAt: number;
}

export type OfflineCheck =
  | { ok: true; officerId: string; signedInAt: number }
  | { ok: false; reason: 'unknown' | 'expired' | 'wrong' };

export interface OfflineSignInOptions {
  /** Days an offline sign-in stays possible after the last online one; 0 turns it off. */
  days?: number;
  cost?: ScryptCost;
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = {
    N: cost.N,
    r: cost.r,
    p: cost.p,
    // Node's default memory ceiling is just short of what this cost needs.
    maxmem: 256 * cost.N * cost.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

function parse(hash: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | null {
  const parts = hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p || N > 2 ** 20 || r > 32 || p > 16) return null;
  return {
    cost: { N, r, p },
    salt: Buffer.from(parts[4]!, 'base64url'),
    key: Buffer.from(parts[5]!, 'base64url'),
  };
}

export class OfflineSignIn {
  readonly #meta: MetaRepository;
  readonly #days: number;
  readonly #cost: ScryptCost;

  constructor(meta: MetaRepository, options: OfflineSignInOptions = {}) {
    this.#meta = meta;
    this.#days = options.days ?? DEFAULT_OFFLINE_SIGN_IN_DAYS;
    this.#cost = options.cost ?? OFFLINE_VERIFIER_COST;
  }

  get enabled(): boolean {
    return this.#days > 0;
  }

  /** One verifier per central API and username (usernames compared without case). */
  #key(serverUrl: string, username: string): string {
    return `offline.verifier:${serverUrl}|${username.trim().toLowerCase()}`;
  }

  /** After an online sign-in the central API accepted: keep (or renew) the verifier. */
  async remember(
    serverUrl: string,
    username: string,
    password: string,
    officerId: string,
    now: number,
  ): Promise<void> {
    if (!this.enabled) return this.forget(serverUrl, username);
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, this.#cost);
    const { N, r, p } = this.#cost;
    const stored: StoredVerifier = {
      v: 1,
      officerId,
      hash: `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`,
      signedInAt: now,
    };
    this.#meta.set(this.#key(serverUrl, username), JSON.stringify(stored));
  }

  forget(serverUrl: string, username: string): void {
    this.#meta.set(this.#key(serverUrl, username), null);
  }

  /**
   * Whether `password` is the one the officer last signed in with online, within the allowed
   * days. An unknown or expired username costs the same scrypt as a known one.
   */
  async check(
    serverUrl: string,
    username: string,
    password: string,
    now: number,
  ): Promise<OfflineCheck> {
    const raw = this.enabled ? this.#meta.get(this.#key(serverUrl, username)) : null;
    let stored: StoredVerifier | null;
    try {
      stored = raw ? (JSON.parse(raw) as StoredVerifier) : null;
    } catch {
      stored = null;
    }
    const parsed = stored?.v === 1 ? parse(stored.hash) : null;
    const expired = stored !== null && now > stored.signedInAt + this.#days * DAY_MS;
    const decoy = {
      cost: this.#cost,
      salt: Buffer.alloc(SALT_BYTES),
      key: Buffer.alloc(KEY_BYTES),
    };
    const target = parsed ?? decoy;
    const derived = await derive(password, target.salt, target.cost);
    if (!stored || !parsed) return { ok: false, reason: 'unknown' };
    if (expired) {
      this.forget(serverUrl, username);
      return { ok: false, reason: 'expired' };
    }
    const same = derived.length === parsed.key.length && timingSafeEqual(derived, parsed.key);
    return same
      ? { ok: true, officerId: stored.officerId, signedInAt: stored.signedInAt }
      : { ok: false, reason: 'wrong' };
  }
}
