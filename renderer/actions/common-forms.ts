import { ErrorCollector, maybe, optionalText, requiredText, type Built } from './form-values';

/**
 * The action forms every kind has in the same shape — a step with an optional note, a step that
 * needs a reason, assigning an officer, a note on the record — and how each becomes its payload.
 * The kinds' own forms (kinds/<kind>/forms.ts) use these for those actions.
 */

export type NoteVisibility = 'internal' | 'citizen';

/** One form per action type (a union), so each action's form can be picked out by its type. */
export type NoteStepForm<T extends string> = T extends string
  ? { readonly type: T; readonly note: string }
  : never;
export type ReasonStepForm<T extends string> = T extends string
  ? { readonly type: T; readonly reason: string }
  : never;
export type AssignForm = {
  readonly type: 'assign';
  readonly assigneeId: string;
  readonly note: string;
};
export type AddNoteForm = {
  readonly type: 'add_note';
  readonly text: string;
  readonly visibility: NoteVisibility;
};

export function emptyAssign(): AssignForm {
  return { type: 'assign', assigneeId: '', note: '' };
}

export function emptyAddNote(): AddNoteForm {
  return { type: 'add_note', text: '', visibility: 'internal' };
}

/** The forms again from payloads tried before (see formFromTried). */
export function fillNoteStep<T extends string>(action: {
  readonly type: T;
  readonly note?: string | undefined;
}): { readonly type: T; readonly note: string } {
  return { type: action.type, note: action.note ?? '' };
}

export function fillAssign(action: {
  readonly assigneeId: string;
  readonly note?: string | undefined;
}): AssignForm {
  return { type: 'assign', assigneeId: action.assigneeId, note: action.note ?? '' };
}

export function fillAddNote(action: {
  readonly text: string;
  readonly visibility: NoteVisibility;
}): AddNoteForm {
  return { type: 'add_note', text: action.text, visibility: action.visibility };
}

export function buildNoteStep<T extends string>(form: {
  readonly type: T;
  readonly note: string;
}): Built<{ type: T; note?: string }> {
  const errors = new ErrorCollector();
  const note = optionalText(errors, 'note', form.note);
  return errors.done(() => ({ type: form.type, ...maybe('note', note) }));
}

export function buildReasonStep<T extends string>(form: {
  readonly type: T;
  readonly reason: string;
}): Built<{ type: T; reason: string }> {
  const errors = new ErrorCollector();
  const reason = requiredText(errors, 'reason', form.reason, 'REASON_REQUIRED');
  return errors.done(() => ({ type: form.type, reason }));
}

export function buildAssign(
  form: AssignForm,
): Built<{ type: 'assign'; assigneeId: string; note?: string }> {
  const errors = new ErrorCollector();
  const assigneeId = requiredText(errors, 'assigneeId', form.assigneeId, 'ASSIGNEE_REQUIRED', 64);
  const note = optionalText(errors, 'note', form.note);
  return errors.done(() => ({ type: 'assign' as const, assigneeId, ...maybe('note', note) }));
}

export function buildAddNote(
  form: AddNoteForm,
): Built<{ type: 'add_note'; text: string; visibility: NoteVisibility }> {
  const errors = new ErrorCollector();
  const text = requiredText(errors, 'text', form.text, 'NOTE_REQUIRED');
  return errors.done(() => ({ type: 'add_note' as const, text, visibility: form.visibility }));
}

/**
 * A form filled in again with an action tried before (a refused change the officer wants to redo
 * on the current record). Null when it is not an action of the kind at all; a known type whose
 * details no longer parse gives that type's empty form.
 */
export function formFromTried<A, T extends string, F>(
  raw: unknown,
  parse: (raw: unknown) => { success: true; data: A } | { success: false },
  isAction: (type: unknown) => type is T,
  empty: (type: T) => F,
  fill: (action: A) => F,
): F | null {
  const parsed = parse(raw);
  if (parsed.success) return fill(parsed.data);
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : null;
  return isAction(type) ? empty(type) : null;
}
