/**
 * `npm run central -- [--config FILE] [--port N] [--host 127.0.0.1] [--data FILE]
 *   [--dossiers 200000] [--complaints 50000] [--seed N|none] [--simulate-rate N/min]`
 *
 * Starts the central API with the configuration of central/config.ts (a JSON file, CENTRAL_*
 * environment variables, these flags): on the embedded SQLite file (default .data/central.db),
 * or on PostgreSQL when a database URL is set. An empty database is seeded with the synthetic
 * generator first, unless the seed is `none`. Prints `central: listening on <url>` once it
 * accepts requests (a parent process starting it as a child waits for that line); structured
 * logs are JSON lines on stdout beside these plain ones. On SIGINT/SIGTERM it stops taking
 * requests, finishes the pushes in flight, and exits 0 (1 if they did not finish in time).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '@shared/clock';
import { ConfigError, loadConfig, USAGE, type CentralConfig } from './config';
import { DEMO_PASSWORD, DEMO_USERNAMES, startCentral } from './index';
import { sqliteKeyFromFile } from './store/sqlite-key';
import { CentralStore, type StorageConfig } from './store/store';
import { verifyAuditTrail } from './audit';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The SQLite file with its key read from the key file (made on first start by default). */
function keyedStorage(config: CentralConfig): StorageConfig {
  if (config.storage.kind !== 'sqlite' || !config.sqliteKey) return config.storage;
  return {
    ...config.storage,
    key: sqliteKeyFromFile(config.sqliteKey.file, config.sqliteKey.create),
  };
}

/**
 * `npm run central -- verify`: walks the audit trail of the configured database and names the
 * first broken link (and every other problem after it). Exit code 0 when intact, 2 when not.
 */
async function verify(argv: readonly string[]): Promise<void> {
  const config = loadConfig({ argv, env: process.env, root });
  if (!config) {
    console.log(USAGE);
    return;
  }
  const store = await CentralStore.open(keyedStorage(config), { listen: false });
  try {
    const report = await verifyAuditTrail(store);
    const rate = report.ms > 0 ? Math.round((report.entries / report.ms) * 1000) : report.entries;
    if (report.ok) {
      console.log(
        `central: audit trail intact: ${report.entries.toLocaleString('en-US')} entries in ${report.ms} ms (${rate.toLocaleString('en-US')}/s), head ${report.head ?? '(empty)'}`,
      );
      return;
    }
    console.log(
      `central: audit trail BROKEN: ${report.problemCount} problem(s) in ${report.entries.toLocaleString('en-US')} entries`,
    );
    console.log(`central: first broken link: ${report.firstBroken?.message ?? '?'}`);
    for (const problem of report.problems)
      console.log(`central:   ${problem.kind}: ${problem.message}`);
    process.exitCode = 2;
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === 'verify') return verify(process.argv.slice(3));
  const config = loadConfig({ argv: process.argv.slice(2), env: process.env, root });
  if (!config) {
    console.log(USAGE);
    return;
  }
  // The seeded year ends at the start of the current hour: current-looking data, stable for an hour.
  const end = Math.floor(systemClock() / 3_600_000) * 3_600_000;

  console.log(
    config.storage.kind === 'sqlite'
      ? `central: storage SQLite ${config.storage.file}`
      : 'central: storage PostgreSQL',
  );
  let lastPrint = 0;
  const seed = config.seed;
  const central = await startCentral({
    storage: keyedStorage(config),
    host: config.host,
    port: config.port,
    ...(seed
      ? {
          seed: {
            kind: 'generated' as const,
            options: { seed: seed.seed, dossiers: seed.dossiers, complaints: seed.complaints, end },
          },
        }
      : {}),
    simulateRatePerMinute: config.simulatePerMinute,
    ...(config.sessionTtlMs ? { sessionTtlMs: config.sessionTtlMs } : {}),
    ...(config.loginAttempts ? { loginAttempts: config.loginAttempts } : {}),
    ...(config.trustProxy ? { trustProxy: config.trustProxy } : {}),
    ...(config.bodyLimit ? { bodyLimit: config.bodyLimit } : {}),
    live: config.live,
    logger: { level: config.log.level, requests: config.log.requests },
    onSeedProgress: (done, total) => {
      const now = performance.now();
      if (now - lastPrint < 1000 && done < total) return;
      lastPrint = now;
      process.stdout.write(
        `\rcentral: seeding ${done.toLocaleString('en-US')} / ~${total.toLocaleString('en-US')} rows`,
      );
    },
  });
  if (central.seeded) {
    const s = central.seeded;
    process.stdout.write('\n');
    console.log(
      `central: seeded ${s.dossiers.toLocaleString('en-US')} dossiers, ${s.complaints.toLocaleString('en-US')} complaints, ${s.historyEntries.toLocaleString('en-US')} history entries, ${s.units} units, ${s.officers} officers in ${(s.ms / 1000).toFixed(1)} s`,
    );
  }
  if (seed) {
    console.log(
      `central: demo accounts ${DEMO_USERNAMES.map((u) => `'${u}'`).join(', ')} — password '${DEMO_PASSWORD}' (every seeded officer has it)`,
    );
  }
  if (config.simulatePerMinute > 0) {
    console.log(`central: simulating ${config.simulatePerMinute} filings per minute`);
  }
  console.log(`central: OpenAPI at ${central.url}/openapi.json`);
  console.log(`central: listening on ${central.url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`central: ${signal}, stopping (finishing the pushes in flight)`);
    const timer = setTimeout(() => {
      console.error(`central: pushes still in flight after ${config.shutdownMs} ms; exiting`);
      process.exit(1);
    }, config.shutdownMs);
    timer.unref();
    central.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError
      ? `configuration: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
  console.error(`central: ${message}`);
  process.exit(1);
});
