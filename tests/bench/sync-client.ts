/**
 * The client side of the sync benchmark, in a process of its own so that its peak RSS is the
 * client's alone (the bench runner holds whatever earlier sections left behind):
 *
 *   node --import tsx tests/bench/sync-client.ts <serverUrl> <username> <dataDir>
 *
 * Signs in, waits for the initial sync to finish, then measures commit → cache latency with
 * notes another session pushes; prints one JSON line with the figures.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createCore } from '../../core/app';
import { createCentralClient } from '../../core/sync/central-client';
import { memoryTokenStore } from '../../core/sync/engine';

export interface SyncClientResult {
  rows: number;
  seconds: number;
  peakRssMb: number;
  eventLoopDelayP99Ms: number;
  latencySamplesMs: number[];
  /** The push's own round trip, a part of each latency sample. */
  pushSamplesMs: number[];
}

const [serverUrl, username, dataDir] = process.argv.slice(2) as [string, string, string];

async function main(): Promise<SyncClientResult> {
  const core = createCore({
    dataDir,
    host: 'browser',
    tokenStore: memoryTokenStore(),
    log: () => undefined,
    startSync: true,
    // BENCH_SYNC_PLAIN=1: an unencrypted store, to tell the encryption's share of the sync.
    ...(process.env.BENCH_SYNC_PLAIN ? { storeKey: null } : {}),
  });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  delay.enable();
  const t0 = performance.now();
  const login = await core.dispatch('session.login', { serverUrl, username, password: 'demo' });
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
        `SELECT (SELECT count(*) FROM dossiers) + (SELECT count(*) FROM complaints)
          + (SELECT count(*) FROM dossier_history) + (SELECT count(*) FROM complaint_history) AS n`,
      )
      .get() as { n: number }
  ).n;

  // Commit → cache latency: another session's note through the API, watched in the cache.
  const session = await createCentralClient({ baseUrl: serverUrl }).login(username, 'demo');
  const writer = createCentralClient({ baseUrl: serverUrl, token: () => session.token });
  const ids = core.db.prepare('SELECT id, version FROM dossiers ORDER BY id LIMIT 40').all() as {
    id: string;
    version: number;
  }[];
  // Through the dossier's history index: a scan of 1.4 million entries per look would be most
  // of what this measures.
  const probe = core.db.prepare('SELECT 1 FROM dossier_history WHERE dossier_id = ? AND note = ?');
  const latencySamplesMs: number[] = [];
  const pushSamplesMs: number[] = [];
  const clientId = `bench-writer-${process.pid}`;
  for (const [i, d] of ids.entries()) {
    const note = `latency probe ${Date.now()}-${i}`;
    const start = performance.now();
    await writer.push({
      clientId,
      mutations: [
        {
          seq: i + 1,
          id: `probe-${process.pid}-${i}`,
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
    pushSamplesMs.push(performance.now() - start);
    for (let k = 0; k < 1000 && !probe.get(d.id, note); k++)
      await new Promise((r) => setTimeout(r, 2));
    latencySamplesMs.push(performance.now() - start);
  }
  core.close();
  return {
    rows,
    seconds,
    peakRssMb: Math.round(peakRss / 1024 / 1024),
    eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
    latencySamplesMs,
    pushSamplesMs,
  };
}

main().then(
  (result) => {
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
