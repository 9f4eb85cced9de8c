import type { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import type { KindRecord, RecordKind } from '@shared/kinds';
import type { HistoryEntry } from '@shared/model';
import type { SyntheticGenerator } from '@shared/synthetic';
import type { Db } from '../db';
import type { QueryContext } from '../keyset';

/**
 * How the local store keeps one kind of record: the core's half of its descriptor (the shared
 * half, shared/kinds, holds the rules). Everything in core that stores, reads, lists, searches
 * or seeds records takes one of these instead of branching on the kind's name.
 */
export interface KindStorage<
  R extends KindRecord = KindRecord,
  F = never,
  S extends string = string,
  Row = unknown,
> {
  readonly kind: RecordKind<string, R>;
  /** The records' table, their history's table and its column naming the record. */
  readonly table: string;
  readonly historyTable: string;
  readonly historyOwner: string;
  /** Tables the records' triggers keep (counters): cleared with the records. */
  readonly derivedTables: readonly string[];
  /** The record's upsert, with positional parameters (binding by name costs twice as much). */
  readonly upsert: {
    readonly sql: string;
    params(record: R, keys: SortKeys): unknown[];
  };
  /** A row of `SELECT * FROM <table>` as the shared model's record. */
  fromRow(row: unknown): R;
  readonly search: SearchStorage;
  readonly list: KindList<F, S, Row>;
  /**
   * What a record's detail (`<plural>.get`) adds to the fields every kind has: a dossier's
   * procedure, a complaint's governing deadline.
   */
  detailExtras(record: R, context: DetailContext): Record<string, unknown>;
  /** The synthetic generator's records of this kind, records `from` to `to` of `total`. */
  synthetic(
    generator: SyntheticGenerator,
    total: number,
    from: number,
    to: number,
  ): Iterable<{ record: R; history: readonly HistoryEntry[] }>;
}

export interface DetailContext {
  readonly directory: { procedure(code: string): unknown };
  readonly calendar: WorkingCalendar;
}

/** Vietnamese sort keys for the writer: `cached` for values many records share. */
export interface SortKeys {
  fresh(text: string): string;
  cached(text: string): string;
}

/** The kind's full-text index (core/search): its FTS5 table and what a hit shows. */
export interface SearchStorage {
  readonly table: string;
  /** The searchable fields as `rowid, column AS field, …` (kind.search's fields). */
  readonly columns: string;
  /** SQL over the record alias `x`: what a hit names, shows, and is ordered by. */
  readonly hit: {
    readonly title: string;
    readonly subtitle: string;
    readonly receivedAt: string;
    readonly sortAt: string;
    readonly idNumber: string;
    readonly phone: string;
  };
  /** The long text a hit's excerpt may come from, and the field name it is shown under. */
  readonly body: { readonly column: string; readonly field: 'summary' | 'content' };
}

export interface KindListQuery<F, S extends string> {
  filter: F;
  sort: { field: S; direction: 'asc' | 'desc' };
  cursor?: string | null | undefined;
  limit: number;
  now: number;
  calendar: WorkingCalendar;
  context: QueryContext;
}

export interface KindSeekQuery<F, S extends string> extends Omit<
  KindListQuery<F, S>,
  'cursor' | 'limit'
> {
  /** Row of the list (0-based) the cursor should make a page start at. */
  position: number;
}

/** A kind's list, keyset-paged (keyset.ts), with the counts its queues need. */
export interface KindList<F, S extends string, Row> {
  list(
    db: Db,
    q: KindListQuery<F, S>,
  ): { rows: Row[]; nextCursor: string | null; total: number | null };
  /** The cursor from which the list starts at row `position`; null at 0 and past the end. */
  seek(db: Db, q: KindSeekQuery<F, S>): string | null;
  /** Records matching a filter: a queue's count, the list's total. */
  count(db: Db, filter: F, context: QueryContext, now: number, calendar: WorkingCalendar): number;
  /**
   * The scope to filter `inMyUnits` on: null when no record of this cache lies outside it
   * (the usual case: the central API sends an officer only their units).
   */
  effectiveScope(db: Db, scope: readonly string[]): string[] | null;
}
