import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createCore } from '../../core/app';
import { createCentralClient } from '../../core/sync/central-client';
import { memoryTokenStore } from '../../core/sync/engine';
import { createSeedGenerator } from '../../central/seed';
import { postgresSkipReason, startPostgres } from '../support/postgres';
import { summarize, type BenchReport } from './lib';

/**
 * Issue 4's client figures, over loopback, for both central storages: initial sync of 200,000
 * dossiers + 50,000 complaints with their history into an empty cache (rows/s end to end, peak
 * client RSS, event-loop delay p99 of the client process, which is the host that routes IPC/HTTP),
 * then the time from a commit on the central API to the change in the client's cache (p95).
 * The central API runs as its own process (`npm run central`), so the client's memory is its own.
 */
const DOSSIERS = Number(process.env.BENCH_SYNC_DOSSIERS ?? 200_000);
const COMPLAINTS = Math.round(DOSSIERS / 4);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

function startCentralProcess(
  env: NodeJS.ProcessEnv,
  dataFile: string,
): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'central', 'main.ts'),
        '--port',
        '0',
        '--data',
        dataFile,
        '--dossiers',
        String(DOSSIERS),
        '--complaints',
        String(COMPLAINTS),
      ],
      { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`central did not start: ${out.slice(-500)}`)),
      15 * 60_000,
    );
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`central exited (${code}): ${out.slice(-500)}`)));
  });
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
    const central = await startCentralProcess(
      pg ? { CENTRAL_DATABASE_URL: await pg.createDatabase('bench') } : {},
      dataFile,
    );
    if (!seededBefore)
      report.info(
        section,
        `central start incl. seeding ${DOSSIERS.toLocaleString('en-US')} + ${COMPLAINTS.toLocaleString('en-US')}`,
        Math.round(performance.now() - seedStart),
        'ms',
      );
    const dataDir = mkdtempSync(join(tmpdir(), 'wb-bench-sync-'));
    try {
      const core = createCore({
        dataDir,
        host: 'browser',
        tokenStore: memoryTokenStore(),
        log: () => undefined,
        startSync: true,
      });
      const delay = monitorEventLoopDelay({ resolution: 10 });
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(
        () => (peakRss = Math.max(peakRss, process.memoryUsage().rss)),
        50,
      );
      delay.enable();
      const t0 = performance.now();
      const login = await core.dispatch('session.login', {
        serverUrl: central.url,
        username,
        password: 'demo',
      });
      if (!login.ok) throw new Error(login.error.message);
      for (let i = 0; i < 60 * 60 * 10; i++) {
        const s = core.sync.status();
        if (core.sync.cache.initialDone && s.progress === null && s.state !== 'syncing') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const seconds = (performance.now() - t0) / 1000;
      delay.disable();
      clearInterval(sampler);
      const rows = (
        core.db
          .prepare(
            `SELECT (SELECT count(*) FROM dossiers) + (SELECT count(*) FROM complaints) + (SELECT count(*) FROM dossier_history) + (SELECT count(*) FROM complaint_history) AS n`,
          )
          .get() as { n: number }
      ).n;
      report.info(section, 'initial sync: rows (records + history)', rows, 'rows');
      report.atLeast(
        section,
        'initial sync throughput, end to end',
        Math.round(rows / seconds),
        'rows/s',
        30_000,
      );
      report.atMost(
        section,
        'initial sync: peak client RSS',
        Math.round(peakRss / 1024 / 1024),
        'MB',
        400,
      );
      report.atMost(
        section,
        'initial sync: event-loop delay p99 of the client host',
        delay.percentile(99) / 1e6,
        'ms',
        50,
      );

      // Commit → cache latency: another officer's note through the API, watched in the cache.
      const api = createCentralClient({ baseUrl: central.url });
      const session = await api.login(username, 'demo');
      const writer = createCentralClient({ baseUrl: central.url, token: () => session.token });
      const ids = core.db
        .prepare('SELECT id, version FROM dossiers ORDER BY id LIMIT 40')
        .all() as { id: string; version: number }[];
      const probe = core.db.prepare('SELECT 1 FROM dossier_history WHERE note = ?');
      const samples: number[] = [];
      for (const [i, d] of ids.entries()) {
        const note = `latency probe ${Date.now()}-${i}`;
        const start = performance.now();
        await writer.push({
          clientId: `bench-writer-${kind}`,
          mutations: [
            {
              seq: i + 1,
              id: `probe-${i}`,
              baseVersion: d.version,
              at: Date.now(),
              target: {
                entity: 'dossier',
                id: d.id,
                action: { type: 'add_note', text: note, visibility: 'internal' },
              },
            },
          ],
        });
        for (let k = 0; k < 1000 && !probe.get(note); k++)
          await new Promise((r) => setTimeout(r, 2));
        samples.push(performance.now() - start);
      }
      report.atMost(
        section,
        'commit on central → in the client cache, p95',
        summarize(samples).p95,
        'ms',
        1000,
      );
      core.close();
    } finally {
      central.child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
      await pg?.stop();
    }
  }
}
