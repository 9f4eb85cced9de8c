/**
 * `npm run central -- [--port N] [--host 127.0.0.1] [--data FILE] [--dossiers 200000]
 *   [--complaints 50000] [--seed N] [--simulate-rate N/min]`
 *
 * Starts the central API on the embedded SQLite file (default .data/central.db), or on
 * PostgreSQL when CENTRAL_DATABASE_URL is set. An empty database is seeded with the synthetic
 * generator first. Prints `central: listening on <url>` once it accepts requests (a parent
 * process starting it as a child waits for that line), and stops cleanly on SIGINT/SIGTERM.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, DEMO_USERNAMES, startCentral, storageFromEnvironment } from './index';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function integer(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < min) {
    throw new Error(`--${name} must be an integer ≥ ${min}, got "${value}"`);
  }
  return n;
}

/** Accepts "120", "120/min", "2/s". */
function rate(value: string | undefined): number {
  if (value === undefined) return 0;
  const match = /^(\d+(?:\.\d+)?)(?:\/(min|m|s))?$/.exec(value.trim());
  if (!match) throw new Error(`--simulate-rate must look like 60 or 60/min or 2/s, got "${value}"`);
  const n = Number(match[1]);
  return match[2] === 's' ? n * 60 : n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      dossiers: { type: 'string' },
      complaints: { type: 'string' },
      seed: { type: 'string' },
      'simulate-rate': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'npm run central -- [--port N] [--host 127.0.0.1] [--data FILE] [--dossiers 200000] [--complaints 50000] [--seed N] [--simulate-rate N/min]\n' +
        'Set CENTRAL_DATABASE_URL=postgres://… to use PostgreSQL instead of the SQLite file.',
    );
    return;
  }
  const port = integer('port', values.port, 8790);
  if (port > 65535) throw new Error('--port must be at most 65535');
  const storage = storageFromEnvironment(values.data ?? join(root, '.data', 'central.db'));
  const dossiers = integer('dossiers', values.dossiers, 200_000);
  const complaints = integer('complaints', values.complaints, 50_000);
  const seed = values.seed ?? '1';
  const perMinute = rate(values['simulate-rate']);
  // The seeded year ends at the start of the current hour: current-looking data, stable for an hour.
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;

  console.log(
    storage.kind === 'sqlite'
      ? `central: storage SQLite ${storage.file}`
      : 'central: storage PostgreSQL (CENTRAL_DATABASE_URL)',
  );
  let lastPrint = 0;
  const central = await startCentral({
    storage,
    host: values.host ?? '127.0.0.1',
    port,
    seed: {
      kind: 'generated',
      options: { seed: /^\d+$/.test(seed) ? Number(seed) : seed, dossiers, complaints, end },
    },
    simulateRatePerMinute: perMinute,
    onSeedProgress: (done, total) => {
      const now = Date.now();
      if (now - lastPrint < 1000 && done < total) return;
      lastPrint = now;
      process.stdout.write(
        `\rcentral: seeding ${done.toLocaleString('en-US')} / ~${total.toLocaleString('en-US')} rows`,
      );
    },
    log: (line) => console.error(line),
  });
  if (central.seeded) {
    const s = central.seeded;
    process.stdout.write('\n');
    console.log(
      `central: seeded ${s.dossiers.toLocaleString('en-US')} dossiers, ${s.complaints.toLocaleString('en-US')} complaints, ${s.historyEntries.toLocaleString('en-US')} history entries, ${s.units} units, ${s.officers} officers in ${(s.ms / 1000).toFixed(1)} s`,
    );
  }
  console.log(
    `central: demo accounts ${DEMO_USERNAMES.map((u) => `'${u}'`).join(', ')} — password '${DEMO_PASSWORD}' (every seeded officer has it)`,
  );
  if (perMinute > 0) console.log(`central: simulating ${perMinute} filings per minute`);
  console.log(`central: OpenAPI at ${central.url}/openapi.json`);
  console.log(`central: listening on ${central.url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`central: ${signal}, stopping`);
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
  console.error(`central: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
