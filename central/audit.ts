import { sql } from 'kysely';
import { formatInstant } from '@shared/domain/calendar/time';
import type { HistoryEntry } from '@shared/model';
import type { AuditProblem, AuditReport } from '@shared/sync/protocol';
import { CSV_BOM, csvField } from './access-log';
import { chainStep, sha256 } from './store/chain';
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
 */
const PAGE = 5000;
/** The entry's link, found through its record's chain (the owner index), not by a scan. */
const chained = sql`select 1 from audit_chain a
  where a.entity = r.entity and a.owner_id = r.owner_id and a.id = r.id`;
const MAX_PROBLEMS = 1000;

interface Row {
  position: number;
  entity: string;
  id: string;
  owner_id: string;
  entry_hash: Uint8Array;
  chain_hash: Uint8Array;
  seq: number | null;
  /** The entry's JSON text as stored: bytes on SQLite (hashed as read, never decoded). */
  data: string | Buffer | null;
}

/**
 * Pages of the chain with their entries' rows. On SQLite through the store's own connection as
 * plain statements (no query builder per row: the walk is mostly this read); each page is one
 * short synchronous read, so a server answering the endpoint keeps serving between pages.
 */
function pageReader(store: CentralStore): (after: number) => Promise<Row[]> {
  // The text as bytes: hashing a string would encode back what SQLite just decoded.
  const text = `select a.position, a.entity, a.id, a.owner_id, a.entry_hash, a.chain_hash, r.seq,
      cast(r.data as blob) as data
    from audit_chain a
    left join records r on r.entity = a.entity and r.id = a.id
    where a.position > ? order by a.position limit ${PAGE}`;
  const sqlite = store.opened.sqlite;
  if (sqlite) {
    const statement = sqlite.prepare(text);
    return (after) =>
      new Promise((resolve) => setImmediate(() => resolve(statement.all(after) as Row[])));
  }
  return async (after) =>
    (
      await sql<Row>`
        select a.position, a.entity, a.id, a.owner_id, a.entry_hash, a.chain_hash, r.seq, r.data
        from audit_chain a
        left join records r on r.entity = a.entity and r.id = a.id
        where a.position > ${after}
        order by a.position
        limit ${PAGE}`.execute(store.reader)
    ).rows;
}

export async function verifyAuditTrail(store: CentralStore): Promise<AuditReport> {
  const started = performance.now();
  const problems: AuditProblem[] = [];
  let total = 0;
  const note = (problem: AuditProblem) => {
    total++;
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  let previous: Buffer = Buffer.alloc(0);
  let expected = 1;
  let entries = 0;
  /** Per record: the stored hash and seq of its latest entry so far. */
  const owners = new Map<string, { hash: Buffer; seq: number | null; id: string }>();
  let after = 0;
  const readPage = pageReader(store);
  for (;;) {
    const page = { rows: await readPage(after) };
    for (const row of page.rows) {
      entries++;
      const position = Number(row.position);
      const at = { position, entity: row.entity, id: row.id, ownerId: row.owner_id };
      if (position !== expected) {
        note({
          ...at,
          kind: 'gap',
          message: `the chain skips from position ${expected - 1} to ${position}: ${position - expected} link(s) were removed`,
        });
      }
      expected = position + 1;
      const entryHash = asBuffer(row.entry_hash);
      const stored = asBuffer(row.chain_hash);
      if (!chainStep(previous, entryHash).equals(stored)) {
        note({
          ...at,
          kind: 'chain',
          message: `the chain breaks at position ${position}: its link does not follow from the one before (changed, inserted or moved)`,
        });
      }
      previous = stored;
      const ownerKey = `${row.entity}\u0000${row.owner_id}`;
      const before = owners.get(ownerKey);
      if (row.data === null) {
        note({
          ...at,
          kind: 'deleted',
          message: `history entry ${row.id} of ${row.owner_id} (position ${position}) was deleted`,
        });
      } else {
        const seq = row.seq === null ? null : Number(row.seq);
        if (!sha256(row.data).equals(entryHash)) {
          note({
            ...at,
            kind: 'edited',
            message: `history entry ${row.id} of ${row.owner_id} (position ${position}) was changed after it was written`,
          });
        } else {
          const link = prevHashOf(row.data);
          const want = before ? before.hash.toString('hex') : null;
          if (link !== undefined && link !== want) {
            note({
              ...at,
              kind: 'link',
              message: `history entry ${row.id} of ${row.owner_id} (position ${position}) does not follow the record's previous entry${before ? ` ${before.id}` : ''}`,
            });
          }
        }
        if (before && before.seq !== null && seq !== null && seq < before.seq) {
          note({
            ...at,
            kind: 'reordered',
            message: `history entries ${before.id} and ${row.id} of ${row.owner_id} are out of their order (position ${position})`,
          });
        }
        owners.set(ownerKey, { hash: entryHash, seq, id: row.id });
        continue;
      }
      owners.set(ownerKey, { hash: entryHash, seq: before?.seq ?? null, id: row.id });
    }
    if (page.rows.length < PAGE) break;
    after = Number(page.rows[page.rows.length - 1]?.position);
  }
  const unchained = await sql<{ entity: string; id: string; owner_id: string }>`
    select r.entity, r.id, r.owner_id
    from records r
    where r.owner_id is not null
      and not exists (${chained})
    order by r.seq
    limit ${MAX_PROBLEMS}`.execute(store.reader);
  for (const r of unchained.rows) {
    note({
      position: null,
      entity: r.entity,
      id: r.id,
      ownerId: r.owner_id,
      kind: 'unchained',
      message: `history entry ${r.id} of ${r.owner_id} is not in the audit trail (written behind its back)`,
    });
  }
  problems.sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
  return {
    ok: total === 0,
    entries,
    head: entries > 0 ? previous.toString('hex') : null,
    problemCount: total,
    firstBroken: problems[0] ?? null,
    problems,
    ms: Math.round(performance.now() - started),
  };
}

/**
 * An entry's prevHash (null on a record's first), undefined on an entry from before the trail.
 * Read from the text without parsing it: in canonical JSON (keys sorted) the entry's own
 * `prevHash` is the last such key (the nested `data` comes before it, and the keys after it hold
 * plain strings, in which a quote is always escaped).
 */
function prevHashOf(data: string | Buffer): string | null | undefined {
  const at = data.lastIndexOf(PREV_KEY);
  if (at < 0) return undefined;
  const start = at + PREV_KEY.length;
  // A hash is hex: read as latin1, the bytes are its characters.
  const text =
    typeof data === 'string'
      ? data.slice(start, start + 66)
      : data.toString('latin1', start, start + 66);
  if (text.startsWith('null')) return null;
  if (text[0] !== '"') return undefined;
  return text.slice(1, 65);
}

/** Drivers hand bytes as Buffers; anything else is copied into one. */
const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
const PREV_KEY = '"prevHash":';

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
