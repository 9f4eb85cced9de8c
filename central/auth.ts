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
  /**
   * Failed sign-ins allowed per username within `windowMs`, then it waits; and per client
   * address (`maxPerAddress`, whatever the usernames).
   */
  readonly loginAttempts?: LoginLimits;
}

export interface LoginLimits {
  readonly max: number;
  readonly windowMs: number;
  /** Failed sign-ins from one address within the window before it waits (default 100). */
  readonly maxPerAddress?: number;
}

export const DEFAULT_LOGIN_ATTEMPTS = { max: 10, windowMs: 15 * 60_000, maxPerAddress: 100 };

/**
 * How long a username or an address waits when attempts already under way would reach its
 * limit: they finish within a scrypt or two, after which the count is known again.
 */
const IN_FLIGHT_WAIT_MS = 1000;

/** An attempt under way: how many were already under way for its key when it began. */
export interface Attempt {
  readonly ahead: number;
  end(): void;
}

/**
 * Attempts under way, by key: each counts as a failure for those begun after it until it ends,
 * so that of many guesses sent at once only as many as the limit allows get hashed.
 */
class InFlight {
  readonly #counts = new Map<string, number>();

  begin(key: string): Attempt {
    const ahead = this.#counts.get(key) ?? 0;
    this.#counts.set(key, ahead + 1);
    let ended = false;
    return {
      ahead,
      end: () => {
        if (ended) return;
        ended = true;
        const left = (this.#counts.get(key) ?? 1) - 1;
        if (left > 0) this.#counts.set(key, left);
        else this.#counts.delete(key);
      },
    };
  }
}

/**
 * Counts failed sign-ins per typed username (known or not, so the answer reveals nothing) in a
 * sliding window: past the limit, that username waits until its oldest failure leaves the
 * window, which turns password guessing into a handful of tries per quarter hour. The failures
 * live in the database, so every instance behind a load balancer counts the same ones, and a
 * flood of made-up usernames cannot push a throttled one out of memory. Attempts still under
 * way on this instance count too: many guesses sent at once would otherwise all pass the check
 * before the first failure is recorded.
 */
export class LoginThrottle {
  readonly #store: CentralStore;
  readonly #limit: { readonly max: number; readonly windowMs: number };
  readonly #inFlight = new InFlight();

  constructor(store: CentralStore, limit: { readonly max: number; readonly windowMs: number }) {
    this.#store = store;
    this.#limit = limit;
  }

  /** Counts an attempt for `username` as under way until it ends. */
  begin(username: string): Attempt {
    return this.#inFlight.begin(username);
  }

  /**
   * Milliseconds this username must wait before trying again (0: it may try now), counting the
   * attempts that were under way when `attempt` began.
   */
  async wait(username: string, attempt: Attempt, now: number): Promise<number> {
    const recent = await this.#store.loginFailures(username, now - this.#limit.windowMs);
    if (recent.length >= this.#limit.max) {
      return recent[recent.length - this.#limit.max]! + this.#limit.windowMs - now;
    }
    return recent.length + attempt.ahead >= this.#limit.max ? IN_FLIGHT_WAIT_MS : 0;
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

/** Addresses whose failures one instance remembers at most (a few hundred bytes each). */
export const MAX_TRACKED_ADDRESSES = 20_000;

/**
 * Counts failed sign-ins per client address in the same sliding window, whatever the usernames:
 * one address guessing across many accounts (or flooding made-up ones, each costing a scrypt)
 * waits after `max` failures. The limit is generous because the officers of a commune share
 * one address behind the office's router. Kept in memory per instance (each instance counts its
 * own share), bounded: past the bound, the addresses that are not throttled are forgotten first,
 * least recently failed first, so a flood of addresses cannot free a throttled one; when only
 * throttled addresses remain, a new address is not tracked until one of them expires.
 */
export class AddressThrottle {
  readonly #limit: { readonly max: number; readonly windowMs: number };
  readonly #capacity: number;
  /** Failure times, oldest first; the map's order is least recently failed first. */
  readonly #quiet = new Map<string, number[]>();
  readonly #throttled = new Map<string, number[]>();
  readonly #inFlight = new InFlight();

  constructor(
    limit: { readonly max: number; readonly windowMs: number },
    capacity: number = MAX_TRACKED_ADDRESSES,
  ) {
    this.#limit = limit;
    this.#capacity = capacity;
  }

  /** Addresses remembered now (throttled ones included). */
  get size(): number {
    return this.#quiet.size + this.#throttled.size;
  }

  begin(address: string): Attempt {
    return this.#inFlight.begin(address);
  }

  /**
   * Milliseconds `address` must wait (0: it may try), counting the attempts that were under way
   * when `attempt` began.
   */
  wait(address: string, attempt: Attempt, now: number): number {
    const recent = this.#recent(address, now);
    if (recent.length >= this.#limit.max) {
      return recent[recent.length - this.#limit.max]! + this.#limit.windowMs - now;
    }
    return recent.length + attempt.ahead >= this.#limit.max ? IN_FLIGHT_WAIT_MS : 0;
  }

  failed(address: string, now: number): void {
    const recent = this.#recent(address, now);
    this.#quiet.delete(address);
    this.#throttled.delete(address);
    recent.push(now);
    // Full of throttled addresses: this one is not tracked until one of them expires.
    if (!this.#makeRoom(now)) return;
    if (recent.length >= this.#limit.max) this.#throttled.set(address, recent);
    else this.#quiet.set(address, recent);
  }

  /** The address's failures still in the window; entries that left it move or go. */
  #recent(address: string, now: number): number[] {
    const since = now - this.#limit.windowMs;
    const throttled = this.#throttled.get(address);
    const list = (throttled ?? this.#quiet.get(address) ?? []).filter((t) => t > since);
    if (throttled && list.length < this.#limit.max) {
      this.#throttled.delete(address);
      if (list.length > 0) this.#quiet.set(address, list);
    }
    return list;
  }

  /** Whether one more address fits, forgetting quiet ones (then expired ones) first. */
  #makeRoom(now: number): boolean {
    while (this.size >= this.#capacity) {
      const oldest = this.#quiet.keys().next();
      if (!oldest.done) {
        this.#quiet.delete(oldest.value);
        continue;
      }
      const since = now - this.#limit.windowMs;
      let freed = false;
      for (const [address, times] of this.#throttled) {
        if (times.filter((t) => t > since).length < this.#limit.max) {
          this.#throttled.delete(address);
          freed = true;
        }
      }
      if (!freed) return false;
    }
    return true;
  }
}

/**
 * The key an address is counted under: an IPv4 address itself (also when IPv4-mapped), an IPv6
 * address by its /64, the block one subscriber is usually given and can rotate through freely.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [
    ...left,
    ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'),
    ...right,
  ];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
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
  | {
      readonly ok: false;
      readonly retryAfterMs?: number;
      /** What waits: the username typed, or the address it came from. */
      readonly throttled?: 'username' | 'address';
    };

export class Accounts {
  private readonly store: CentralStore;
  private readonly options: AuthOptions;
  /** Verified against when the username is unknown, so both failures cost one scrypt. */
  private decoy: Promise<string> | null = null;
  private readonly throttle: LoginThrottle;
  private readonly addresses: AddressThrottle;
  /** Sessions read recently, by token hash: most requests need no database round trip for auth. */
  private readonly sessions = new Map<
    string,
    { readonly officerId: string; readonly expiresAt: number; readonly readAt: number }
  >();

  constructor(store: CentralStore, options: AuthOptions) {
    this.store = store;
    this.options = options;
    const limits = options.loginAttempts ?? DEFAULT_LOGIN_ATTEMPTS;
    this.throttle = new LoginThrottle(store, limits);
    this.addresses = new AddressThrottle({
      max: limits.maxPerAddress ?? DEFAULT_LOGIN_ATTEMPTS.maxPerAddress,
      windowMs: limits.windowMs,
    });
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

  /** Addresses with failed sign-ins this instance remembers (for tests and metrics). */
  get trackedAddresses(): number {
    return this.addresses.size;
  }

  /**
   * Checks a username and password, typed from `address` (the client's, as the server sees
   * it). A throttled username or address is refused before any hashing: each failure costs a
   * scrypt, which a flood must not get for free. An unknown username and a wrong password give
   * the same answer after the same work (a scrypt against a decoy hash of the server's cost,
   * the cost every stored hash has: see seed.ts), so neither the answer nor its timing tells
   * which usernames exist.
   */
  async login(username: string, password: string, from = ''): Promise<LoginOutcome> {
    const name = username.trim().toLowerCase();
    const address = addressKey(from);
    const fromAddress = this.addresses.begin(address);
    const forName = this.throttle.begin(name);
    try {
      const byAddress = this.addresses.wait(address, fromAddress, this.options.clock());
      if (byAddress > 0) return { ok: false, retryAfterMs: byAddress, throttled: 'address' };
      const retryAfterMs = await this.throttle.wait(name, forName, this.options.clock());
      if (retryAfterMs > 0) return { ok: false, retryAfterMs, throttled: 'username' };
      return await this.check(name, password, address);
    } finally {
      forName.end();
      fromAddress.end();
    }
  }

  private async check(name: string, password: string, address: string): Promise<LoginOutcome> {
    const failed = async (): Promise<LoginOutcome> => {
      this.addresses.failed(address, this.options.clock());
      await this.throttle.failed(name, this.options.clock());
      return { ok: false };
    };
    const row = await this.store.credentials(name);
    if (!row) {
      this.decoy ??= hashPassword(randomBytes(16).toString('hex'), this.options.passwordCost);
      await verifyPassword(password, await this.decoy);
      return failed();
    }
    if (!(await verifyPassword(password, row.passwordHash))) return failed();
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
