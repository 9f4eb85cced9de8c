import type { z } from 'zod';
import type { WorkingCalendar } from '../domain/calendar/working-calendar';
import type { ActionResult, ForbiddenAction } from '../domain/machine';
import type { ActingOfficer, ActionContext, ActionSettings, Refusal } from '../domain/rules';
import type { DeadlineState, HistoryEntry, NoteVisibility } from '../model';

/**
 * What every layer needs to know about one kind of record (a dossier, a complaint, a later
 * internal task), said once. The cache, its writer and queries, the services, the sync engine,
 * the central API's push and the renderer's panels, forms and grids take a kind instead of
 * testing `entity === 'dossier'`. A kind's storage (tables, columns, SQL) is the core's and the
 * central API's business and lives there, keyed by `name`; its screens are the renderer's.
 */

/** The fields every record kind has: the state machine and the sync protocol rely on them. */
export interface KindRecord {
  readonly id: string;
  readonly number: string;
  readonly unitId: string;
  readonly assigneeId: string | null;
  readonly version: number;
  readonly updatedAt: number;
}

/** An action's outcome, the same shape for every kind (the machines' own). */
export type KindActionResult<R> = ActionResult<R>;

export interface RecordKind<
  N extends string = string,
  R extends KindRecord = KindRecord,
  S extends string | number = string | number,
  T extends string = string,
  /** The fields the deadline rules read (a list row carries these, not the whole record). */
  D = R,
> {
  /** The entity name in the sync protocol, notices and search hits. */
  readonly name: N;
  /** The contract's method namespace: `<plural>.list`, `<plural>.get`, `<plural>.act`… */
  readonly plural: `${N}s`;
  /** The protocol's entity name for its history entries. */
  readonly historyEntity: `${N}_history`;
  /** The field naming the record in its history entries on the wire (`dossierId`). */
  readonly ownerKey: `${N}Id`;
  /** The whole record. */
  readonly schema: z.ZodType<R>;
  /** A history entry on the wire: the entry and its owner's id under `ownerKey`. */
  readonly historyRecordSchema: z.ZodType<HistoryEntry>;
  readonly statuses: readonly S[];
  /** Statuses after which only notes are possible. */
  readonly finalStatuses: readonly S[];
  readonly actions: readonly T[];
  /** The payload of any action of this kind (a discriminated union on `type`). */
  readonly actionSchema: z.ZodType<{ type: T }>;
  /**
   * Fields whose change by someone else makes a stale mutation a conflict: where the record is
   * and who holds it (every action's precondition), and whatever else the kind contends over.
   */
  readonly contended: readonly string[];
  /**
   * What full-text search reads, by weight: identifiers (number, ID number, phone: exact
   * matches rank first), the person's name (matched from its start, joined or word by word) and
   * free text; `subtitle` is what a hit shows under the name. The core builds its search
   * document and the hits from these.
   */
  readonly search: {
    readonly identifiers: readonly string[];
    readonly name: string;
    readonly text: readonly string[];
    readonly subtitle: string;
    readonly idNumber: string | null;
    readonly phone: string;
  };
  /** Applies an action (any input: the payload is validated). Pure; never throws. */
  apply(record: R, action: unknown, context: ActionContext): KindActionResult<R>;
  /**
   * The actions the officer may take now (the UI offers exactly these); `settings` are the units'
   * synced settings the rules read (which results a leader signs off).
   */
  allowed(
    record: R,
    officer: ActingOfficer,
    now: number,
    calendar: WorkingCalendar,
    settings?: ActionSettings,
  ): T[];
  /** The actions an explained rule forbids now, with the refusal (shown disabled, with why). */
  forbidden(
    record: R,
    officer: ActingOfficer,
    now: number,
    calendar: WorkingCalendar,
    settings?: ActionSettings,
  ): ForbiddenAction<T>[];
  /** Whether `type` may be taken now: null, or the rule that refuses it. */
  check(
    record: R,
    type: T,
    officer: ActingOfficer,
    now: number,
    calendar: WorkingCalendar,
    settings?: ActionSettings,
  ): Refusal | null;
  isAction(type: string): type is T;
  /**
   * Who reads the note an action writes (the citizen or the agency only), from the action's
   * row in its machine; the payload, or a form holding its fields, where that decides.
   */
  noteVisibility(action: { readonly type: T }): NoteVisibility;
  /** The deadline rules: the state the grid colours and working time left (null: no clock). */
  readonly deadline: {
    state(record: D, now: number, calendar: WorkingCalendar): DeadlineState;
    workingTimeLeft(record: D, now: number, calendar: WorkingCalendar): number | null;
    /**
     * The working time the clock has to run against the same deadline as the time left, so that
     * used + left = total (the panel's meter); null without a clock.
     */
    workingTimeTotal(
      record: R,
      history: readonly HistoryEntry[],
      calendar: WorkingCalendar,
    ): number | null;
  };
}

/** Runs a deadline computation; a moment beyond the calendar's years gives `fallback`. */
export function withinCalendar<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RangeError) return fallback;
    throw error;
  }
}
