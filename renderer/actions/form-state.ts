import type { ApiError } from '@shared/contract/envelope';
import type { KindName } from '@shared/kinds';
import type { KindForm, PanelRecord } from '../kinds/kind';
import type { FormErrors } from './form-values';

/**
 * The panel's action form as one value and the steps that change it (ActionSection keeps it in
 * useReducer). A form belongs to the record it was opened for: it carries that record's kind,
 * id and number, and is sent only to it, and only while the panel shows it. After a save it
 * says what really happened: saved on this computer and being sent, then sent once the central
 * API has accepted it.
 */

export interface OpenForm {
  readonly form: KindForm;
  readonly redo: boolean;
  /** The record the form was opened for. */
  readonly kind: KindName;
  readonly recordId: string;
  readonly recordNumber: string;
}

/** `sending`: stored here and queued; `sent`: the central API has it. */
export type Delivery = 'sending' | 'sent';

export interface SavedAction {
  /** The action type just saved. */
  readonly action: string;
  readonly recordId: string;
  readonly delivery: Delivery;
}

export interface FormState {
  readonly open: OpenForm | null;
  readonly errors: FormErrors;
  readonly failure: ApiError | null;
  readonly busy: boolean;
  /** The action just saved, said under the buttons. */
  readonly saved: SavedAction | null;
  /** The form was for another record than the one on screen: nothing was sent. */
  readonly misdirected: boolean;
}

export type FormStep =
  | {
      readonly type: 'opened';
      readonly form: KindForm;
      readonly redo: boolean;
      readonly record: PanelRecord;
      readonly kind: KindName;
    }
  | { readonly type: 'edited'; readonly form: KindForm }
  | { readonly type: 'invalid'; readonly errors: FormErrors }
  | { readonly type: 'misdirected' }
  | { readonly type: 'sent' }
  | { readonly type: 'saved' }
  /** The core says the saved change has left the outbox: the central API accepted it. */
  | { readonly type: 'delivered'; readonly recordId: string }
  | { readonly type: 'refused'; readonly error: ApiError }
  | { readonly type: 'closed' };

export const NO_FORM: FormState = {
  open: null,
  errors: {},
  failure: null,
  busy: false,
  saved: null,
  misdirected: false,
};

export function formStep(state: FormState, step: FormStep): FormState {
  switch (step.type) {
    case 'opened':
      return {
        ...NO_FORM,
        open: {
          form: step.form,
          redo: step.redo,
          kind: step.kind,
          recordId: step.record.id,
          recordNumber: step.record.number,
        },
      };
    case 'edited':
      return state.open ? { ...state, open: { ...state.open, form: step.form } } : state;
    case 'invalid':
      return { ...state, errors: step.errors, failure: null, misdirected: false };
    case 'misdirected':
      return { ...state, busy: false, misdirected: true };
    case 'sent':
      return { ...state, errors: {}, failure: null, busy: true, misdirected: false };
    case 'saved':
      return {
        ...NO_FORM,
        saved: state.open
          ? { action: state.open.form.type, recordId: state.open.recordId, delivery: 'sending' }
          : null,
      };
    case 'delivered':
      return state.saved?.recordId === step.recordId
        ? { ...state, saved: { ...state.saved, delivery: 'sent' } }
        : state;
    case 'refused':
      return { ...state, busy: false, failure: step.error };
    case 'closed':
      return { ...state, open: null, errors: {}, failure: null, misdirected: false };
  }
}

/**
 * Where a submitted form goes: to the record it was opened for, and only when that is the record
 * the panel shows now; otherwise nowhere.
 */
export function submissionTarget(
  open: OpenForm,
  shown: { readonly kind: KindName; readonly id: string },
): string | null {
  return open.kind === shown.kind && open.recordId === shown.id ? open.recordId : null;
}

/**
 * When the allowed actions must be asked for again: whenever the record on screen changed. A
 * change made here keeps the version the central API last sent (it is replayed on it), so the
 * version alone would keep offering what the local change no longer allows.
 */
export function allowedActionsKey(plural: string, record: PanelRecord, signedIn: boolean): string {
  return `${plural}:${record.id}:${signedIn}:${JSON.stringify(record)}`;
}
