import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_LOGIN_ATTEMPTS } from './auth';
import type { StorageConfig } from './store/store';
import { defaultKeyFile } from './store/sqlite-key';

/**
 * The configuration of `npm run central`, from three places, each overriding the one before:
 * a JSON file (`--config FILE` or CENTRAL_CONFIG), environment variables (CENTRAL_*), then
 * command-line flags. Every value is checked; a wrong one stops the start with a message naming
 * where it came from. The table of keys, variables and flags is in central/README.md.
 */

const Minutes = z.number().positive();

/**
 * One trusted proxy as Fastify's `trustProxy` takes it: an address, a CIDR, or one of the named
 * ranges. Anything else (a hop count, `true`, a host name) would stop the server at start with a
 * message naming no setting, or be read as an address nobody meant.
 */
function proxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** The file's shape: every key optional, nothing unknown (a typo is an error, not a default). */
export const ConfigFileSchema = z.strictObject({
  host: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65_535).optional(),
  /** postgres://…; absent: the embedded SQLite file. */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  /** Connections per pool (one pool writes, one reads). */
  poolSize: z.number().int().min(2).max(500).optional(),
  sqliteFile: z.string().min(1).optional(),
  sqliteSynchronous: z.enum(['FULL', 'NORMAL']).optional(),
  /**
   * The SQLite file's key file (32 random bytes, mode 0600); default: beside the database's
   * folder (`.data.key` for `.data/central.db`), created on first start.
   */
  sqliteKeyFile: z.string().min(1).optional(),
  /** What an empty database is filled with: synthetic demo data, or nothing. */
  seed: z
    .union([
      z.literal(false),
      z.strictObject({
        dossiers: z.number().int().min(0).optional(),
        complaints: z.number().int().min(0).optional(),
        seed: z.union([z.number().int(), z.string().min(1)]).optional(),
      }),
    ])
    .optional(),
  /** Simulated citizens' filings per minute (demos, load tests). */
  simulatePerMinute: z.number().min(0).optional(),
  sessionTtlMinutes: Minutes.optional(),
  loginAttempts: z
    .strictObject({
      max: z.number().int().min(1).optional(),
      windowMinutes: Minutes.optional(),
      /** Failed sign-ins from one client address in the window, whatever the usernames. */
      maxPerAddress: z.number().int().min(1).optional(),
    })
    .optional(),
  /**
   * The reverse proxies in front (their addresses or CIDRs, comma-separated) whose
   * X-Forwarded-For names the client; without it the per-address sign-in limit counts the
   * proxy's address for everyone.
   */
  trustProxy: z
    .string()
    .refine((value) => value.split(',').every((entry) => proxyEntry(entry.trim())), {
      error: 'must be addresses or CIDRs (or loopback, linklocal, uniquelocal), comma-separated',
    })
    .optional(),
  bodyLimitBytes: z.number().int().min(1024).optional(),
  live: z
    .strictObject({
      maxListeners: z.number().int().min(1).optional(),
      maxPerOfficer: z.number().int().min(1).optional(),
      heartbeatSeconds: z.number().positive().optional(),
    })
    .optional(),
  log: z
    .strictObject({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
      /** One line per answered request. */
      requests: z.boolean().optional(),
    })
    .optional(),
  /** How long a stop waits for pushes in flight before it gives up. */
  shutdownSeconds: z.number().positive().optional(),
});
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

export interface CentralConfig {
  readonly host: string;
  readonly port: number;
  readonly storage: StorageConfig;
  /** Where the SQLite file's key is read (store/sqlite-key.ts); null on PostgreSQL. */
  readonly sqliteKey: { readonly file: string; readonly create: boolean } | null;
  readonly seed: false | { dossiers: number; complaints: number; seed: number | string };
  readonly simulatePerMinute: number;
  readonly sessionTtlMs: number | undefined;
  readonly loginAttempts: { max: number; windowMs: number; maxPerAddress?: number } | undefined;
  readonly trustProxy: string | undefined;
  readonly bodyLimit: number | undefined;
  readonly live: { maxListeners?: number; maxPerOfficer?: number; heartbeatMs?: number };
  readonly log: { level: string; requests: boolean };
  readonly shutdownMs: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Environment variables and the file key each sets (numbers and booleans are converted). */
const ENVIRONMENT: readonly [string, string, 'string' | 'number' | 'boolean'][] = [
  ['CENTRAL_HOST', 'host', 'string'],
  ['CENTRAL_PORT', 'port', 'number'],
  ['CENTRAL_DATABASE_URL', 'databaseUrl', 'string'],
  ['CENTRAL_DB_POOL_SIZE', 'poolSize', 'number'],
  ['CENTRAL_SQLITE_FILE', 'sqliteFile', 'string'],
  ['CENTRAL_SQLITE_SYNCHRONOUS', 'sqliteSynchronous', 'string'],
  ['CENTRAL_SQLITE_KEY_FILE', 'sqliteKeyFile', 'string'],
  ['CENTRAL_SIMULATE_PER_MINUTE', 'simulatePerMinute', 'number'],
  ['CENTRAL_SESSION_TTL_MINUTES', 'sessionTtlMinutes', 'number'],
  ['CENTRAL_LOGIN_MAX_FAILURES', 'loginAttempts.max', 'number'],
  ['CENTRAL_LOGIN_WINDOW_MINUTES', 'loginAttempts.windowMinutes', 'number'],
  ['CENTRAL_LOGIN_MAX_FAILURES_PER_ADDRESS', 'loginAttempts.maxPerAddress', 'number'],
  ['CENTRAL_TRUST_PROXY', 'trustProxy', 'string'],
  ['CENTRAL_BODY_LIMIT_BYTES', 'bodyLimitBytes', 'number'],
  ['CENTRAL_LIVE_MAX_LISTENERS', 'live.maxListeners', 'number'],
  ['CENTRAL_LIVE_MAX_PER_OFFICER', 'live.maxPerOfficer', 'number'],
  ['CENTRAL_LIVE_HEARTBEAT_SECONDS', 'live.heartbeatSeconds', 'number'],
  ['CENTRAL_LOG_LEVEL', 'log.level', 'string'],
  ['CENTRAL_LOG_REQUESTS', 'log.requests', 'boolean'],
  ['CENTRAL_SHUTDOWN_SECONDS', 'shutdownSeconds', 'number'],
];

function set(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const child = node[key];
    node[key] = typeof child === 'object' && child !== null ? { ...child } : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1) as string] = value;
}

function convert(source: string, raw: string, type: 'string' | 'number' | 'boolean'): unknown {
  if (type === 'string') return raw;
  if (type === 'boolean') {
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    throw new ConfigError(`${source}: expected true or false, got "${raw}"`);
  }
  const n = Number(raw.replace(/_/g, ''));
  if (raw.trim() === '' || !Number.isFinite(n)) {
    throw new ConfigError(`${source}: expected a number, got "${raw}"`);
  }
  return n;
}

/** Accepts "120", "120/min", "2/s" (filings per minute). */
function rate(source: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)(?:\/(min|m|s))?$/.exec(value.trim());
  if (!match)
    throw new ConfigError(`${source}: must look like 60 or 60/min or 2/s, got "${value}"`);
  const n = Number(match[1]);
  return match[2] === 's' ? n * 60 : n;
}

function check(source: string, value: unknown): ConfigFile {
  const parsed = ConfigFileSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '';
  const what =
    issue?.code === 'unrecognized_keys' ? `unknown key "${issue.keys[0]}"` : issue?.message;
  throw new ConfigError(`${source}${where ? ` ${where}` : ''}: ${what ?? 'invalid'}`);
}

export interface ConfigSources {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Where relative paths start and the default SQLite file lives. */
  readonly root: string;
  readonly readFile?: (path: string) => string;
}

/** The flags' help text, for --help. */
export const USAGE = `npm run central -- [--config FILE] [--host 127.0.0.1] [--port 8790] [--data FILE]
  [--key-file FILE] [--dossiers 200000] [--complaints 50000] [--seed N|none] [--simulate-rate N/min]
npm run central -- verify [--config FILE] [--data FILE] [--key-file FILE]   (the audit trail's chains)
Environment: CENTRAL_CONFIG, CENTRAL_DATABASE_URL=postgres://…, CENTRAL_PORT, … (central/README.md)`;

/** Reads the configuration; null when only --help was asked for. */
export function loadConfig(sources: ConfigSources): CentralConfig | null {
  const { values } = parseArgs({
    args: [...sources.argv],
    options: {
      config: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'key-file': { type: 'string' },
      dossiers: { type: 'string' },
      complaints: { type: 'string' },
      seed: { type: 'string' },
      'simulate-rate': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return null;
  const read = sources.readFile ?? ((path: string) => readFileSync(path, 'utf8'));

  let merged: Record<string, unknown> = {};
  const file = values.config ?? sources.env.CENTRAL_CONFIG;
  if (file !== undefined && file !== '') {
    const path = resolve(sources.root, file);
    let text: string;
    try {
      text = read(path);
    } catch (error) {
      throw new ConfigError(`${path}: cannot be read (${(error as Error).message})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`${path}: not JSON (${(error as Error).message})`);
    }
    merged = { ...check(path, json) };
  }
  for (const [name, path, type] of ENVIRONMENT) {
    const raw = sources.env[name];
    if (raw === undefined || raw === '') continue;
    const value = path === 'sqliteSynchronous' ? raw.toUpperCase() : raw;
    set(merged, path, type === 'string' ? value : convert(name, value, type));
  }
  const fromEnv = check('environment', merged);
  const flags: Record<string, unknown> = { ...fromEnv };
  if (values.host !== undefined) flags.host = values.host;
  if (values.port !== undefined) flags.port = convert('--port', values.port, 'number');
  if (values.data !== undefined) flags.sqliteFile = values.data;
  if (values['key-file'] !== undefined) flags.sqliteKeyFile = values['key-file'];
  if (values['simulate-rate'] !== undefined) {
    flags.simulatePerMinute = rate('--simulate-rate', values['simulate-rate']);
  }
  if (values.seed === 'none') {
    flags.seed = false;
  } else if (
    values.dossiers !== undefined ||
    values.complaints !== undefined ||
    values.seed !== undefined
  ) {
    const seed = typeof fromEnv.seed === 'object' ? { ...fromEnv.seed } : {};
    if (values.dossiers !== undefined) {
      seed.dossiers = convert('--dossiers', values.dossiers, 'number') as number;
    }
    if (values.complaints !== undefined) {
      seed.complaints = convert('--complaints', values.complaints, 'number') as number;
    }
    if (values.seed !== undefined) {
      seed.seed = /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
    }
    flags.seed = seed;
  }
  const c = check('command line', flags);

  const sqliteFile = resolve(sources.root, c.sqliteFile ?? '.data/central.db');
  const storage: StorageConfig = c.databaseUrl
    ? { kind: 'postgres', url: c.databaseUrl, ...(c.poolSize ? { poolSize: c.poolSize } : {}) }
    : {
        kind: 'sqlite',
        file: sqliteFile,
        ...(c.sqliteSynchronous ? { synchronous: c.sqliteSynchronous } : {}),
      };
  const sqliteKey = c.databaseUrl
    ? null
    : c.sqliteKeyFile
      ? { file: resolve(sources.root, c.sqliteKeyFile), create: false }
      : // The default key file is made on first start; one the configuration names must exist.
        { file: defaultKeyFile(sqliteFile), create: true };
  return {
    host: c.host ?? '127.0.0.1',
    port: c.port ?? 8790,
    storage,
    sqliteKey,
    seed:
      c.seed === false
        ? false
        : {
            dossiers: c.seed?.dossiers ?? 200_000,
            complaints: c.seed?.complaints ?? 50_000,
            seed: c.seed?.seed ?? 1,
          },
    simulatePerMinute: c.simulatePerMinute ?? 0,
    sessionTtlMs: c.sessionTtlMinutes === undefined ? undefined : c.sessionTtlMinutes * 60_000,
    loginAttempts: c.loginAttempts
      ? {
          max: c.loginAttempts.max ?? DEFAULT_LOGIN_ATTEMPTS.max,
          windowMs: c.loginAttempts.windowMinutes
            ? c.loginAttempts.windowMinutes * 60_000
            : DEFAULT_LOGIN_ATTEMPTS.windowMs,
          ...(c.loginAttempts.maxPerAddress !== undefined
            ? { maxPerAddress: c.loginAttempts.maxPerAddress }
            : {}),
        }
      : undefined,
    trustProxy: c.trustProxy,
    bodyLimit: c.bodyLimitBytes,
    live: {
      ...(c.live?.maxListeners ? { maxListeners: c.live.maxListeners } : {}),
      ...(c.live?.maxPerOfficer ? { maxPerOfficer: c.live.maxPerOfficer } : {}),
      ...(c.live?.heartbeatSeconds ? { heartbeatMs: c.live.heartbeatSeconds * 1000 } : {}),
    },
    log: { level: c.log?.level ?? 'info', requests: c.log?.requests ?? true },
    shutdownMs: (c.shutdownSeconds ?? 30) * 1000,
  };
}
