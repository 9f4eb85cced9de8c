import type { z } from 'zod';
import type { HistoryEntry } from '@shared/model';
import { KINDS, type Kind, type KindRecord, type RecordKind } from '@shared/kinds';
import { canonicalJson } from '@shared/sync/audit';
import type { RecordWrite } from './store/store';
import { sha256 } from './store/chain';

/**
 * How the central API stores a record of any kind (a dossier, a complaint…) and its history:
 * the record under its kind's entity name in the unit that holds it, each history entry under
 * the kind's history entity, with the owner's id (so a move restamps it) and the owner's unit.
 * Seeding, simulated filings and pushes all write through these, so a new kind needs nothing
 * here.
 */

/**
 * A kind as the central API handles it: the fields every kind shares are all it reads, and the
 * kind's own schema and machine do the rest.
 */
export type CentralKind = RecordKind<Kind['name'], KindRecord, string | number, string, never>;

/** Every kind, as the central API handles them. */
export const CENTRAL_KINDS: readonly CentralKind[] = KINDS;

/** The row of a record's state. Its contended fields count as changed at its version. */
export function recordRow(
  kind: CentralKind,
  record: KindRecord,
  contended: { version: number | null; by: string | null } = {
    version: record.version,
    by: null,
  },
): RecordWrite {
  return {
    entity: kind.name,
    id: record.id,
    unitId: record.unitId,
    version: record.version,
    data: JSON.stringify(record),
    contendedVersion: contended.version,
    contendedBy: contended.by,
  };
}

/** A history entry on the wire: the entry and its owner's id under the kind's `ownerKey`. */
export function historyRecord(
  kind: CentralKind,
  ownerId: string,
  entry: HistoryEntry,
): HistoryEntry {
  return { ...entry, [kind.ownerKey]: ownerId };
}

/**
 * The row of a new history entry (already carrying its owner's id), stamped with the owner's
 * unit and linked into the audit trail: it carries `prevHash` (the record's previous entry's
 * hash, null for its first), is stored as canonical JSON, and its hash goes into the running
 * chain when it is committed (store.ts).
 */
export function historyRow(
  kind: CentralKind,
  owner: Pick<KindRecord, 'id' | 'unitId'>,
  entry: HistoryEntry,
  prevHash: Buffer | null,
): RecordWrite & { readonly entryHash: Buffer } {
  const data = canonicalJson({ ...entry, prevHash: prevHash ? prevHash.toString('hex') : null });
  return {
    entity: kind.historyEntity,
    id: entry.id,
    unitId: owner.unitId,
    ownerId: owner.id,
    version: 1,
    data,
    entryHash: sha256(data),
  };
}

/** Validates a value with a schema: returns the parse, or throws saying what is wrong. */
export type Check = <T>(schema: z.ZodType<T>, value: unknown, what: string) => T;

/** Zod's own parse (a ZodError names the problem). */
export const parseWith: Check = (schema, value) => schema.parse(value);

/**
 * The rows of a new record and its history. `check` validates the record and each entry with
 * the kind's schemas; null when the caller vouches for the data (a sampled seed).
 */
export function newRecordRows(
  kind: CentralKind,
  record: KindRecord,
  history: readonly HistoryEntry[],
  check: Check | null = parseWith,
): RecordWrite[] {
  const r = check ? check(kind.schema, record, kind.name) : record;
  const rows = [recordRow(kind, r)];
  let prev: Buffer | null = null;
  for (const entry of history) {
    const wire = historyRecord(kind, r.id, entry);
    const h = check ? check(kind.historyRecordSchema, wire, `${kind.name} history`) : wire;
    const row = historyRow(kind, r, h, prev);
    prev = row.entryHash;
    rows.push(row);
  }
  return rows;
}
