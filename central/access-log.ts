import { formatInstant } from '@shared/domain/calendar/time';
import type { Officer } from '@shared/model';
import type {
  AccessEntry,
  AccessLogEntry,
  AccessLogQuery,
  AccessPush,
  AccessResult,
} from '@shared/sync/protocol';
import { subtree, type DirectorySnapshot } from './directory';
import { ClientOwnershipError } from './push';
import type { AccessLogTable } from './store/database';
import type { CentralStore } from './store/store';

/**
 * The access log (issue 12): who opened, searched for or exported whose dossier or complaint,
 * when and from which computer. Clients log each access when it happens, offline too, number
 * it, and push it like a mutation; each (client, seq) is stored once, so a batch sent again, or
 * through two instances at once, writes nothing twice. What is stored about the record (its
 * unit, number and the citizen's ID number) is read here as it is at arrival, so "who looked at
 * my file?" is answered from the log alone.
 */

export interface AccessActor {
  readonly officer: Officer;
  readonly scope: readonly string[];
}

/** Reading the log needs a leader's or an administrator's role. */
export class AccessDeniedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessDeniedError';
  }
}

type Row = Omit<AccessLogTable, 'id'>;

/** The same access as stored, to tell a replay from a different entry under the same number. */
const sameAccess = (
  entry: AccessEntry,
  row: { at: number; action: string; record_id: string | null },
) =>
  Number(row.at) === entry.at &&
  row.action === entry.action &&
  row.record_id === (entry.target?.id ?? null);

export async function pushAccess(
  store: CentralStore,
  dir: DirectorySnapshot,
  actor: AccessActor,
  batch: AccessPush,
  now: number,
): Promise<AccessResult[]> {
  // The client id is the officer's as for mutations: registered to them if it is new, so no
  // other officer can take its numbers first.
  await store.db
    .insertInto('clients')
    .values({
      client_id: batch.clientId,
      officer_id: actor.officer.id,
      last_seq: 0,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
  const owner = await store.db
    .selectFrom('clients')
    .select('officer_id')
    .where('client_id', '=', batch.clientId)
    .executeTakeFirst();
  if (owner?.officer_id !== actor.officer.id) throw new ClientOwnershipError(batch.clientId);

  const seqs = batch.entries.map((e) => e.seq);
  const stored = new Map(
    (
      await store.db
        .selectFrom('access_log')
        .select(['client_seq', 'at', 'action', 'record_id'])
        .where('client_id', '=', batch.clientId)
        .where('client_seq', 'in', seqs)
        .execute()
    ).map((r) => [Number(r.client_seq), r]),
  );
  const targets = batch.entries.flatMap((e) => (e.target ? [e.target] : []));
  const records = new Map<string, { unitId: string | null; data: string }>();
  for (const entity of new Set(targets.map((t) => t.entity))) {
    const ids = [...new Set(targets.filter((t) => t.entity === entity).map((t) => t.id))];
    const rows = await store.reader
      .selectFrom('records')
      .select(['id', 'unit_id', 'data'])
      .where('entity', '=', entity)
      .where('id', 'in', ids)
      .execute();
    for (const r of rows)
      records.set(`${entity}\u0000${r.id}`, { unitId: r.unit_id, data: r.data });
  }

  const results: AccessResult[] = [];
  const rows: Row[] = [];
  const seen = new Set<number>();
  const reject = (seq: number, code: NonNullable<AccessResult['code']>, message: string) =>
    results.push({ seq, status: 'rejected', code, message });
  for (const entry of batch.entries) {
    const before = stored.get(entry.seq);
    if (before || seen.has(entry.seq)) {
      if (before && !sameAccess(entry, before)) {
        reject(
          entry.seq,
          'REPLAY_MISMATCH',
          `entry ${entry.seq} of this client was stored before with other content`,
        );
      } else results.push({ seq: entry.seq, status: 'duplicate' });
      continue;
    }
    seen.add(entry.seq);
    if (entry.action === 'search' ? !entry.idNumber || entry.target : !entry.target) {
      reject(
        entry.seq,
        'INVALID_PAYLOAD',
        entry.action === 'search'
          ? 'a search names the ID number searched for, and no record'
          : `an ${entry.action} names its record`,
      );
      continue;
    }
    let unitId: string | null = actor.officer.unitId;
    let recordNumber: string | null = null;
    let citizenId: string | null = entry.idNumber ?? null;
    if (entry.target) {
      const record = records.get(`${entry.target.entity}\u0000${entry.target.id}`);
      if (!record) {
        reject(entry.seq, 'NOT_FOUND', `no ${entry.target.entity} ${entry.target.id}`);
        continue;
      }
      if (record.unitId === null || !actor.scope.includes(record.unitId)) {
        reject(entry.seq, 'FORBIDDEN', `the ${entry.target.entity} is outside your units`);
        continue;
      }
      unitId = record.unitId;
      const value = JSON.parse(record.data) as { number?: unknown; applicantIdNumber?: unknown };
      recordNumber = typeof value.number === 'string' ? value.number : null;
      citizenId = typeof value.applicantIdNumber === 'string' ? value.applicantIdNumber : null;
    }
    rows.push({
      client_id: batch.clientId,
      client_seq: entry.seq,
      officer_id: actor.officer.id,
      officer_name: actor.officer.fullName,
      unit_id: unitId,
      at: entry.at,
      received_at: now,
      action: entry.action,
      entity: entry.target?.entity ?? null,
      record_id: entry.target?.id ?? null,
      record_number: recordNumber,
      citizen_id: citizenId,
      computer: entry.computer,
      detail: entry.detail ?? null,
    });
    results.push({ seq: entry.seq, status: 'logged' });
  }
  if (rows.length > 0) {
    // Another instance may store the same entries meanwhile: the unique (client, seq) keeps one,
    // and an entry this insert did not write is a replay after all.
    const inserted = await store.db
      .insertInto('access_log')
      .values(rows)
      .onConflict((oc) => oc.columns(['client_id', 'client_seq']).doNothing())
      .returning('client_seq')
      .execute();
    const written = new Set(inserted.map((r) => Number(r.client_seq)));
    for (const result of results) {
      if (result.status === 'logged' && !written.has(result.seq)) result.status = 'duplicate';
    }
  }
  return results;
}

/** The units whose log the officer may read: a leader's scope, an administrator's subtree. */
export function readableUnits(dir: DirectorySnapshot, actor: AccessActor): string[] {
  const roles = actor.officer.roles;
  if (roles.includes('administrator')) {
    return [...new Set([...actor.scope, ...subtree(dir, actor.officer.unitId)])];
  }
  if (roles.includes('leader')) return [...actor.scope];
  throw new AccessDeniedError('the access log is for leaders and administrators');
}

function toEntry(r: AccessLogTable & { id: number }): AccessLogEntry {
  return {
    id: Number(r.id),
    at: Number(r.at),
    receivedAt: Number(r.received_at),
    officerId: r.officer_id,
    officerName: r.officer_name,
    unitId: r.unit_id,
    action: r.action as AccessLogEntry['action'],
    entity: r.entity as AccessLogEntry['entity'],
    recordId: r.record_id,
    recordNumber: r.record_number,
    citizenId: r.citizen_id,
    computer: r.computer,
    detail: r.detail,
  };
}

/** One page of the log, newest first, within the reader's units. */
export async function readAccessLog(
  store: CentralStore,
  dir: DirectorySnapshot,
  actor: AccessActor,
  query: Omit<AccessLogQuery, 'limit'> & { limit: number },
): Promise<{ entries: AccessLogEntry[]; next: number | null }> {
  const units = readableUnits(dir, actor);
  if (query.unitId !== undefined && !units.includes(query.unitId)) {
    throw new AccessDeniedError(`unit ${query.unitId} is outside your units`);
  }
  const rows = await store.reader
    .selectFrom('access_log')
    .selectAll()
    .where('unit_id', 'in', query.unitId !== undefined ? [query.unitId] : units)
    .$if(query.idNumber !== undefined, (q) => q.where('citizen_id', '=', query.idNumber ?? ''))
    .$if(query.recordId !== undefined, (q) => q.where('record_id', '=', query.recordId ?? ''))
    .$if(query.from !== undefined, (q) => q.where('at', '>=', query.from ?? 0))
    .$if(query.to !== undefined, (q) => q.where('at', '<', query.to ?? 0))
    .$if(query.before !== undefined, (q) => q.where('id', '<', query.before ?? 0))
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit).map((r) => toEntry(r as AccessLogTable & { id: number }));
  return { entries: page, next: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
}

const CSV_COLUMNS: readonly [string, (e: AccessLogEntry) => string | number | null][] = [
  ['Thời điểm', (e) => formatInstant(e.at)],
  ['Cán bộ', (e) => e.officerName],
  ['Mã cán bộ', (e) => e.officerId],
  ['Máy tính', (e) => e.computer],
  ['Thao tác', (e) => e.action],
  ['Loại hồ sơ', (e) => e.entity],
  ['Số hồ sơ', (e) => e.recordNumber],
  ['Số giấy tờ công dân', (e) => e.citizenId],
  ['Đơn vị', (e) => e.unitId],
  ['Chi tiết', (e) => e.detail],
  ['Nhận lúc', (e) => formatInstant(e.receivedAt)],
];

/** A CSV field: quoted when it must be, and never read by a spreadsheet as a formula. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_BOM = '\uFEFF';

/** The whole log matching the query as CSV, UTF-8 with a BOM (for Excel), newest first. */
export async function accessLogCsv(
  store: CentralStore,
  dir: DirectorySnapshot,
  actor: AccessActor,
  query: Omit<AccessLogQuery, 'limit' | 'before'>,
): Promise<string> {
  const lines = [CSV_COLUMNS.map(([name]) => csvField(name)).join(',')];
  let before: number | undefined;
  for (;;) {
    const page = await readAccessLog(store, dir, actor, {
      ...query,
      limit: 1000,
      ...(before !== undefined ? { before } : {}),
    });
    for (const e of page.entries)
      lines.push(CSV_COLUMNS.map(([, get]) => csvField(get(e))).join(','));
    if (page.next === null) break;
    before = page.next;
  }
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
