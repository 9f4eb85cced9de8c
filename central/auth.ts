import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { CentralStore } from './store/store';

/**
 * Passwords and bearer tokens.
 *
 * Passwords are hashed with scrypt (node:crypto) and a random 16-byte salt per officer; the cost
 * parameters are stored in the hash (`scrypt$N$r$p$salt$hash`), so raising the default later
 * only affects new hashes and old ones keep verifying. The default N=2^15, r=8 (32 MiB, about
 * 80 ms on the 2-core build machine) follows OWASP's scrypt guidance while keeping a login quick.
 *
 * Tokens are 32 random bytes (base64url); only their SHA-256 is stored, so the sessions table is
 * useless to someone who copies it. A plain hash is enough for tokens (unlike passwords): they
 * have 256 bits of entropy, nothing to brute-force.
 */

export interface PasswordCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_PASSWORD_COST: PasswordCost = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, cost: PasswordCost): Promise<Buffer> {
  const options: ScryptOptions = {
    N: cost.N,
    r: cost.r,
    p: cost.p,
    // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly the default cost's need.
    maxmem: 256 * cost.N * cost.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

export async function hashPassword(
  password: string,
  cost: PasswordCost = DEFAULT_PASSWORD_COST,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join(
    '$',
  );
}

function parseHash(stored: string): { cost: PasswordCost; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return null;
  return {
    cost: { N, r, p },
    salt: Buffer.from(parts[4] ?? '', 'base64'),
    key: Buffer.from(parts[5] ?? '', 'base64'),
  };
}

/** Whether a stored hash was made with a lower cost than `cost` (and should be redone). */
export function weakerThan(stored: string, cost: PasswordCost): boolean {
  const parsed = parseHash(stored);
  return (
    parsed !== null && parsed.cost.N * parsed.cost.r * parsed.cost.p < cost.N * cost.r * cost.p
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await scryptAsync(password, parsed.salt, parsed.cost);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface AuthOptions {
  readonly sessionTtlMs: number;
  /**
   * How long a session read from the database is trusted without reading it again (default
   * 30 s). A sign-out reaches every instance's cache at once (a notification), so this bounds
   * only what an instance that missed it (its LISTEN connection down) may still accept.
   */
  readonly sessionCacheMs?: number;
  readonly passwordCost: PasswordCost;
  readonly clock: () => number;
  /** Failed sign-ins allowed per username within `windowMs`; then it waits. */
  readonly loginAttempts?: { readonly max: number; readonly windowMs: number };
}

export const DEFAULT_LOGIN_ATTEMPTS = { max: 10, windowMs: 15 * 60_000 };

/**
 * Counts failed sign-ins per typed username (known or not, so the answer reveals nothing) in a
 * sliding window: past the limit, that username waits until its oldest failure leaves the
 * window, which turns password guessing into a handful of tries per quarter hour. Not per
 * address: the officers of a commune share one behind the office's router. The failures live
 * in the database, so every instance behind a load balancer counts the same ones.
 */
export class LoginThrottle {
  readonly #store: CentralStore;
  readonly #limit: { readonly max: number; readonly windowMs: number };

  constructor(store: CentralStore, limit: { readonly max: number; readonly windowMs: number }) {
    this.#store = store;
    this.#limit = limit;
  }

  /** Milliseconds this username must wait before trying again (0: it may try now). */
  async wait(username: string, now: number): Promise<number> {
    const recent = await this.#store.loginFailures(username, now - this.#limit.windowMs);
    if (recent.length < this.#limit.max) return 0;
    return recent[recent.length - this.#limit.max]! + this.#limit.windowMs - now;
  }

  async failed(username: string, now: number): Promise<void> {
    await this.#store.addLoginFailure(username, now, now - this.#limit.windowMs);
  }

  async succeeded(username: string): Promise<void> {
    await this.#store.clearLoginFailures(username);
  }

  /** Forgets failures that left every window. */
  async purge(now: number): Promise<number> {
    return this.#store.purgeLoginFailures(now - this.#limit.windowMs);
  }
}

/** Sessions cached per instance at most (each a few hundred bytes). */
const MAX_CACHED_SESSIONS = 20_000;

export type LoginOutcome =
  | {
      readonly ok: true;
      readonly officerId: string;
      readonly token: string;
      readonly expiresAt: number;
    }
  | { readonly ok: false; readonly retryAfterMs?: number };

export class Accounts {
  private readonly store: CentralStore;
  private readonly options: AuthOptions;
  /** Verified against when the username is unknown, so both failures cost one scrypt. */
  private decoy: Promise<string> | null = null;
  private readonly throttle: LoginThrottle;
  /** Sessions read recently, by token hash: most requests need no database round trip for auth. */
  private readonly sessions = new Map<
    string,
    { readonly officerId: string; readonly expiresAt: number; readonly readAt: number }
  >();

  constructor(store: CentralStore, options: AuthOptions) {
    this.store = store;
    this.options = options;
    this.throttle = new LoginThrottle(store, options.loginAttempts ?? DEFAULT_LOGIN_ATTEMPTS);
    store.onSessionEnded((hash) => {
      if (hash === null) this.sessions.clear();
      else this.sessions.delete(hash);
    });
  }

  /** Computes the decoy hash ahead of the first failed login, so that one is not slower. */
  warmUp(): void {
    this.decoy ??= hashPassword(randomBytes(16).toString('hex'), this.options.passwordCost);
    this.decoy.catch(() => undefined);
  }

  /**
   * Checks a username and password. An unknown username and a wrong password give the same
   * answer after the same work (a full scrypt against a decoy hash of the same cost), so the
   * answer and its timing do not reveal which usernames exist.
   */
  async login(username: string, password: string): Promise<LoginOutcome> {
    const name = username.trim().toLowerCase();
    const retryAfterMs = await this.throttle.wait(name, this.options.clock());
    if (retryAfterMs > 0) return { ok: false, retryAfterMs };
    const row = await this.store.credentials(name);
    if (!row) {
      this.decoy ??= hashPassword(randomBytes(16).toString('hex'), this.options.passwordCost);
      await verifyPassword(password, await this.decoy);
      await this.throttle.failed(name, this.options.clock());
      return { ok: false };
    }
    if (!(await verifyPassword(password, row.passwordHash))) {
      await this.throttle.failed(name, this.options.clock());
      return { ok: false };
    }
    await this.throttle.succeeded(name);
    if (weakerThan(row.passwordHash, this.options.passwordCost)) {
      // Seeded accounts start with a cheap hash; the first sign-in upgrades it.
      const upgraded = await hashPassword(password, this.options.passwordCost);
      await this.store.setPasswordHash(row.officerId, upgraded);
    }
    const token = newToken();
    const now = this.options.clock();
    const expiresAt = now + this.options.sessionTtlMs;
    await this.store.createSession({
      tokenHash: tokenHash(token),
      officerId: row.officerId,
      createdAt: now,
      expiresAt,
    });
    return { ok: true, officerId: row.officerId, token, expiresAt };
  }

  /** The officer a bearer token belongs to, or null when it is unknown or expired. */
  async authenticate(token: string): Promise<{ officerId: string; expiresAt: number } | null> {
    const hash = tokenHash(token);
    const now = this.options.clock();
    const cached = this.sessions.get(hash);
    if (cached && now - cached.readAt < (this.options.sessionCacheMs ?? 30_000)) {
      return cached.expiresAt > now
        ? { officerId: cached.officerId, expiresAt: cached.expiresAt }
        : null;
    }
    const row = await this.store.session(hash);
    if (!row || row.expiresAt <= now) {
      this.sessions.delete(hash);
      return null;
    }
    this.sessions.delete(hash);
    this.sessions.set(hash, { ...row, readAt: now });
    if (this.sessions.size > MAX_CACHED_SESSIONS) {
      const oldest = this.sessions.keys().next();
      if (!oldest.done) this.sessions.delete(oldest.value);
    }
    return row;
  }

  async logout(token: string): Promise<void> {
    const hash = tokenHash(token);
    this.sessions.delete(hash);
    await this.store.endSession(hash);
  }

  /** Deletes expired sessions and old failed sign-ins; run now and then, so neither table grows forever. */
  async purgeExpired(): Promise<number> {
    const now = this.options.clock();
    await this.throttle.purge(now);
    return this.store.purgeSessions(now);
  }
}
