/**
 * The central API at a province's size on PostgreSQL (issue 16, item 3): a million dossiers
 * (and 200,000 complaints) with their history, about 8 M rows, where an officer's scope is one
 * commune or department:
 *  - seed: how long the empty database takes to fill (multi-row INSERTs, indexes built after);
 *  - initial sync of the scope closest to 50,000 dossiers, over HTTP, pages of 5,000 and of
 *    2,000 (the desktop's loader asks for 2,000);
 *  - feed pages at this size: the scope's first page, and live pages (near the head) for the
 *    scope and for the province's leader;
 *  - 1,000 live listeners held open: the server's memory per listener, and how soon a commit in
 *    a scope reaches its listeners.
 * It takes minutes (most of them seeding), so it runs only when named:
 * `npm run bench -- central-province`. CENTRAL_PROVINCE_DOSSIERS / _COMPLAINTS size it.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createSeedGenerator, generatedSeedData, seedStore } from '../../central/seed';
import { CentralStore } from '../../central/store/store';
import { postgresSkipReason, startPostgres } from '../support/postgres';
import { login, post, reportLoad, request, startChild, stopChild } from './central-lib';
import { summarize, type BenchReport } from './lib';

const env = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number`);
  return n;
};
const DOSSIERS = env('CENTRAL_PROVINCE_DOSSIERS', 1_000_000);
const COMPLAINTS = env('CENTRAL_PROVINCE_COMPLAINTS', 200_000);
const SCOPE_DOSSIERS = 50_000;
const LISTENERS = 1000;
const SEED_END = Date.UTC(2026, 10, 20, 3, 0);
const SECTION = 'central (province, postgres)';

interface Officer {
  id: string;
  username: string;
  unitId: string;
  roles: string[];
}

function rssMb(pid: number): number {
  const status = readStatus(pid);
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function readStatus(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
}

/** The server's V8 heap in use, from its own metrics. */
async function heapUsedMb(url: string): Promise<number> {
  const text = await new Promise<string>((resolve, reject) => {
    http
      .get(`${url}/metrics`, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
  const line = text.split('\n').find((l) => l.startsWith('central_nodejs_heap_size_used_bytes '));
  return Number(line?.split(' ')[1] ?? 0) / 1e6;
}

/** Pages a scope's whole feed from 0; rows per second, as a client's initial sync sees them. */
async function initialSync(url: string, token: string, limit: number) {
  let cursor = '0';
  let rows = 0;
  let pages = 0;
  const t0 = performance.now();
  for (let guard = 0; guard < 100_000; guard++) {
    const reply = await request(`${url}/sync/changes?since=${cursor}&limit=${limit}`, 'GET', token);
    if (reply.status !== 200) throw new Error(`feed: ${reply.status}`);
    const page = reply.json as {
      changes: unknown[];
      removals: unknown[];
      cursor: string;
      hasMore: boolean;
    };
    rows += page.changes.length + page.removals.length;
    pages++;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { rows, pages, seconds, cursor };
}

async function timePages(url: string, token: string, query: string, n: number) {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const reply = await request(`${url}/sync/changes?${query}`, 'GET', token);
    if (reply.status !== 200) throw new Error(`feed: ${reply.status}`);
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/** One raw SSE connection (its own socket); resolves once the first event arrived. */
function openListener(
  url: string,
  token: string,
  onEvent: (seq: number, at: number) => void,
): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/sync/live`, {
      agent: false,
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    });
    let opened = false;
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`live: ${res.statusCode}`));
        res.resume();
        return;
      }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, cut))?.[1];
          buffer = buffer.slice(cut + 2);
          if (!data) continue;
          onEvent(Number((JSON.parse(data) as { seq: string }).seq), at);
          if (!opened) {
            opened = true;
            resolve(() => req.destroy());
          }
        }
      });
      res.on('error', () => undefined);
    });
    req.on('error', (error) => {
      if (!opened) reject(error);
    });
    req.end();
  });
}

export async function run(report: BenchReport): Promise<void> {
  if (!process.argv.includes('central-province')) {
    console.log(
      '  central-province: skipped (it takes minutes: npm run bench -- central-province)',
    );
    return;
  }
  const skip = postgresSkipReason();
  if (skip) {
    console.log(`  ${SECTION}: skipped: ${skip}`);
    return;
  }
  reportLoad(report, SECTION);
  // Bulk-load settings: room for the WAL of a big load and for building the indexes once.
  const pg = await startPostgres({
    settings: {
      shared_buffers: '1GB',
      maintenance_work_mem: '1GB',
      max_wal_size: '16GB',
      checkpoint_timeout: '30min',
    },
  });
  try {
    const url = await pg.createDatabase('province');
    const storage = { kind: 'postgres' as const, url };
    const options = { seed: 2, dossiers: DOSSIERS, complaints: COMPLAINTS, end: SEED_END };
    const store = await CentralStore.open(storage, { listen: false });
    let officers: Officer[];
    let scopeUnit: string;
    let scopeDossiers: number;
    let probeDossier: { id: string; version: number } | undefined;
    try {
      const t0 = performance.now();
      let lastPrint = 0;
      const summary = await seedStore(
        store,
        generatedSeedData(createSeedGenerator(options), options),
        {
          validate: 'sample',
          onProgress: (done, total) => {
            const now = performance.now();
            if (now - lastPrint < 15_000) return;
            lastPrint = now;
            console.log(
              `  … seeding ${done.toLocaleString('en-US')} / ~${total.toLocaleString('en-US')} rows`,
            );
          },
        },
      );
      const seedMs = performance.now() - t0;
      if (!summary) throw new Error('the database was not empty');
      report.info(
        SECTION,
        `seed ${DOSSIERS.toLocaleString('en-US')} dossiers + ${COMPLAINTS.toLocaleString('en-US')} complaints`,
        Math.round(seedMs / 1000),
        's',
        `${summary.rows.toLocaleString('en-US')} rows, ${Math.round(summary.rows / (seedMs / 1000)).toLocaleString('en-US')} rows/s, indexes built and VACUUM ANALYZE included`,
      );
      report.info(SECTION, 'rows', summary.rows, 'rows');
      const size = await sql<{
        bytes: number;
      }>`select pg_database_size(current_database()) as bytes`.execute(store.db);
      report.info(
        SECTION,
        'database size',
        Math.round(Number(size.rows[0]?.bytes ?? 0) / 1e6),
        'MB',
      );
      officers = (
        await store.db
          .selectFrom('records')
          .select('data')
          .where('entity', '=', 'officer')
          .execute()
      ).map((r) => JSON.parse(r.data) as Officer);
      const counts = await store.db
        .selectFrom('records')
        .select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('entity', '=', 'dossier')
        .groupBy('unit_id')
        .execute();
      const closest = counts
        .map((c) => ({ unit: c.unit_id as string, n: Number(c.n) }))
        .sort((x, y) => Math.abs(x.n - SCOPE_DOSSIERS) - Math.abs(y.n - SCOPE_DOSSIERS))[0];
      if (!closest) throw new Error('no dossiers');
      scopeUnit = closest.unit;
      scopeDossiers = closest.n;
      const probe = await store.db
        .selectFrom('records')
        .select(['id', 'version'])
        .where('entity', '=', 'dossier')
        .where('unit_id', '=', scopeUnit)
        .limit(1)
        .executeTakeFirst();
      probeDossier = probe ? { id: probe.id, version: Number(probe.version) } : undefined;
      report.info(
        SECTION,
        'agencies holding dossiers',
        counts.length,
        '',
        `largest ${Math.max(...counts.map((c) => Number(c.n))).toLocaleString('en-US')} dossiers`,
      );
    } finally {
      await store.close();
    }

    const { url: api, child } = await startChild(storage, 'province');
    try {
      const desk = officers.find(
        (o) => o.unitId === scopeUnit && o.roles.includes('desk_officer'),
      ) as Officer;
      const leader = officers.find(
        (o) => o.unitId === 'unit-province' && o.roles.includes('leader'),
      );
      const token = await login(api, desk.username);

      const head = Number(
        ((await request(`${api}/health`, 'GET', null)).json as { seq: string }).seq,
      );
      // 1,000 listeners, at most 20 per officer: 50 officers, the scope's own first.
      const listeners = [
        ...officers.filter((o) => o.unitId === scopeUnit),
        ...officers.filter((o) => o.unitId !== scopeUnit),
      ].slice(0, Math.ceil(LISTENERS / 20));
      const tokens: { officer: Officer; token: string }[] = [];
      for (const o of listeners) tokens.push({ officer: o, token: await login(api, o.username) });
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const before = rssMb(child.pid as number);
      const heapBefore = await heapUsedMb(api);
      const heard = new Map<number, { seq: number; at: number }[]>();
      const closers: (() => void)[] = [];
      for (let i = 0; i < LISTENERS; i++) {
        const { token: t } = tokens[i % tokens.length] as { token: string };
        const events: { seq: number; at: number }[] = [];
        heard.set(i, events);
        closers.push(await openListener(api, t, (seq, at) => events.push({ seq, at })));
      }
      await new Promise((resolve) => setTimeout(resolve, 5000));
      const after = rssMb(child.pid as number);
      const heapAfter = await heapUsedMb(api);
      report.info(
        SECTION,
        `server memory per live listener (${LISTENERS} open)`,
        Number(((after - before) / LISTENERS).toFixed(3)),
        'MB',
        `RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB; V8 heap used ${heapBefore.toFixed(0)} → ${heapAfter.toFixed(0)} MB (${((1000 * (heapAfter - heapBefore)) / LISTENERS).toFixed(1)} KB per listener)`,
      );
      // A commit in the scope: how soon its listeners hear of it.
      const inScope = [...heard.keys()].filter(
        (i) => (tokens[i % tokens.length] as { officer: Officer }).officer.unitId === scopeUnit,
      );
      const dossier = probeDossier;
      const latencies: number[] = [];
      if (dossier && inScope.length > 0) {
        for (let round = 0; round < 10; round++) {
          const marks = new Map(inScope.map((i) => [i, (heard.get(i) as unknown[]).length]));
          const t0 = performance.now();
          const reply = await post(api, '/sync/push', token, {
            clientId: `province-${process.pid}`,
            mutations: [
              {
                seq: round + 1,
                id: `province-${round}`,
                baseVersion: dossier.version,
                at: Date.now(),
                target: {
                  entity: 'dossier',
                  id: dossier.id,
                  action: { type: 'add_note', text: `province ${round}`, visibility: 'internal' },
                },
              },
            ],
          });
          if (reply.status !== 200) throw new Error(`push: ${reply.status}`);
          const deadline = performance.now() + 5000;
          while (performance.now() < deadline) {
            const done = inScope.every(
              (i) => (heard.get(i) as unknown[]).length > (marks.get(i) as number),
            );
            if (done) break;
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
          for (const i of inScope) {
            const event = (heard.get(i) as { at: number }[])[marks.get(i) as number];
            if (event) latencies.push(event.at - t0);
          }
        }
        const l = summarize(latencies);
        report.info(
          SECTION,
          `push sent → its scope's listeners hear of it, with ${LISTENERS} open, p95`,
          Number(l.p95.toFixed(1)),
          'ms',
          `p50 ${l.p50.toFixed(1)} ms, ${inScope.length} listeners in the scope × 10 commits`,
        );
      }
      for (const close of closers) close();

      for (const limit of [5000, 2000]) {
        const sync = await initialSync(api, token, limit);
        report.atLeast(
          SECTION,
          `initial sync of one agency's scope, pages of ${limit}`,
          Math.round(sync.rows / sync.seconds),
          'rows/s',
          40_000,
          `${scopeDossiers.toLocaleString('en-US')} dossiers, ${sync.rows.toLocaleString('en-US')} rows (with history and reference data) in ${sync.seconds.toFixed(1)} s, ${sync.pages} pages`,
        );
      }

      const first = await timePages(api, token, 'since=0&limit=1000', 20);
      report.info(
        SECTION,
        "feed: a scope's first page of 1,000, p50",
        Number(first.p50.toFixed(1)),
        'ms',
        `p95 ${first.p95.toFixed(1)} ms`,
      );
      const live = await timePages(api, token, `since=${head - 100}&limit=1000`, 50);
      report.info(
        SECTION,
        'feed: a live page (cursor near the head), p50',
        Number(live.p50.toFixed(1)),
        'ms',
        `p95 ${live.p95.toFixed(1)} ms`,
      );
      if (leader) {
        const leaderToken = await login(api, leader.username);
        const wide = await timePages(api, leaderToken, `since=${head - 100}&limit=1000`, 50);
        report.info(
          SECTION,
          "feed: the province leader's live page, p50",
          Number(wide.p50.toFixed(1)),
          'ms',
          `p95 ${wide.p95.toFixed(1)} ms`,
        );
        const wideFirst = await timePages(api, leaderToken, 'since=0&limit=1000', 10);
        report.info(
          SECTION,
          "feed: the province leader's first page, p50",
          Number(wideFirst.p50.toFixed(1)),
          'ms',
          `p95 ${wideFirst.p95.toFixed(1)} ms`,
        );
      }
    } finally {
      await stopChild(child);
    }
  } finally {
    await pg.stop();
  }
}
