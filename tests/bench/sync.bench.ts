import Database from 'better-sqlite3-multiple-ciphers';
import { defaultKeyFile, sqliteKeyFromFile, unlockSqlite } from '../../central/store/sqlite-key';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { SyncClientResult } from './sync-client';
import { createSeedGenerator } from '../../central/seed';
import { postgresSkipReason, startPostgres } from '../support/postgres';
import { startEmbeddedCentral } from '../../scripts/embedded-central';
import { summarize, type BenchReport } from './lib';

/**
 * Issue 4's client figures, over loopback, for both central storages: initial sync of 200,000
 * dossiers + 50,000 complaints with their history into an empty cache (rows/s end to end, peak
 * client RSS, event-loop delay p99 of the client process, which is the host that routes IPC/HTTP),
 * then the time from a commit on the central API to the change in the client's cache (p95).
 * The central API and the client (sync-client.ts) each run as their own process, so the client's
 * memory is its own.
 */
const DOSSIERS = Number(process.env.BENCH_SYNC_DOSSIERS ?? 200_000);
const COMPLAINTS = Math.round(DOSSIERS / 4);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/** The client in a process of its own (sync-client.ts): its RSS is the client's alone. */
function runClient(
  serverUrl: string,
  username: string,
  dataDir: string,
): Promise<SyncClientResult> {
  return new Promise((resolve, reject) => {
    // BENCH_SYNC_PROFILE=DIR writes a CPU profile of the client process to DIR: its main thread
    // only, since the initial sync's loader thread starts with no execArgv (load-worker-host.ts).
    const profile = process.env.BENCH_SYNC_PROFILE;
    const child = spawn(
      process.execPath,
      [
        ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
        '--import',
        'tsx',
        join(here, 'sync-client.ts'),
        serverUrl,
        username,
        dataDir,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60 * 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = /^RESULT (.*)$/m.exec(out);
      if (code === 0 && line) resolve(JSON.parse(line[1]!) as SyncClientResult);
      else reject(new Error(`the sync client failed (${code}): ${out.slice(-1500)}`));
    });
  });
}

/** The storage ceiling (storage-ceiling.ts) in a process of its own, like the client. */
function runCeiling(rows: number, bytes: number): Promise<{ rowsPerSecond: number }> {
  return new Promise((resolve, reject) => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-bench-ceiling-'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(here, 'storage-ceiling.ts'), String(rows), String(bytes), dir],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      const line = /^CEILING (.*)$/m.exec(out);
      if (code === 0 && line) resolve(JSON.parse(line[1]!) as { rowsPerSecond: number });
      else reject(new Error(`the storage ceiling failed (${code}): ${out.slice(-1500)}`));
    });
  });
}

/**
 * The average size of a synced row as the feed carries it: a record's JSON in the central API's
 * SQLite file (the PostgreSQL run seeds the same generator and seed, so the same sizes).
 */
function bytesPerRow(centralFile: string): number {
  const db = new Database(centralFile, { readonly: true });
  try {
    // The embedded central API keys its file from the key file beside its folder.
    unlockSqlite(db, centralFile, sqliteKeyFromFile(defaultKeyFile(centralFile), false));
    const row = db.prepare('SELECT avg(length(data)) AS n FROM records').get() as { n: number };
    return Math.max(64, Math.round(row.n));
  } finally {
    db.close();
  }
}

/** The province's leader sees every unit: the largest scope, the whole data set. */
function provinceLeader(): string {
  const generator = createSeedGenerator({
    seed: 1,
    dossiers: DOSSIERS,
    complaints: COMPLAINTS,
    end: Date.now(),
  });
  const root = generator.units().find((u) => u.parentId === null)!;
  const leader = generator
    .officers()
    .find((o) => o.unitId === root.id && o.roles.includes('leader'));
  if (!leader) throw new Error('no leader at the province level in the synthetic world');
  return leader.username;
}

export async function run(report: BenchReport): Promise<void> {
  const username = provinceLeader();
  for (const kind of ['sqlite', 'postgres'] as const) {
    const section = `sync (${kind})`;
    if (kind === 'postgres' && postgresSkipReason()) {
      console.log(`  ${section}: skipped, ${postgresSkipReason()}`);
      continue;
    }
    const pg = kind === 'postgres' ? await startPostgres() : null;
    const cacheDir = join(tmpdir(), `mot-cua-central-${DOSSIERS}`);
    mkdirSync(cacheDir, { recursive: true });
    const dataFile = join(cacheDir, 'central.db');
    const seededBefore = kind === 'sqlite' && existsSync(dataFile);
    const seedStart = performance.now();
    const central = await startEmbeddedCentral({
      dataFile,
      dossiers: DOSSIERS,
      complaints: COMPLAINTS,
      ...(pg ? { databaseUrl: await pg.createDatabase('bench') } : {}),
    });
    if (!seededBefore)
      report.info(
        section,
        `central start incl. seeding ${DOSSIERS.toLocaleString('en-US')} + ${COMPLAINTS.toLocaleString('en-US')}`,
        Math.round(performance.now() - seedStart),
        'ms',
      );
    const dataDir = mkdtempSync(join(tmpdir(), 'wb-bench-sync-'));
    try {
      const result = await runClient(central.url, username, dataDir);
      report.info(section, 'initial sync: rows (records + history)', result.rows, 'rows');
      const rowsPerSecond = result.rows / result.seconds;
      report.atLeast(
        section,
        'initial sync throughput, end to end',
        Math.round(rowsPerSecond),
        'rows/s',
        30_000,
      );
      report.atMost(section, 'initial sync: peak client RSS', result.peakRssMb, 'MB', 400);
      report.atMost(
        section,
        'initial sync: event-loop delay p99 of the client host',
        result.eventLoopDelayP99Ms,
        'ms',
        50,
      );
      report.atMost(
        section,
        'commit on central → in the client cache, p95',
        summarize(result.latencySamplesMs).p95,
        'ms',
        1000,
      );
      report.info(
        section,
        'of which the push round trip, p95',
        summarize(result.pushSamplesMs).p95,
        'ms',
      );
      // The same number of rows of the same size, loaded plainly, right after on this machine.
      if (!existsSync(dataFile)) {
        console.log(`  ${section}: no storage ceiling, the SQLite run's central file is missing`);
      } else {
        const bytes = bytesPerRow(dataFile);
        const ceiling = await runCeiling(result.rows, bytes);
        report.info(
          section,
          `storage ceiling: plain load of as many rows of ${bytes} bytes, indexes after`,
          Math.round(ceiling.rowsPerSecond),
          'rows/s',
        );
        report.atLeast(
          section,
          'initial sync as a share of the storage ceiling',
          Math.round((rowsPerSecond / ceiling.rowsPerSecond) * 100) / 100,
          '',
          kind === 'sqlite' ? 0.65 : 0.6,
        );
      }
    } finally {
      central.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await pg?.stop();
    }
  }
}
