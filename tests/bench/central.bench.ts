/**
 * The central API on both storages, and on PostgreSQL with two instances (issues 4 and 16):
 *  - seed: 200,000 dossiers + 50,000 complaints with their history, into an empty database;
 *  - feed: rows per second paging the whole feed as a provincial leader, over HTTP on loopback;
 *  - load: 100 simulated clients pulling and pushing for 60 s, checked afterwards for errors and
 *    for lost or duplicated mutations; mutations per second and p95 latency; the CPU each
 *    process used meanwhile (server, PostgreSQL, these clients), since all share two cores;
 *  - live: how soon an officer listening on one instance hears of a commit made through another
 *    (or the same one, for a single instance), measured during the load.
 * Two instances: two central processes over the same PostgreSQL database (the one the
 * single-instance run used), each client sending every request to the next instance in turn,
 * as a round-robin load balancer without affinity would.
 * The central API runs as child processes (`central/main.ts`), so the servers and the simulated
 * clients each have their own process, as they would on separate machines.
 *
 * Smaller runs: CENTRAL_BENCH_DOSSIERS, CENTRAL_BENCH_COMPLAINTS, CENTRAL_BENCH_SECONDS,
 * CENTRAL_BENCH_CLIENTS, CENTRAL_BENCH_STORAGES=sqlite,postgres,postgres-2 (any of them),
 * CENTRAL_BENCH_FEED=0 (no whole-feed read); a CPU profile of the servers with
 * CENTRAL_BENCH_PROFILE=DIR.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CentralStore, type StorageConfig } from '../../central/store/store';
import { createSeedGenerator, generatedSeedData, seedStore } from '../../central/seed';
import { defaultKeyFile, sqliteKeyFromFile } from '../../central/store/sqlite-key';
import { postgresSkipReason, startPostgres, type TestPostgres } from '../support/postgres';
import {
  CpuMeter,
  listen,
  login,
  post,
  reportLoad,
  request,
  startChild,
  stopChild,
  withChildren,
} from './central-lib';
import { summarize, type BenchReport } from './lib';

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

/** The targets (issue 16), reported beside the figures. */
const TARGET_MUTATIONS_PER_S = 2000;
const TARGET_PUSH_P95_MS = 150;
const TARGET_NOTIFY_P95_MS = 200;

interface Officer {
  id: string;
  username: string;
  unitId: string;
  roles: string[];
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

/**
 * Listeners of one agency on the last instance; a probe officer of that agency pushes a note
 * on the first instance now and then. No load client works in that agency, so the first event
 * after a probe's push that carries a seq past the head before it is that push's commit.
 * Measured to the last listener's event, from the push's answer (the commit is acknowledged:
 * it happened just before; an event that arrives first counts 0) and from sending the push (an
 * upper bound that includes waiting for the commit under load).
 */
async function startProbe(
  urls: readonly string[],
  probe: { officer: Officer; listeners: Officer[]; target: Target },
): Promise<{ stop(): Promise<{ fromAnswer: number[]; fromSend: number[] }> }> {
  const sendTo = urls[0] as string;
  const hearOn = urls[urls.length - 1] as string;
  const token = await login(sendTo, probe.officer.username);
  const heard: { seq: number; at: number }[] = [];
  const closers = await Promise.all(
    probe.listeners.map(async (o) =>
      listen(hearOn, await login(hearOn, o.username), (seq, at) => heard.push({ seq, at })),
    ),
  );
  const fromAnswer: number[] = [];
  const fromSend: number[] = [];
  const clientId = `probe-${process.pid}-${Date.now() % 1_000_000}`;
  let running = true;
  let seq = 0;
  const loop = (async () => {
    while (running) {
      const before = heard.length;
      const headBefore = Math.max(0, ...heard.map((h) => h.seq));
      seq++;
      const t0 = performance.now();
      const reply = await post(sendTo, '/sync/push', token, {
        clientId,
        mutations: [
          {
            seq,
            id: `probe-${seq}`,
            baseVersion: probe.target.version,
            at: Date.now(),
            target: {
              entity: 'dossier',
              id: probe.target.id,
              action: { type: 'add_note', text: `probe ${seq}`, visibility: 'internal' },
            },
          },
        ],
      });
      const t1 = performance.now();
      if (reply.status !== 200) break;
      // Every listener hears of it: the slowest is what an officer may wait.
      const deadline = performance.now() + 5000;
      while (performance.now() < deadline) {
        const events = heard.slice(before).filter((h) => h.seq > headBefore);
        if (events.length >= probe.listeners.length) {
          const last = Math.max(...events.map((e) => e.at));
          fromAnswer.push(Math.max(0, last - t1));
          fromSend.push(last - t0);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      for (const close of closers) close();
      return { fromAnswer, fromSend };
    },
  };
}

async function loadTest(
  report: BenchReport,
  section: string,
  urls: readonly string[],
  officers: Officer[],
  targets: Map<string, Target[]>,
  store: () => Promise<CentralStore>,
  cpu: CpuMeter,
) {
  const base = await (await store()).head();
  // Client ids of their own: a later run on the same database must not meet this one's.
  const run = `${process.pid}-${Date.now() % 1_000_000}`;
  // The probe's agency: the last one with targets and at least two officers who may listen.
  const agencies = [...new Set(officers.map((o) => o.unitId))].filter(
    (u) => (targets.get(u)?.length ?? 0) > 0,
  );
  const probeUnit = agencies
    .reverse()
    .find((u) => officers.filter((o) => o.unitId === u).length > 2);
  const probeOfficers = officers.filter((o) => o.unitId === probeUnit);
  const staff = officers.filter(
    (o) =>
      o.roles.some((r) => r === 'desk_officer' || r === 'processing_officer' || r === 'leader') &&
      (targets.get(o.unitId)?.length ?? 0) > 0 &&
      o.unitId !== probeUnit,
  );
  const clients = Array.from({ length: CLIENTS }, (_, i) => staff[i % staff.length] as Officer);
  const tokens = await Promise.all(
    clients.map((o, c) => login(urls[c % urls.length] as string, o.username)),
  );
  const pushLatency: number[] = [];
  const pullLatency: number[] = [];
  let errors = 0;
  let duplicatesSent = 0;
  let replayMismatches = 0;
  const sentBy: Sent[][] = clients.map(() => []);
  const probeTarget = targets.get(probeUnit ?? '')?.[0];
  const probe =
    probeUnit && probeTarget && probeOfficers.length > 2
      ? await startProbe(urls, {
          officer: probeOfficers[0] as Officer,
          listeners: probeOfficers.slice(1, 11),
          target: probeTarget,
        })
      : null;
  cpu.start();
  const deadline = performance.now() + SECONDS * 1000;
  const runStart = performance.now();
  let turn = 0;
  const next = () => urls[turn++ % urls.length] as string;

  await Promise.all(
    clients.map(async (officer, c) => {
      const token = tokens[c] as string;
      const clientId = `bench-${run}-${c}`;
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
            const again = await post(next(), '/sync/push', token, previous.body);
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
          const reply = await post(next(), '/sync/push', token, body);
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
            const response = await request(
              `${next()}/sync/changes?since=${cursor}&limit=1000`,
              'GET',
              token,
            );
            if (response.status !== 200) {
              errors++;
              break;
            }
            const page = response.json as {
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
  const usage = cpu.stop();
  const notify = probe ? await probe.stop() : { fromAnswer: [], fromSend: [] };

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
    const clientId = `bench-${run}-${c}`;
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
    `${CLIENTS} clients, ${SECONDS} s, ${urls.length} instance(s)`,
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
  const rate = Math.round(decided / seconds);
  report.atLeast(
    section,
    'mutations decided',
    rate,
    'mutations/s',
    TARGET_MUTATIONS_PER_S,
    `${applied} applied, ${rejected} refused (conflicts and rules)`,
  );
  report.atMost(
    section,
    'push latency p95',
    Number(push.p95.toFixed(1)),
    'ms',
    TARGET_PUSH_P95_MS,
    `p50 ${push.p50.toFixed(1)} ms, ${push.count} pushes`,
  );
  report.info(
    section,
    'pull latency p95',
    Number(pull.p95.toFixed(1)),
    'ms',
    `p50 ${pull.p50.toFixed(1)} ms`,
  );
  if (notify.fromAnswer.length > 0) {
    const n = summarize(notify.fromAnswer);
    const sent = summarize(notify.fromSend);
    const where =
      urls.length > 1 ? 'listeners on the other instance' : 'listeners on the same instance';
    const note = `p50 ${n.p50.toFixed(1)} ms; from sending the push p95 ${sent.p95.toFixed(1)} ms; ${n.count} probes, ${Math.min(10, probeOfficers.length - 1)} listeners each, during the load`;
    const name = `commit (push answered) → ${where}, p95`;
    if (urls.length > 1) {
      report.atMost(section, name, Number(n.p95.toFixed(1)), 'ms', TARGET_NOTIFY_P95_MS, note);
    } else {
      report.info(section, name, Number(n.p95.toFixed(1)), 'ms', note);
    }
    report.info(section, `push sent → ${where}, p95`, Number(sent.p95.toFixed(1)), 'ms');
  }
  for (const [name, percent] of Object.entries(usage)) {
    report.info(section, `CPU during the load: ${name}`, percent, '% of a core');
  }
  return rate;
}

interface Prepared {
  storage: StorageConfig;
  officers: Officer[];
  targets: Map<string, Target[]>;
  leader: Officer | undefined;
}

/** Seeds a fresh database (as `npm run central` does on first start) and picks the load's targets. */
async function prepare(
  report: BenchReport,
  section: string,
  storage: StorageConfig,
): Promise<Prepared> {
  const options = { seed: 1, dossiers: DOSSIERS, complaints: COMPLAINTS, end: SEED_END };
  const store = await CentralStore.open(storage, { listen: false });
  try {
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
    return { storage, officers, targets, leader };
  } finally {
    await store.close();
  }
}

/** Runs the feed read and the load against `instances` central processes over one database. */
async function runInstances(
  report: BenchReport,
  section: string,
  prepared: Prepared,
  instances: number,
  pg: TestPostgres | null,
  feed: boolean,
): Promise<number> {
  reportLoad(report, section);
  const started = [];
  try {
    for (let i = 0; i < instances; i++)
      started.push(await startChild(prepared.storage, `#${i + 1}`));
    const urls = started.map((s) => s.url);
    if (feed && prepared.leader && process.env.CENTRAL_BENCH_FEED !== '0') {
      await feedThroughput(report, section, urls[0] as string, prepared.leader.username);
    }
    const groups: Record<string, () => number[]> = {};
    started.forEach((s, i) => {
      groups[instances > 1 ? `central #${i + 1}` : 'central'] = () => [s.child.pid as number];
    });
    if (pg) groups.postgres = () => withChildren(pg.pid() ?? 0);
    let verify: CentralStore | null = null;
    try {
      return await loadTest(
        report,
        section,
        urls,
        prepared.officers,
        prepared.targets,
        async () => {
          verify ??= await CentralStore.open(prepared.storage, { listen: false });
          return verify;
        },
        new CpuMeter(groups),
      );
    } finally {
      await (verify as CentralStore | null)?.close();
    }
  } finally {
    for (const s of started) await stopChild(s.child);
  }
}

export async function run(report: BenchReport): Promise<void> {
  const wanted = (process.env.CENTRAL_BENCH_STORAGES ?? 'sqlite,postgres,postgres-2').split(',');
  const rates: Record<string, number> = {};
  if (wanted.includes('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'central-bench-'));
    try {
      const section = 'central (sqlite)';
      const file = join(dir, 'central.db');
      // Seeded with the key the server will read beside the file (a plain file would be
      // encrypted by the server at its start, and the check's own reopening then refused).
      const prepared = await prepare(report, section, {
        kind: 'sqlite',
        file,
        key: sqliteKeyFromFile(defaultKeyFile(file), true),
      });
      rates.sqlite = await runInstances(report, section, prepared, 1, null, true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (wanted.includes('postgres') || wanted.includes('postgres-2')) {
    const skip = postgresSkipReason();
    if (skip) {
      console.log(`  central (postgres): skipped: ${skip}`);
      return;
    }
    const pg = await startPostgres();
    try {
      const url = await pg.createDatabase(`bench_${Date.now() % 100000}`);
      const prepared = await prepare(report, 'central (postgres)', { kind: 'postgres', url });
      if (wanted.includes('postgres')) {
        rates.postgres = await runInstances(report, 'central (postgres)', prepared, 1, pg, true);
      }
      if (wanted.includes('postgres-2')) {
        rates['postgres-2'] = await runInstances(
          report,
          'central (postgres, 2 instances)',
          prepared,
          2,
          pg,
          false,
        );
      }
    } finally {
      await pg.stop();
    }
  }
  if (rates.sqlite !== undefined) {
    for (const [name, rate] of Object.entries(rates)) {
      if (name === 'sqlite') continue;
      report.atLeast(
        'central (side by side)',
        `${name === 'postgres' ? 'PostgreSQL, 1 instance' : 'PostgreSQL, 2 instances'} ÷ SQLite, mutations/s`,
        Number((rate / rates.sqlite).toFixed(2)),
        '×',
        1,
        `${rate} vs ${rates.sqlite} mutations/s in this run`,
      );
    }
  }
}
