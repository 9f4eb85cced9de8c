import { mkdirSync } from 'node:fs';
import { systemClock, type Clock } from '@shared/clock';
import { dirname, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Accounts, DEFAULT_PASSWORD_COST, type LoginLimits, type PasswordCost } from './auth';
import { Directory } from './directory';
import { DEFAULT_LIVE_OPTIONS, LiveHub, type LiveOptions } from './live';
import { createMetrics } from './metrics';
import { DEFAULT_CLOCK_SKEW_MS, PushService } from './push';
import {
  createSeedGenerator,
  generatedSeedData,
  seededSummary,
  seedStore,
  type GeneratedSeedOptions,
  type SeedData,
  type SeedSummary,
} from './seed';
import { sealUnchainedEntries } from './audit';
import { buildServer } from './server';
import { startSimulation, type Simulation } from './simulate';
import { CentralStore, type StorageConfig } from './store/store';

/**
 * The central API's programmatic entry point: tests, benchmarks, `npm run central` and the
 * embedded mode of `npm start` all start it through startCentral().
 */

export { CentralStore, type StorageConfig } from './store/store';
export {
  DEMO_PASSWORD,
  DEMO_USERNAMES,
  DEFAULT_CALENDARS,
  type SeedData,
  type SeedSummary,
} from './seed';
export { type PasswordCost } from './auth';

export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Large enough for a full batch of 200 mutations with long notes, small enough to refuse abuse. */
export const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

export type CentralSeed =
  | { readonly kind: 'generated'; readonly options: GeneratedSeedOptions }
  | { readonly kind: 'data'; readonly data: SeedData };

/** Meta key: the history written before the audit trail has been chained. */
const AUDIT_SEALED = 'audit.sealed';

export interface CentralOptions {
  /** Where the data lives; see storageFromEnvironment() for the usual default. */
  readonly storage: StorageConfig;
  /** Default 127.0.0.1: the API is exposed deliberately, never by accident. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Seeds an empty database (a database that holds data is never touched). */
  readonly seed?: CentralSeed;
  /** Citizens filing new dossiers and complaints per minute (needs a generated seed). */
  readonly simulateRatePerMinute?: number;
  readonly sessionTtlMs?: number;
  /** Failed sign-ins per username in a window before it must wait (default 10 in 15 min). */
  /**
   * Failed sign-ins per username in a window before it must wait (default 10 in 15 min), and
   * per client address (`maxPerAddress`, default 100).
   */
  readonly loginAttempts?: LoginLimits;
  /** The reverse proxies whose X-Forwarded-For names the client (addresses or CIDRs). */
  readonly trustProxy?: string;
  readonly passwordCost?: PasswordCost;
  /**
   * Cost of seeded accounts' hashes; default `passwordCost`, so that a seeded account that never
   * signed in costs a sign-in the same time as any other (seed.ts hashes each distinct password
   * once). Tests may seed cheaper.
   */
  readonly seedPasswordCost?: PasswordCost;
  /** The server's clock (tests move it). */
  readonly clock?: Clock;
  readonly clockSkewMs?: number;
  readonly bodyLimit?: number;
  readonly live?: Partial<LiveOptions>;
  /** Where server errors are told when there are no structured logs (default: stderr). */
  readonly log?: (line: string) => void;
  /**
   * Structured logs: JSON lines (pino) to `stream` (default stdout) at `level` (default info),
   * one per answered request when `requests` (default true), and the server's errors. Without
   * this option only `log` hears of errors.
   */
  readonly logger?: {
    readonly level?: string;
    readonly stream?: { write(line: string): void };
    readonly requests?: boolean;
  };
  readonly onSeedProgress?: (done: number, total: number) => void;
}

export interface RunningCentral {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly storage: StorageConfig['kind'];
  readonly store: CentralStore;
  readonly app: FastifyInstance;
  /** What this start seeded, or null when the database held data already. */
  readonly seeded: SeedSummary | null;
  readonly simulation: Simulation | null;
  close(): Promise<void>;
}

/**
 * PostgreSQL when CENTRAL_DATABASE_URL is set (postgres://…), else the embedded SQLite file
 * (CENTRAL_SQLITE_SYNCHRONOUS=FULL makes its commits survive a power cut, at a cost).
 */
export function storageFromEnvironment(
  sqliteFile: string,
  env: NodeJS.ProcessEnv = process.env,
): StorageConfig {
  const url = env.CENTRAL_DATABASE_URL;
  if (url !== undefined && url !== '') {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error('CENTRAL_DATABASE_URL must be a postgres:// or postgresql:// URL');
    }
    return { kind: 'postgres', url };
  }
  const synchronous = env.CENTRAL_SQLITE_SYNCHRONOUS?.toUpperCase();
  if (
    synchronous !== undefined &&
    synchronous !== '' &&
    synchronous !== 'FULL' &&
    synchronous !== 'NORMAL'
  ) {
    throw new Error('CENTRAL_SQLITE_SYNCHRONOUS must be FULL or NORMAL');
  }
  return {
    kind: 'sqlite',
    file: resolve(sqliteFile),
    ...(synchronous === 'FULL' || synchronous === 'NORMAL' ? { synchronous } : {}),
  };
}

/**
 * A pino logger for the server, or false. Redacts what a request's headers may carry
 * (credentials) should anything ever log them; bodies are never logged.
 */
function structuredLogger(
  options: CentralOptions['logger'],
  out: { write(line: string): void },
): FastifyBaseLogger | false {
  if (!options) return false;
  // Fastify builds its pino from these options; the instance is taken from a throwaway app so
  // the store and the seed can log before the server exists.
  return Fastify({
    logger: {
      level: options.level ?? 'info',
      stream: options.stream ?? out,
      base: { service: 'central', pid: process.pid },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
  }).log;
}

/**
 * Log lines to stdout in batches: one write per turn of the event loop (or per 16 KB) rather
 * than one per line, since stdout to a pipe or a file is written synchronously, a system call
 * each time. Flushed when the server closes and when the process exits.
 */
class BufferedStdout {
  private parts: string[] = [];
  private size = 0;
  private scheduled = false;

  write(line: string): void {
    this.parts.push(line);
    this.size += line.length;
    if (this.size >= 16_384) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    process.stdout.write(text);
  }
}

export async function startCentral(options: CentralOptions): Promise<RunningCentral> {
  const stdout = new BufferedStdout();
  const flushOnExit = () => stdout.flush();
  process.once('exit', flushOnExit);
  const logger = structuredLogger(options.logger, stdout);
  // Server errors go to the structured log when there is one, and to `log` when it is given.
  const given = options.log;
  const log = logger
    ? (line: string) => {
        logger.error(line);
        given?.(line);
      }
    : (given ?? ((line: string) => console.error(line)));
  const clock = options.clock ?? systemClock;
  if (options.storage.kind === 'sqlite' && options.storage.file !== ':memory:') {
    mkdirSync(dirname(options.storage.file), { recursive: true, mode: 0o700 });
  }
  const store = await CentralStore.open(options.storage, { log });
  const cleanup: (() => Promise<void>)[] = [
    () => {
      stdout.flush();
      process.removeListener('exit', flushOnExit);
      return Promise.resolve();
    },
    () => store.close(),
  ];
  const closeAll = async () => {
    for (const step of cleanup.reverse()) await step();
  };
  try {
    // A database from before the audit trail: its history is chained once, as it stands.
    const sealed = await store.reader
      .selectFrom('meta')
      .select('value')
      .where('key', '=', AUDIT_SEALED)
      .executeTakeFirst();
    if (!sealed) {
      await sealUnchainedEntries(store);
      await store.setMeta(AUDIT_SEALED, '1');
    }
    const passwordCost = options.passwordCost ?? DEFAULT_PASSWORD_COST;
    let seeded: SeedSummary | null = null;
    let generatorOptions: GeneratedSeedOptions | null = null;
    if (options.seed?.kind === 'generated') {
      generatorOptions = options.seed.options;
      const generator = createSeedGenerator(generatorOptions);
      seeded = await seedStore(store, generatedSeedData(generator, generatorOptions), {
        validate: 'sample',
        passwordCost: options.seedPasswordCost ?? passwordCost,
        ...(options.onSeedProgress ? { onProgress: options.onSeedProgress } : {}),
      });
    } else if (options.seed?.kind === 'data') {
      seeded = await seedStore(store, options.seed.data, {
        passwordCost: options.seedPasswordCost ?? passwordCost,
        ...(options.onSeedProgress ? { onProgress: options.onSeedProgress } : {}),
      });
    }

    const directory = new Directory(store);
    store.onCommit((info) => {
      if (info.units === 'all') directory.invalidate();
    });
    const accounts = new Accounts(store, {
      sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
      ...(options.loginAttempts ? { loginAttempts: options.loginAttempts } : {}),
      passwordCost,
      clock,
    });
    accounts.warmUp();
    const live = new LiveHub(store, { ...DEFAULT_LIVE_OPTIONS, ...options.live });
    await live.start();
    cleanup.push(() => Promise.resolve(live.close()));
    const metrics = createMetrics({ store, listeners: () => live.size });
    const pusher = new PushService({
      store,
      directory,
      clock,
      clockSkewMs: options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS,
      observer: metrics.push,
      log,
    });
    // Last to stop before the store closes: every push taken is decided and committed.
    cleanup.push(() => pusher.drain());
    const app = await buildServer({
      store,
      accounts,
      directory,
      live,
      pusher,
      metrics,
      bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
      log,
      logger,
      logRequests: options.logger?.requests ?? true,
      ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    });
    // Stops taking connections, answers 503 on those still open, waits for the requests in
    // flight (pushes included) to be answered, then closes the live streams. A connection whose
    // request was answered during the stop is closed as soon as it is idle, rather than kept
    // alive for a request that will not come.
    cleanup.push(async () => {
      const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
      }
    });
    const host = options.host ?? '127.0.0.1';
    await app.listen({ host, port: options.port ?? 0 });
    const port = (app.server.address() as AddressInfo).port;

    // Expired sessions are deleted now and then, so the table stays the size of the live ones.
    const purge = setInterval(() => {
      accounts.purgeExpired().catch((error: unknown) => log(`[central] purge: ${String(error)}`));
    }, 10 * 60_000);
    purge.unref();
    cleanup.push(() => Promise.resolve(clearInterval(purge)));

    let simulation: Simulation | null = null;
    if (options.simulateRatePerMinute !== undefined && options.simulateRatePerMinute > 0) {
      const summary = seeded ?? (await seededSummary(store));
      if (!generatorOptions || !summary) {
        throw new Error('simulation needs a database seeded by the synthetic generator');
      }
      simulation = await startSimulation({
        store,
        generator: createSeedGenerator(generatorOptions),
        ratePerMinute: options.simulateRatePerMinute,
        seededDossiers: summary.dossiers,
        seededComplaints: summary.complaints,
        clock,
        log,
      });
      const running = simulation;
      // Stop filing before the server and the store go away.
      cleanup.push(() => running.stop());
    }

    const urlHost = host.includes(':') ? `[${host}]` : host;
    let closing: Promise<void> | null = null;
    return {
      url: `http://${urlHost}:${port}`,
      port,
      host,
      storage: store.kind,
      store,
      app,
      seeded,
      simulation,
      close: () => (closing ??= closeAll()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
