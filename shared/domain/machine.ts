import type { z } from 'zod';
import type { NoteVisibility, Role } from '../model';
import type { WorkingCalendar } from './calendar/working-calendar';
import {
  guarded,
  hasAnyRole,
  isRefusal,
  payloadRefusal,
  refuse,
  type ActingOfficer,
  type ActionContext,
  type ActionSettings,
  type HistoryDraft,
  type Refusal,
  type RuleCode,
} from './rules';

/**
 * The engine both lifecycles (dossiers, complaints) run on. A machine is a table of actions;
 * the engine checks them in one fixed order, so that the same situation always gives the same
 * code in the client and in the central API:
 *   scope (OUT_OF_SCOPE) → closed record (…_FINAL) → status (ILLEGAL_TRANSITION) → role
 *   (ROLE_NOT_ALLOWED) → holder (NOT_ASSIGNEE) → the action's own rules on the record → the
 *   payload (…_REQUIRED, INVALID_PAYLOAD) → the action's rules on the payload.
 * Everything before the payload is what allowedActions() uses, so the UI offers exactly the
 * actions that would pass with a valid form.
 */

export interface MachineRecord<S> {
  readonly status: S;
  readonly unitId: string;
  readonly assigneeId: string | null;
  readonly updatedAt: number;
}

export interface Step<R> {
  readonly record: R;
  readonly officer: ActingOfficer;
  readonly now: number;
  readonly ctx: ActionContext;
}

export interface Outcome<R, S> {
  readonly patch: Partial<R>;
  /** Absent: the status does not change. */
  readonly toStatus?: S;
  readonly note?: string | null;
  readonly data?: Record<string, unknown> | null;
}

export interface ActionSpec<R, S, A> {
  readonly from: readonly S[];
  readonly roles: readonly Role[] | ((record: R) => readonly Role[]);
  /** When true, an officer who is not a leader must hold the record (be its assignee). */
  readonly byAssignee?: boolean | ((record: R) => boolean);
  /**
   * Who reads the note the action writes in the history: the citizen (the portal, the letters)
   * or the agency only; a function when the payload decides (a note's own choice). Said once
   * here, so the forms tell the officer the same as the history records.
   */
  readonly noteVisibleTo: NoteVisibility | ((action: A) => NoteVisibility);
  /** Rules that depend on the record and the moment only. */
  guard?(step: Step<R>): Refusal | null;
  run(step: Step<R>, action: A): Outcome<R, S> | Refusal;
}

export interface MachineDefinition<
  R extends MachineRecord<S>,
  S,
  T extends string,
  A extends { type: T },
> {
  readonly noun: string;
  readonly actions: readonly T[];
  readonly schema: z.ZodType<A>;
  readonly table: { readonly [K in T]: ActionSpec<R, S, Extract<A, { type: K }>> };
  readonly finalStatuses: readonly S[];
  readonly finalCode: RuleCode;
  /** Actions still possible on a closed record (notes). */
  readonly onFinal: readonly T[];
  readonly fieldCodes: Readonly<Record<string, RuleCode>>;
  /**
   * The rules worth showing beside an action they forbid (a legal rule already used up, a step
   * waiting for someone else), rather than hiding it: the officer expected the action and should
   * learn why it is not there. Refusals by status, role or holder only say the action belongs to
   * another stage or person, and stay hidden.
   */
  readonly explained: readonly RuleCode[];
  /** Fields that follow from the others after every change (e.g. a complaint's current deadline). */
  readonly derive?: (next: R, ctx: ActionContext) => Partial<R>;
}

export type ActionResult<R> =
  | {
      readonly ok: true;
      readonly record: R;
      /** Only the fields the action changed (empty for a note), for sync and conflict checks. */
      readonly changes: Partial<R>;
      readonly history: HistoryDraft;
    }
  | Refusal;

function checkStep<R extends MachineRecord<S>, S, T extends string, A extends { type: T }>(
  def: MachineDefinition<R, S, T, A>,
  type: T,
  step: Step<R>,
): Refusal | null {
  const { record, officer } = step;
  const spec = def.table[type] as ActionSpec<R, S, A>;
  if (!officer.unitIds.includes(record.unitId)) {
    return refuse('OUT_OF_SCOPE', `the ${def.noun} belongs to a unit outside the officer’s units`);
  }
  if (def.finalStatuses.includes(record.status) && !def.onFinal.includes(type)) {
    return refuse(def.finalCode, `the ${def.noun} is closed (status ${String(record.status)})`);
  }
  if (!spec.from.includes(record.status)) {
    return refuse(
      'ILLEGAL_TRANSITION',
      `${type} is not possible in status ${String(record.status)}`,
    );
  }
  const roles = typeof spec.roles === 'function' ? spec.roles(record) : spec.roles;
  if (!hasAnyRole(officer, roles)) {
    return refuse('ROLE_NOT_ALLOWED', `${type} here needs one of: ${roles.join(', ')}`);
  }
  const byAssignee =
    typeof spec.byAssignee === 'function' ? spec.byAssignee(record) : spec.byAssignee === true;
  if (byAssignee && !officer.roles.includes('leader') && record.assigneeId !== officer.id) {
    return refuse(
      'NOT_ASSIGNEE',
      `only the officer holding the ${def.noun} (or a leader) may do this`,
    );
  }
  return spec.guard?.(step) ?? null;
}

export function checkAction<R extends MachineRecord<S>, S, T extends string, A extends { type: T }>(
  def: MachineDefinition<R, S, T, A>,
  record: R,
  type: T,
  officer: ActingOfficer,
  now: number,
  calendar: WorkingCalendar,
  settings: ActionSettings = {},
): Refusal | null {
  const ctx: ActionContext = { ...settings, officer, now, calendar };
  return guarded(() => checkStep(def, type, { record, officer, now, ctx }));
}

export function allowedActions<
  R extends MachineRecord<S>,
  S,
  T extends string,
  A extends { type: T },
>(
  def: MachineDefinition<R, S, T, A>,
  record: R,
  officer: ActingOfficer,
  now: number,
  calendar: WorkingCalendar,
  settings: ActionSettings = {},
): T[] {
  return def.actions.filter(
    (t) => checkAction(def, record, t, officer, now, calendar, settings) === null,
  );
}

function noteVisibilityOf<R, S, A>(spec: ActionSpec<R, S, A>, action: A): NoteVisibility {
  return typeof spec.noteVisibleTo === 'function' ? spec.noteVisibleTo(action) : spec.noteVisibleTo;
}

/** An action the officer would expect now, and the rule that forbids it. */
export interface ForbiddenAction<T extends string> {
  readonly action: T;
  readonly refusal: Refusal;
}

export function forbiddenActions<
  R extends MachineRecord<S>,
  S,
  T extends string,
  A extends { type: T },
>(
  def: MachineDefinition<R, S, T, A>,
  record: R,
  officer: ActingOfficer,
  now: number,
  calendar: WorkingCalendar,
  settings: ActionSettings = {},
): ForbiddenAction<T>[] {
  const out: ForbiddenAction<T>[] = [];
  for (const action of def.actions) {
    const refusal = checkAction(def, record, action, officer, now, calendar, settings);
    if (refusal && def.explained.includes(refusal.code)) out.push({ action, refusal });
  }
  return out;
}

export function applyAction<R extends MachineRecord<S>, S, T extends string, A extends { type: T }>(
  def: MachineDefinition<R, S, T, A>,
  record: R,
  action: unknown,
  ctx: ActionContext,
): ActionResult<R> {
  const type = (action as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !(def.actions as readonly string[]).includes(type)) {
    return refuse('UNKNOWN_ACTION', `unknown ${def.noun} action ${String(type)}`);
  }
  if (!Number.isFinite(ctx.now)) return refuse('DATE_OUT_OF_RANGE', 'now is not a moment');
  const step: Step<R> = { record, officer: ctx.officer, now: ctx.now, ctx };
  return guarded((): ActionResult<R> => {
    const refusal = checkStep(def, type as T, step);
    if (refusal) return refusal;
    const parsed = def.schema.safeParse(action);
    if (!parsed.success) return payloadRefusal(parsed.error, def.fieldCodes);
    const spec = def.table[parsed.data.type] as ActionSpec<R, S, A>;
    const outcome = spec.run(step, parsed.data);
    if (isRefusal(outcome)) return outcome;
    const toStatus = outcome.toStatus ?? record.status;
    let changes: Partial<R> = {};
    if (Object.keys(outcome.patch).length > 0 || toStatus !== record.status) {
      changes = { ...outcome.patch, status: toStatus, updatedAt: ctx.now };
      if (def.derive) changes = { ...changes, ...def.derive({ ...record, ...changes }, ctx) };
    }
    return {
      ok: true,
      record: { ...record, ...changes },
      changes,
      history: {
        at: ctx.now,
        action: parsed.data.type,
        officerId: ctx.officer.id,
        fromStatus: String(record.status),
        toStatus: String(toStatus),
        note: outcome.note ?? null,
        visibility: noteVisibilityOf(spec, parsed.data),
        data: outcome.data ?? null,
      },
    };
  });
}

/**
 * A machine's three questions bound to its definition, the same for every lifecycle: what an
 * action does, whether one may be taken now, which ones may.
 */
export interface Lifecycle<R, T extends string> {
  /** Applies an action (any input: the payload is validated). Pure; never throws. */
  readonly apply: (record: R, action: unknown, context: ActionContext) => ActionResult<R>;
  /**
   * Null when `type` may be taken now, else the rule that refuses it (a disabled action).
   * `settings` are the units' synced settings the rules read (a leader's sign-off).
   */
  readonly check: (
    record: R,
    type: T,
    officer: ActingOfficer,
    now: number,
    calendar: WorkingCalendar,
    settings?: ActionSettings,
  ) => Refusal | null;
  /** The actions the officer may take now, in the machine's order. */
  readonly allowed: (
    record: R,
    officer: ActingOfficer,
    now: number,
    calendar: WorkingCalendar,
    settings?: ActionSettings,
  ) => T[];
  /**
   * The actions an explained rule forbids now, each with its refusal, in the machine's order:
   * what the UI shows disabled with the reason (never one of `allowed`).
   */
  readonly forbidden: (
    record: R,
    officer: ActingOfficer,
    now: number,
    calendar: WorkingCalendar,
    settings?: ActionSettings,
  ) => ForbiddenAction<T>[];
  readonly isAction: (type: string) => type is T;
  /**
   * Who will read the note an action writes: its own setting, or what the payload (as far as
   * the form has it: a note's choice, a complaint's classification) decides.
   */
  readonly noteVisibility: (action: { readonly type: T }) => NoteVisibility;
}

export function lifecycle<R extends MachineRecord<S>, S, T extends string, A extends { type: T }>(
  def: MachineDefinition<R, S, T, A>,
): Lifecycle<R, T> {
  return {
    apply: (record, action, context) => applyAction(def, record, action, context),
    check: (record, type, officer, now, calendar, settings) =>
      checkAction(def, record, type, officer, now, calendar, settings),
    allowed: (record, officer, now, calendar, settings) =>
      allowedActions(def, record, officer, now, calendar, settings),
    forbidden: (record, officer, now, calendar, settings) =>
      forbiddenActions(def, record, officer, now, calendar, settings),
    isAction: (type): type is T => (def.actions as readonly string[]).includes(type),
    noteVisibility: (action) =>
      noteVisibilityOf(def.table[action.type] as ActionSpec<R, S, A>, action as unknown as A),
  };
}
