/**
 * The central API on both storages (issue 4, "Performance"):
 *  - seed: 200,000 dossiers + 50,000 complaints with their history, into an empty database;
 *  - feed: rows per second paging the whole feed as a provincial leader, over HTTP on loopback;
 *  - load: 100 simulated clients pulling and pushing for 60 s against one central instance,
 *    checked afterwards for errors and for lost or duplicated mutations; mutations per second
 *    and p95 latency.
 * The central API runs as a child process (`central/main.ts`), so the server and the simulated
 * clients each have a core, as they would on separate machines.
 *
 * Smaller runs: CENTRAL_BENCH_DOSSIERS, CENTRAL_BENCH_COMPLAINTS, CENTRAL_BENCH_SECONDS,
 * CENTRAL_BENCH_CLIENTS, CENTRAL_BENCH_STORAGES=sqlite|postgres|sqlite,postgres; a CPU profile of
 * the server with CENTRAL_BENCH_PROFILE=DIR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { CentralStore, type StorageConfig } from '../../central/store/store';
import { createSeedGenerator, generatedSeedData, seedStore } from '../../central/seed';
import { postgresSkipReason, startPostgres, type TestPostgres } from '../support/postgres';
import { summarize, type BenchReport } from './lib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

const env = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number`);
  return n;
};

const DOSSIERS = env('CENTRAL_BENCH_DOSSIERS', 200_000);
const COMPLAINTS = env('CENTRAL_BENCH_COMPLAINTS', 50_000);
const SECONDS = env('CENTRAL_BENCH_SECONDS', 60);
const CLIENTS = env('CENTRAL_BENCH_CLIENTS', 100);
const SEED_END = Date.UTC(2026, 10, 20, 3, 0);

interface Officer {
  id: string;
  username: string;
  unitId: string;
  roles: string[];
}

async function startChild(storage: StorageConfig): Promise<{ url: string; child: ChildProcess }> {
  // CENTRAL_BENCH_PROFILE=DIR writes a CPU profile of the server to DIR.
  const profile = process.env.CENTRAL_BENCH_PROFILE;
  const args = [
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    '--import',
    'tsx',
    join(root, 'central', 'main.ts'),
    '--port',
    '0',
    '--dossiers',
    String(DOSSIERS),
    '--complaints',
    String(COMPLAINTS),
  ];
  if (storage.kind === 'sqlite') args.push('--data', storage.file);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, CENTRAL_DATABASE_URL: storage.kind === 'postgres' ? storage.url : '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    out = (out + chunk).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`central did not start:\n${out}`)), 120_000);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out = (out + chunk).slice(-4000);
      const match = /central: listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`central exited (${code}):\n${out}`));
    });
  });
  return { url, child };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function post(url: string, path: string, token: string | null, body: unknown) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

async function login(url: string, username: string): Promise<string> {
  const reply = await post(url, '/auth/login', null, { username, password: 'demo' });
  if (reply.status !== 200) throw new Error(`login ${username}: ${reply.status}`);
  return (reply.json as { token: string }).token;
}

async function feedThroughput(report: BenchReport, section: string, url: string, leader: string) {
  const token = await login(url, leader);
  let cursor = '0';
  let rows = 0;
  let bytes = 0;
  const t0 = performance.now();
  for (let guard = 0; guard < 100_000; guard++) {
    const response = await fetch(`${url}/sync/changes?since=${cursor}&limit=5000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`feed: ${response.status} ${text.slice(0, 200)}`);
    bytes += text.length;
    const page = JSON.parse(text) as {
      changes: unknown[];
      removals: unknown[];
      cursor: string;
      hasMore: boolean;
    };
    rows += page.changes.length + page.removals.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  report.info(section, 'feed rows (whole feed, provincial leader)', rows, 'rows');
  report.atLeast(
    section,
    'feed read over HTTP',
    Math.round(rows / seconds),
    'rows/s',
    30_000,
    `${(bytes / 1e6 / seconds).toFixed(0)} MB/s of JSON, pages of 5000`,
  );
}

interface Target {
  id: string;
  unitId: string;
  version: number;
  status: number;
}

interface Sent {
  seq: number;
  id: string;
  tag: string;
  result: unknown;
}

async function loadTest(
  report: BenchReport,
  section: string,
  url: string,
  officers: Officer[],
  targets: Map<string, Target[]>,
  store: () => Promise<CentralStore>,
) {
  const base = await (await store()).head();
  const staff = officers.filter(
    (o) =>
      o.roles.some((r) => r === 'desk_officer' || r === 'processing_officer' || r === 'leader') &&
      (targets.get(o.unitId)?.length ?? 0) > 0,
  );
  const clients = Array.from({ length: CLIENTS }, (_, i) => staff[i % staff.length] as Officer);
  const tokens = await Promise.all(clients.map((o) => login(url, o.username)));
  const pushLatency: number[] = [];
  const pullLatency: number[] = [];
  let errors = 0;
  let duplicatesSent = 0;
  let replayMismatches = 0;
  const sentBy: Sent[][] = clients.map(() => []);
  const deadline = performance.now() + SECONDS * 1000;
  const runStart = performance.now();

  await Promise.all(
    clients.map(async (officer, c) => {
      const token = tokens[c] as string;
      const clientId = `bench-${process.pid}-${c}`;
      const mine = targets.get(officer.unitId) ?? [];
      const versions = new Map(mine.map((t) => [t.id, t.version]));
      let cursor = String(base);
      let seq = 0;
      let previous: { body: unknown; results: unknown } | null = null;
      let n = 0;
      while (performance.now() < deadline) {
        n++;
        try {
          if (previous && n % 20 === 0) {
            // A retried request (as after a lost answer): must return the same results.
            duplicatesSent++;
            const t0 = performance.now();
            const again = await post(url, '/sync/push', token, previous.body);
            pushLatency.push(performance.now() - t0);
            if (again.status !== 200) errors++;
            else if (
              JSON.stringify((again.json as { results: unknown }).results) !==
              JSON.stringify(previous.results)
            ) {
              replayMismatches++;
            }
          }
          const size = 1 + ((n * 7 + c) % 5);
          const mutations = [];
          for (let k = 0; k < size; k++) {
            seq++;
            const target = mine[(seq * 31 + c * 17) % mine.length] as Target;
            const tag = `bench:${clientId}:${seq}`;
            const desk = officer.roles.includes('desk_officer') && target.status === 1;
            const action =
              desk && seq % 4 === 0
                ? { type: 'accept', note: tag }
                : { type: 'add_note', text: tag, visibility: 'internal' };
            mutations.push({
              seq,
              id: `m-${clientId}-${seq}`,
              baseVersion: versions.get(target.id) ?? target.version,
              at: Date.now(),
              target: { entity: 'dossier', id: target.id, action },
            });
            (sentBy[c] as Sent[]).push({ seq, id: `m-${clientId}-${seq}`, tag, result: null });
          }
          const body = { clientId, mutations };
          const t0 = performance.now();
          const reply = await post(url, '/sync/push', token, body);
          pushLatency.push(performance.now() - t0);
          if (reply.status !== 200) {
            errors++;
            continue;
          }
          const results = (reply.json as { results: { seq: number; status: string }[] }).results;
          for (const r of results) {
            const sent = (sentBy[c] as Sent[]).find((s) => s.seq === r.seq);
            if (sent) sent.result = r;
          }
          previous = { body, results };
          const p0 = performance.now();
          for (let guard = 0; guard < 1000; guard++) {
            const response = await fetch(`${url}/sync/changes?since=${cursor}&limit=1000`, {
              headers: { authorization: `Bearer ${token}` },
            });
            if (response.status !== 200) {
              errors++;
              break;
            }
            const page = (await response.json()) as {
              changes: { entity: string; id: string; version: number; data: { status?: number } }[];
              cursor: string;
              hasMore: boolean;
            };
            for (const change of page.changes) {
              if (change.entity === 'dossier') versions.set(change.id, change.version);
            }
            cursor = page.cursor;
            if (!page.hasMore) break;
          }
          pullLatency.push(performance.now() - p0);
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - runStart) / 1000;

  // Verification, straight from the database: every mutation decided (the client's last_seq
  // covers it) with an answer the client got, and the answers the central API still keeps (it
  // lets go of those below a batch's first seq) equal to them; every applied one left exactly
  // one history entry, every refused one none.
  const db = (await store()).db;
  let lost = 0;
  let duplicated = 0;
  let applied = 0;
  let rejected = 0;
  const newHistory = await db
    .selectFrom('records')
    .select('data')
    .where('seq', '>', base)
    .where('entity', '=', 'dossier_history')
    .execute();
  const tags = new Map<string, number>();
  for (const row of newHistory) {
    const note = (JSON.parse(row.data) as { note: string | null }).note;
    if (note?.startsWith('bench:')) tags.set(note, (tags.get(note) ?? 0) + 1);
  }
  for (let c = 0; c < clients.length; c++) {
    const clientId = `bench-${process.pid}-${c}`;
    const stored = await db
      .selectFrom('mutation_results')
      .select(['seq', 'result'])
      .where('client_id', '=', clientId)
      .execute();
    const bySeq = new Map(stored.map((r) => [Number(r.seq), r.result]));
    const position = await db
      .selectFrom('clients')
      .select('last_seq')
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    const lastSeq = Number(position?.last_seq ?? 0);
    for (const sent of sentBy[c] as Sent[]) {
      if (sent.result === null || sent.seq > lastSeq) {
        lost++;
        continue;
      }
      const kept = bySeq.get(sent.seq);
      if (kept !== undefined && kept !== JSON.stringify(sent.result)) lost++;
      const status = (sent.result as { status: string }).status;
      const count = tags.get(sent.tag) ?? 0;
      if (status === 'applied') {
        applied++;
        if (count === 0) lost++;
        if (count > 1) duplicated += count - 1;
      } else {
        rejected++;
        if (count > 0) duplicated += count;
      }
    }
  }
  const decided = applied + rejected;
  const push = summarize(pushLatency);
  const pull = summarize(pullLatency);
  report.info(
    section,
    `clients × seconds`,
    CLIENTS * SECONDS,
    'client·s',
    `${CLIENTS} clients, ${SECONDS} s`,
  );
  report.atMost(section, 'errors', errors, 'requests', 0);
  report.atMost(section, 'lost mutations', lost, 'mutations', 0);
  report.atMost(
    section,
    'duplicated mutations',
    duplicated + replayMismatches,
    'mutations',
    0,
    `${duplicatesSent} batches deliberately resent`,
  );
  report.info(
    section,
    'mutations decided',
    Math.round(decided / seconds),
    'mutations/s',
    `${applied} applied, ${rejected} refused (conflicts and rules)`,
  );
  report.info(
    section,
    'push latency p95',
    Number(push.p95.toFixed(1)),
    'ms',
    `p50 ${push.p50.toFixed(1)} ms, ${push.count} pushes`,
  );
  report.info(
    section,
    'pull latency p95',
    Number(pull.p95.toFixed(1)),
    'ms',
    `p50 ${pull.p50.toFixed(1)} ms`,
  );
}

async function benchStorage(
  report: BenchReport,
  kind: 'sqlite' | 'postgres',
  pg: TestPostgres | null,
): Promise<void> {
  const section = `central (${kind})`;
  const dir = mkdtempSync(join(tmpdir(), 'central-bench-'));
  try {
    const storage: StorageConfig =
      kind === 'sqlite'
        ? { kind: 'sqlite', file: join(dir, 'central.db') }
        : {
            kind: 'postgres',
            url: await (pg as TestPostgres).createDatabase(`bench_${Date.now() % 100000}`),
          };

    // Seed in this process, the way `npm run central` does on first start.
    const options = { seed: 1, dossiers: DOSSIERS, complaints: COMPLAINTS, end: SEED_END };
    const store = await CentralStore.open(storage);
    const t0 = performance.now();
    const summary = await seedStore(
      store,
      generatedSeedData(createSeedGenerator(options), options),
      { validate: 'sample' },
    );
    const seedMs = performance.now() - t0;
    if (!summary) throw new Error('the database was not empty');
    report.info(
      section,
      `seed ${DOSSIERS.toLocaleString('en-US')} dossiers + ${COMPLAINTS.toLocaleString('en-US')} complaints`,
      Math.round(seedMs / 100) / 10,
      's',
      `${summary.rows.toLocaleString('en-US')} rows (${summary.historyEntries.toLocaleString('en-US')} history entries), ${Math.round(summary.rows / (seedMs / 1000)).toLocaleString('en-US')} rows/s`,
    );

    const officers = (
      await store.db.selectFrom('records').select('data').where('entity', '=', 'officer').execute()
    ).map((r) => JSON.parse(r.data) as Officer);
    const units = (
      await store.db.selectFrom('records').select('data').where('entity', '=', 'unit').execute()
    ).map((r) => JSON.parse(r.data) as { id: string; parentId: string | null; kind: string });
    // Targets: dossiers of each agency, for the officers of that agency and its offices.
    const targets = new Map<string, Target[]>();
    const agencies = units.filter((u) => u.kind === 'department' || u.kind === 'commune');
    for (const agency of agencies) {
      const rows = await store.db
        .selectFrom('records')
        .select(['id', 'version', 'data'])
        .where('entity', '=', 'dossier')
        .where('unit_id', '=', agency.id)
        .orderBy('seq', 'desc')
        .limit(60)
        .execute();
      const list = rows.map((r) => ({
        id: r.id,
        unitId: agency.id,
        version: Number(r.version),
        status: (JSON.parse(r.data) as { status: number }).status,
      }));
      targets.set(agency.id, list);
      for (const office of units.filter((u) => u.parentId === agency.id && u.kind === 'office'))
        targets.set(office.id, list);
    }
    const leader = officers.find((o) => o.unitId === 'unit-province' && o.roles.includes('leader'));
    await store.close();

    const { url, child } = await startChild(storage);
    try {
      if (leader) await feedThroughput(report, section, url, leader.username);
      let verify: CentralStore | null = null;
      try {
        await loadTest(report, section, url, officers, targets, async () => {
          verify ??= await CentralStore.open(storage);
          return verify;
        });
      } finally {
        await (verify as CentralStore | null)?.close();
      }
    } finally {
      await stopChild(child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(report: BenchReport): Promise<void> {
  const wanted = (process.env.CENTRAL_BENCH_STORAGES ?? 'sqlite,postgres').split(',');
  if (wanted.includes('sqlite')) await benchStorage(report, 'sqlite', null);
  if (wanted.includes('postgres')) {
    const skip = postgresSkipReason();
    if (skip) {
      console.log(`  central (postgres): skipped: ${skip}`);
      return;
    }
    const pg = await startPostgres();
    try {
      await benchStorage(report, 'postgres', pg);
    } finally {
      await pg.stop();
    }
  }
}
