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
  readonly passwordCost: PasswordCost;
  readonly clock: () => number;
  /** Failed sign-ins allowed per username within `windowMs`; then it waits. */
  readonly loginAttempts?: { readonly max: number; readonly windowMs: number };
}

export const DEFAULT_LOGIN_ATTEMPTS = { max: 10, windowMs: 15 * 60_000 };
/** Usernames whose failures are remembered at most: a flood of made-up names cannot grow it. */
const MAX_THROTTLED_NAMES = 10_000;

/**
 * Counts failed sign-ins per typed username (known or not, so the answer reveals nothing) in a
 * sliding window: past the limit, that username waits until its oldest failure leaves the
 * window, which turns password guessing into a handful of tries per quarter hour. Not per
 * address: the officers of a commune share one behind the office's router.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #limit: { readonly max: number; readonly windowMs: number };

  constructor(limit: { readonly max: number; readonly windowMs: number }) {
    this.#limit = limit;
  }

  /** Milliseconds this username must wait before trying again (0: it may try now). */
  wait(username: string, now: number): number {
    const recent = this.#recent(username, now);
    if (recent.length < this.#limit.max) return 0;
    return recent[recent.length - this.#limit.max]! + this.#limit.windowMs - now;
  }

  failed(username: string, now: number): void {
    const recent = this.#recent(username, now);
    recent.push(now);
    this.#failures.delete(username);
    this.#failures.set(username, recent.slice(-this.#limit.max));
    if (this.#failures.size > MAX_THROTTLED_NAMES) {
      const oldest = this.#failures.keys().next().value;
      if (oldest !== undefined) this.#failures.delete(oldest);
    }
  }

  succeeded(username: string): void {
    this.#failures.delete(username);
  }

  #recent(username: string, now: number): number[] {
    return (this.#failures.get(username) ?? []).filter((at) => at > now - this.#limit.windowMs);
  }
}

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

  constructor(store: CentralStore, options: AuthOptions) {
    this.store = store;
    this.options = options;
    this.throttle = new LoginThrottle(options.loginAttempts ?? DEFAULT_LOGIN_ATTEMPTS);
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
    const retryAfterMs = this.throttle.wait(name, this.options.clock());
    if (retryAfterMs > 0) return { ok: false, retryAfterMs };
    const row = await this.store.credentials(name);
    if (!row) {
      this.decoy ??= hashPassword(randomBytes(16).toString('hex'), this.options.passwordCost);
      await verifyPassword(password, await this.decoy);
      this.throttle.failed(name, this.options.clock());
      return { ok: false };
    }
    if (!(await verifyPassword(password, row.passwordHash))) {
      this.throttle.failed(name, this.options.clock());
      return { ok: false };
    }
    this.throttle.succeeded(name);
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
    const row = await this.store.session(tokenHash(token));
    if (!row || row.expiresAt <= this.options.clock()) return null;
    return row;
  }

  async logout(token: string): Promise<void> {
    await this.store.endSession(tokenHash(token));
  }

  /** Deletes expired sessions; run now and then, so the table does not grow forever. */
  async purgeExpired(): Promise<number> {
    return this.store.purgeSessions(this.options.clock());
  }
}
