import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sql, type RawBuilder } from 'kysely';
import { formatInstant } from '@shared/domain/calendar/time';
import type { HistoryEntry } from '@shared/model';
import type { AuditProblem, AuditReport } from '@shared/sync/protocol';
import { CSV_BOM, csvField } from './access-log';
import {
  ChainWalk,
  EntriesWalk,
  type Found,
  type OwnerRange,
  type PartResult,
  type PositionRange,
} from './audit-walk';
import { sha256 } from './store/chain';
import type { CentralStore } from './store/store';

/**
 * Walks the audit trail (migration 3) and names what does not hold:
 *
 *  - the running chain: positions 1..n with no gap, each chain_hash = SHA-256(previous ‖
 *    entry_hash) — a row removed, inserted, changed or moved breaks it where it happened;
 *  - each entry against its row: the history entry still exists (`deleted`) and its JSON text
 *    still hashes to entry_hash (`edited`);
 *  - each record's own chain: an entry's `prevHash` is the hash of the record's entry before it
 *    (`link`), and the record's entries keep their commit order in the feed (`reordered`: their
 *    seqs rise along the chain, which moves of the record preserve);
 *  - history entries the chain does not hold (`unchained`: written behind its back).
 *
 * After a break the walk goes on from the stored hash, so each problem is named once and the
 * first broken link is the earliest. What it cannot see on its own: the newest entries removed
 * together with their chain rows (the chain is then shorter but whole). The head it reports,
 * noted elsewhere from time to time (an operator's log), shows that too.
 *
 * The checks are cut into independent parts (audit-walk.ts): ranges of positions for the
 * running chain, ranges of records for their own chains. On SQLite they run on threads of
 * their own, each with its own read-only connection (audit-worker.ts), as many as the machine
 * has cores (at most MAX_THREADS): one thread cannot hash and read fast enough for a
 * province's trail. Where no thread can be started (PostgreSQL, whose reads are another
 * process's work anyway; a bundle without the worker) the same parts run here, page by page.
 */
const PAGE = 5000;
const MAX_PROBLEMS = 1000;
const MAX_THREADS = 4;
/** The entry's link, found through its record's chain (the owner index), not by a scan. */
const chained = sql`select 1 from audit_chain a
  where a.entity = r.entity and a.owner_id = r.owner_id and a.id = r.id`;

export type AuditPart =
  | { readonly kind: 'chain'; readonly range: PositionRange }
  | { readonly kind: 'entries'; readonly range: OwnerRange };

/** What a verification thread is given (audit-worker.ts). */
export interface AuditWorkerData {
  readonly file: string;
  readonly key: Uint8Array | null;
  readonly nativeBinding?: string;
  readonly parts: readonly AuditPart[];
  readonly limit: number;
}

type WorkerAnswer = { ok: true; results: PartResult[] } | { ok: false; message: string };

export interface VerifyOptions {
  /** Threads to walk with (default: the machine's cores, at most MAX_THREADS; 0: none). */
  readonly threads?: number;
}

export async function verifyAuditTrail(
  store: CentralStore,
  options: VerifyOptions = {},
): Promise<AuditReport> {
  const started = performance.now();
  const threads = Math.max(0, Math.min(MAX_THREADS, options.threads ?? availableParallelism()));
  const parts = await planParts(store, Math.max(1, threads));
  const results =
    (threads > 0 ? await runOnThreads(store, parts, threads) : null) ??
    (await runHere(store, parts));
  const found: Found[] = [];
  let total = 0;
  let entries = 0;
  let present = 0;
  results.forEach((result, i) => {
    total += result.total;
    found.push(...result.found);
    if (parts[i]?.kind === 'chain') entries += result.rows;
    else present += result.rows - result.deleted;
  });
  found.sort((a, b) => a.position - b.position || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  const problems = await describe(store, found.slice(0, MAX_PROBLEMS));
  // History rows the chain does not hold are looked for by name only when the counts say some
  // exist: the search probes the chain once per history row, the counts read two indexes.
  const history = await store.reader
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_id', 'is not', null)
    .executeTakeFirstOrThrow();
  const unchained =
    Number(history.n) === present
      ? { rows: [] }
      : await sql<{ entity: string; id: string; owner_id: string }>`
          select r.entity, r.id, r.owner_id
          from records r
          where r.owner_id is not null
            and not exists (${chained})
          order by r.seq
          limit ${MAX_PROBLEMS}`.execute(store.reader);
  total += unchained.rows.length;
  for (const r of unchained.rows) {
    if (problems.length >= MAX_PROBLEMS) break;
    problems.push({
      position: null,
      entity: r.entity,
      id: r.id,
      ownerId: r.owner_id,
      kind: 'unchained',
      message: `history entry ${r.id} of ${r.owner_id} is not in the audit trail (written behind its back)`,
    });
  }
  const head = await store.reader
    .selectFrom('audit_chain')
    .select('chain_hash')
    .orderBy('position', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    ok: total === 0,
    entries,
    head: head ? Buffer.from(head.chain_hash).toString('hex') : null,
    problemCount: total,
    firstBroken: problems[0] ?? null,
    problems,
    ms: Math.round(performance.now() - started),
  };
}

/** Within one position, the order a single walk would have named them in. */
const KIND_ORDER: Record<Found['kind'], number> = {
  gap: 0,
  chain: 1,
  deleted: 2,
  edited: 3,
  link: 4,
  reordered: 5,
};

/**
 * The parts for `n` threads: the positions cut into n ranges of about equal size, and the
 * records' chains cut where the owner index's n-quantiles fall (an owner is never cut).
 */
async function planParts(store: CentralStore, n: number): Promise<AuditPart[]> {
  const last = await store.reader
    .selectFrom('audit_chain')
    .select((eb) => [eb.fn.max('position').as('max'), eb.fn.countAll<number>().as('n')])
    .executeTakeFirstOrThrow();
  const max = Number(last.max ?? 0);
  const count = Number(last.n);
  const chain: AuditPart[] = [];
  for (let i = 0; i < n; i++) {
    const after = Math.floor((max * i) / n);
    chain.push({
      kind: 'chain',
      range: { after, through: i === n - 1 ? null : Math.floor((max * (i + 1)) / n) },
    });
  }
  const cuts: ([string, string] | null)[] = [null];
  for (let i = 1; i < n; i++) {
    const row = await sql<{ entity: string; owner_id: string }>`
      select entity, owner_id from audit_chain
      order by entity, owner_id, position
      limit 1 offset ${Math.floor((count * i) / n)}`.execute(store.reader);
    const at = row.rows[0];
    cuts.push(at ? [at.entity, at.owner_id] : (cuts[cuts.length - 1] ?? null));
  }
  cuts.push(null);
  const entries: AuditPart[] = [];
  for (let i = 0; i < n; i++) {
    entries.push({ kind: 'entries', range: { from: cuts[i] ?? null, to: cuts[i + 1] ?? null } });
  }
  // Thread i takes chain part i and entries part i (runOnThreads): each has a share of both.
  return [...chain, ...entries];
}

/** The parts on threads (SQLite on a file); null where no thread can do it. */
async function runOnThreads(
  store: CentralStore,
  parts: readonly AuditPart[],
  threads: number,
): Promise<PartResult[] | null> {
  const source = store.opened.sqliteSource;
  if (!source) return null;
  const shares: number[][] = Array.from({ length: threads }, () => []);
  parts.forEach((_, i) => shares[i % threads]?.push(i));
  const answers = await Promise.all(
    shares.map((share) =>
      runWorker({
        file: source.file,
        key: source.key ?? null,
        ...(source.nativeBinding ? { nativeBinding: source.nativeBinding } : {}),
        parts: share.map((i) => parts[i] as AuditPart),
        limit: MAX_PROBLEMS,
      }),
    ),
  );
  const results: PartResult[] = [];
  for (const [t, answer] of answers.entries()) {
    if (!answer || !answer.ok) return null;
    answer.results.forEach((result, j) => {
      results[shares[t]?.[j] ?? 0] = result;
    });
  }
  return results;
}

function runWorker(data: AuditWorkerData): Promise<WorkerAnswer | null> {
  const worker = createWorker(data);
  if (!worker) return Promise.resolve(null);
  return new Promise((resolve) => {
    let answered = false;
    worker.once('message', (answer: WorkerAnswer) => {
      answered = true;
      resolve(answer);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      if (!answered) resolve({ ok: false, message: error.message });
    });
    worker.once('exit', () => {
      if (!answered) resolve(null);
    });
  });
}

/** The verification thread: beside a bundle as audit-worker.cjs, else from the sources. */
function createWorker(data: AuditWorkerData): Worker | null {
  const here = import.meta.url;
  const options = { workerData: data, execArgv: [] as string[] };
  if (here.endsWith('.cjs')) {
    const bundled = new URL('./audit-worker.cjs', here);
    return existsSync(fileURLToPath(bundled)) ? new Worker(bundled, options) : null;
  }
  const entry = new URL('./audit-worker.ts', here).href;
  let tsx: string;
  try {
    tsx = import.meta.resolve('tsx/esm/api');
  } catch {
    return null;
  }
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
    { ...options, eval: true },
  );
}

/** The parts on this thread, page by page through the store's reader, on either engine. */
async function runHere(store: CentralStore, parts: readonly AuditPart[]): Promise<PartResult[]> {
  const postgres = store.kind === 'postgres';
  const results: PartResult[] = [];
  for (const part of parts) {
    if (part.kind === 'chain') {
      const before = (
        await sql<{ position: number; chain_hash: Uint8Array }>`
          select position, chain_hash from audit_chain where position <= ${part.range.after}
          order by position desc limit 1`.execute(store.reader)
      ).rows[0];
      const walk = new ChainWalk(
        before ? [Number(before.position), before.chain_hash] : null,
        MAX_PROBLEMS,
      );
      let after = part.range.after;
      for (;;) {
        const through = part.range.through;
        const page = await sql<{
          position: number;
          entry_hash: Uint8Array;
          chain_hash: Uint8Array;
        }>`
          select position, entry_hash, chain_hash from audit_chain
          where position > ${after} ${through === null ? sql`` : sql`and position <= ${through}`}
          order by position limit ${PAGE}`.execute(store.reader);
        for (const r of page.rows) walk.push([Number(r.position), r.entry_hash, r.chain_hash]);
        if (page.rows.length < PAGE) break;
        after = Number(page.rows[page.rows.length - 1]?.position);
      }
      results.push(walk.result());
      continue;
    }
    const walk = new EntriesWalk(MAX_PROBLEMS);
    const { from, to } = part.range;
    let cursor: readonly [string, string, number] | null = null;
    for (;;) {
      const conditions: RawBuilder<unknown>[] = [
        ...(from ? [sql`(a.entity, a.owner_id) >= (${from[0]}, ${from[1]})`] : []),
        ...(to ? [sql`(a.entity, a.owner_id) < (${to[0]}, ${to[1]})`] : []),
        ...(cursor
          ? [sql`(a.entity, a.owner_id, a.position) > (${cursor[0]}, ${cursor[1]}, ${cursor[2]})`]
          : []),
      ];
      const where: RawBuilder<unknown> =
        conditions.length === 0 ? sql`` : sql`where ${sql.join(conditions, sql` and `)}`;
      const page = await sql<{
        position: number;
        entity: string;
        owner_id: string;
        entry_hash: Uint8Array;
        seq: number | null;
        data: string | Uint8Array | null;
      }>`
        select a.position, a.entity, a.owner_id, a.entry_hash, r.seq,
          ${postgres ? sql`r.data` : sql`cast(r.data as blob)`} as data
        from audit_chain a
        left join records r on r.entity = a.entity and r.id = a.id
        ${where}
        order by a.entity, a.owner_id, a.position
        limit ${PAGE}`.execute(store.reader);
      for (const r of page.rows) {
        walk.push([Number(r.position), r.entity, r.owner_id, r.entry_hash, r.seq, r.data]);
      }
      const lastRow = page.rows[page.rows.length - 1];
      if (page.rows.length < PAGE || !lastRow) break;
      cursor = [lastRow.entity, lastRow.owner_id, Number(lastRow.position)];
    }
    results.push(walk.result());
  }
  return results;
}

/** The problems found, with the entries they are about (looked up by position) and messages. */
async function describe(store: CentralStore, found: readonly Found[]): Promise<AuditProblem[]> {
  const positions = [
    ...new Set(
      found.flatMap((f) => (f.before === undefined ? [f.position] : [f.position, f.before])),
    ),
  ];
  const known = new Map<number, { entity: string; id: string; owner_id: string }>();
  for (let i = 0; i < positions.length; i += 500) {
    const rows = await store.reader
      .selectFrom('audit_chain')
      .select(['position', 'entity', 'id', 'owner_id'])
      .where('position', 'in', positions.slice(i, i + 500))
      .execute();
    for (const row of rows) known.set(Number(row.position), row);
  }
  return found.map((f) => {
    const row = known.get(f.position) ?? { entity: '?', id: '?', owner_id: '?' };
    const before = f.before === undefined ? undefined : known.get(f.before);
    const at = { position: f.position, entity: row.entity, id: row.id, ownerId: row.owner_id };
    const entry = `history entry ${row.id} of ${row.owner_id} (position ${f.position})`;
    const message = {
      gap: () =>
        `the chain skips from position ${f.before ?? 0} to ${f.position}: ${f.position - (f.before ?? 0) - 1} link(s) were removed`,
      chain: () =>
        `the chain breaks at position ${f.position}: its link does not follow from the one before (changed, inserted or moved)`,
      deleted: () => `${entry} was deleted`,
      edited: () => `${entry} was changed after it was written`,
      link: () =>
        `${entry} does not follow the record's previous entry${before ? ` ${before.id}` : ''}`,
      reordered: () =>
        `history entries ${before?.id ?? '?'} and ${row.id} of ${row.owner_id} are out of their order (position ${f.position})`,
    }[f.kind]();
    return { ...at, kind: f.kind, message };
  });
}

/**
 * History entries written before the audit trail existed (a database from an earlier version),
 * appended to the chain once, in their seq order: from then on a change to them shows too.
 */
export async function sealUnchainedEntries(store: CentralStore): Promise<number> {
  const rows = await sql<{ entity: string; id: string; owner_id: string; data: string }>`
    select r.entity, r.id, r.owner_id, r.data
    from records r
    where r.owner_id is not null
      and not exists (${chained})
    order by r.seq`.execute(store.reader);
  if (rows.rows.length === 0) return 0;
  await store.write((w) =>
    w.chainExisting(
      rows.rows.map((r) => ({
        entity: r.entity,
        id: r.id,
        ownerId: r.owner_id,
        entryHash: sha256(r.data),
      })),
    ),
  );
  return rows.rows.length;
}

const AUDIT_CSV_COLUMNS = [
  'Vị trí',
  'Hồ sơ',
  'Loại',
  'Mã bước',
  'Thời điểm',
  'Thao tác',
  'Cán bộ',
  'Đơn vị',
  'Từ trạng thái',
  'Đến trạng thái',
  'Mã băm bước',
  'Mã băm chuỗi',
] as const;

/**
 * The audit trail of some units' records as CSV (UTF-8 with a BOM): each history entry with its
 * chain position and hashes, in chain order, so an auditor can recompute the chain outside.
 */
export async function auditCsv(
  store: CentralStore,
  query: { units: readonly string[]; recordId?: string; from?: number; to?: number },
): Promise<string> {
  const lines = [AUDIT_CSV_COLUMNS.map(csvField).join(',')];
  if (query.units.length === 0) return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
  let after = 0;
  for (;;) {
    const page = await store.reader
      .selectFrom('audit_chain as a')
      .innerJoin('records as r', (j) =>
        j.onRef('r.entity', '=', 'a.entity').onRef('r.id', '=', 'a.id'),
      )
      .select([
        'a.position',
        'a.entity',
        'a.id',
        'a.owner_id',
        'a.entry_hash',
        'a.chain_hash',
        'r.data',
      ])
      .where('r.unit_id', 'in', [...query.units])
      .$if(query.recordId !== undefined, (q) => q.where('a.owner_id', '=', query.recordId ?? ''))
      .where('a.position', '>', after)
      .orderBy('a.position')
      .limit(PAGE)
      .execute();
    for (const row of page) {
      const e = JSON.parse(row.data) as Partial<HistoryEntry>;
      const at = typeof e.at === 'number' ? e.at : null;
      if (at !== null && query.from !== undefined && at < query.from) continue;
      if (at !== null && query.to !== undefined && at >= query.to) continue;
      lines.push(
        [
          Number(row.position),
          row.owner_id,
          row.entity.replace(/_history$/, ''),
          row.id,
          at === null ? null : formatInstant(at),
          e.action ?? null,
          e.officerName ?? null,
          e.unitName ?? null,
          e.fromStatus ?? null,
          e.toStatus ?? null,
          Buffer.from(row.entry_hash).toString('hex'),
          Buffer.from(row.chain_hash).toString('hex'),
        ]
          .map(csvField)
          .join(','),
      );
    }
    if (page.length < PAGE) break;
    after = Number(page[page.length - 1]?.position);
  }
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
