import { dossierKind } from '@shared/kinds';
import {
  DossierActionSchema,
  type DossierAction,
  type DossierActionInput,
  type DossierActionType,
} from '@shared/domain/dossier-machine';
import { foldVietnamese } from '@shared/domain/text';
import * as common from '../../actions/common-forms';
import {
  ErrorCollector,
  filledLines,
  formatDong,
  maybe,
  millisToVietnamDateTime,
  optionalText,
  parseDong,
  requiredText,
  SHORT_TEXT_MAX,
  vietnamDateTimeToMillis,
  type Built,
} from '../../actions/form-values';

/**
 * The form behind each dossier action, as the officer fills it in (text as typed, lists with
 * blank lines, amounts as "200.000"), and its one mapping to the payload DossierActionSchema
 * accepts. Payload rules the core would refuse with (a reason is required, the missing documents
 * are listed once and completely…) are checked here first, with the same rule codes, so the
 * officer reads the same sentence either way.
 */

// Type aliases, not interfaces: the line editor takes any record of strings.
export type FeeLine = { readonly name: string; readonly amount: string };

export type ResultDocumentLine = { readonly name: string; readonly number: string };

export type { NoteVisibility } from '../../actions/common-forms';

type ResultForm<T extends 'finish' | 'submit_result'> = {
  readonly type: T;
  readonly result: '' | 'approved' | 'denied';
  readonly resultDocuments: readonly ResultDocumentLine[];
  readonly note: string;
};

export type DossierForm =
  | common.NoteStepForm<
      | 'accept'
      | 'receive_supplement'
      | 'start_processing'
      | 'receive_fees'
      | 'return_result'
      | 'approve_result'
    >
  | common.ReasonStepForm<'refuse' | 'request_withdrawal' | 'stop' | 'send_back_result'>
  | {
      readonly type: 'request_supplement';
      readonly missingDocuments: readonly string[];
      readonly reason: string;
    }
  | {
      readonly type: 'transfer';
      readonly unitId: string;
      readonly assigneeId: string;
      readonly reason: string;
    }
  | common.AssignForm
  | { readonly type: 'request_fees'; readonly fees: readonly FeeLine[]; readonly note: string }
  | {
      readonly type: 'apologize';
      readonly newDueDate: string;
      readonly newDueTime: string;
      readonly reason: string;
    }
  | ResultForm<'finish'>
  /** The same drafted result, submitted for a leader's sign-off. */
  | ResultForm<'submit_result'>
  | common.AddNoteForm;

/**
 * The actions an officer fills in a form for. `record_print` has none: printing a form records
 * it (the print preview takes it), so it is never a button of its own.
 */
export type DossierFormAction = Exclude<DossierActionType, 'record_print'>;

export type DossierFormOf<T extends DossierFormAction> = Extract<DossierForm, { type: T }>;

/** What the form knows about the dossier it acts on, for checks the schema cannot make. */
export interface DossierFormContext {
  /** The current appointment: an apology must set a later one. */
  readonly dueAt?: number | null;
  /** The latest new appointment an apology may set (the core's latestNewAppointment). */
  readonly latestDueAt?: number | null;
}

/** Office hours end at 17:00: the default time of a new appointment. */
export const DEFAULT_APPOINTMENT_TIME = '17:00';

export function isDossierActionType(value: unknown): value is DossierActionType {
  return typeof value === 'string' && dossierKind.isAction(value);
}

export function isDossierFormAction(value: unknown): value is DossierFormAction {
  return isDossierActionType(value) && value !== 'record_print';
}

export function emptyDossierForm(type: DossierFormAction): DossierForm {
  switch (type) {
    case 'accept':
    case 'receive_supplement':
    case 'start_processing':
    case 'receive_fees':
    case 'return_result':
    case 'approve_result':
      return { type, note: '' };
    case 'refuse':
    case 'request_withdrawal':
    case 'stop':
    case 'send_back_result':
      return { type, reason: '' };
    case 'request_supplement':
      return { type, missingDocuments: [''], reason: '' };
    case 'transfer':
      return { type, unitId: '', assigneeId: '', reason: '' };
    case 'assign':
      return common.emptyAssign();
    case 'request_fees':
      return { type, fees: [{ name: '', amount: '' }], note: '' };
    case 'apologize':
      return { type, newDueDate: '', newDueTime: DEFAULT_APPOINTMENT_TIME, reason: '' };
    case 'finish':
    case 'submit_result':
      return { type, result: '', resultDocuments: [{ name: '', number: '' }], note: '' };
    case 'add_note':
      return common.emptyAddNote();
  }
}

/** The payload for the form, or what is wrong with it, by field path. */
export function buildDossierAction(
  form: DossierForm,
  context: DossierFormContext = {},
): Built<DossierActionInput> {
  const errors = new ErrorCollector();
  switch (form.type) {
    case 'accept':
    case 'receive_supplement':
    case 'start_processing':
    case 'receive_fees':
    case 'return_result':
    case 'approve_result':
      return common.buildNoteStep(form);
    case 'refuse':
    case 'request_withdrawal':
    case 'stop':
    case 'send_back_result':
      return common.buildReasonStep(form);
    case 'request_supplement': {
      const lines = filledLines(form.missingDocuments);
      if (lines.length === 0) errors.rule('missingDocuments', 'MISSING_DOCUMENTS_REQUIRED');
      // The list goes out once (Mẫu 02): a repeated line is a typing slip, caught before it is final.
      const seen = new Set<string>();
      for (const line of lines) {
        const key = foldVietnamese(line.value);
        if (line.value.length > SHORT_TEXT_MAX) {
          errors.message(`missingDocuments.${line.index}`, 'tooLong');
        } else if (seen.has(key)) {
          errors.message(`missingDocuments.${line.index}`, 'duplicateDocument', {
            name: line.value,
          });
        }
        seen.add(key);
      }
      const reason = optionalText(errors, 'reason', form.reason);
      return errors.done(() => ({
        type: 'request_supplement' as const,
        missingDocuments: lines.map((line) => line.value),
        ...maybe('reason', reason),
      }));
    }
    case 'transfer': {
      const unitId = requiredText(errors, 'unitId', form.unitId, 'UNIT_REQUIRED', 64);
      const assigneeId = optionalText(errors, 'assigneeId', form.assigneeId, 64);
      const reason = optionalText(errors, 'reason', form.reason);
      return errors.done(() => ({
        type: 'transfer' as const,
        unitId,
        ...maybe('assigneeId', assigneeId),
        ...maybe('reason', reason),
      }));
    }
    case 'assign':
      return common.buildAssign(form);
    case 'request_fees': {
      const fees: { name: string; amount: number }[] = [];
      form.fees.forEach((line, index) => {
        if (line.name.trim() === '' && line.amount.trim() === '') return;
        const name = requiredText(
          errors,
          `fees.${index}.name`,
          line.name,
          'FEES_REQUIRED',
          SHORT_TEXT_MAX,
        );
        const amount = parseDong(line.amount);
        if (amount === null) errors.message(`fees.${index}.amount`, 'invalidAmount');
        fees.push({ name, amount: amount ?? 0 });
      });
      if (fees.length === 0) errors.rule('fees', 'FEES_REQUIRED');
      const note = optionalText(errors, 'note', form.note);
      return errors.done(() => ({ type: 'request_fees' as const, fees, ...maybe('note', note) }));
    }
    case 'apologize': {
      let newDueAt: number | null = null;
      if (form.newDueDate.trim() === '') {
        errors.rule('newDueAt', 'APPOINTMENT_REQUIRED');
      } else {
        newDueAt = vietnamDateTimeToMillis(form.newDueDate, form.newDueTime);
        if (newDueAt === null) errors.message('newDueAt', 'invalidDate');
        else if (context.dueAt != null && newDueAt <= context.dueAt) {
          errors.rule('newDueAt', 'APPOINTMENT_NOT_LATER');
        } else if (context.latestDueAt != null && newDueAt > context.latestDueAt) {
          errors.rule('newDueAt', 'APPOINTMENT_TOO_FAR');
        }
      }
      const reason = requiredText(errors, 'reason', form.reason, 'REASON_REQUIRED');
      return errors.done(() => ({ type: 'apologize' as const, newDueAt: newDueAt ?? 0, reason }));
    }
    case 'finish':
    case 'submit_result': {
      if (form.result === '') errors.rule('result', 'RESULT_REQUIRED');
      const resultDocuments: { name: string; number: string }[] = [];
      form.resultDocuments.forEach((line, index) => {
        if (line.name.trim() === '' && line.number.trim() === '') return;
        const name = requiredText(
          errors,
          `resultDocuments.${index}.name`,
          line.name,
          'RESULT_DOCUMENTS_REQUIRED',
          SHORT_TEXT_MAX,
        );
        const number = optionalText(errors, `resultDocuments.${index}.number`, line.number, 60);
        resultDocuments.push({ name, number: number ?? '' });
      });
      if (resultDocuments.length === 0) errors.rule('resultDocuments', 'RESULT_DOCUMENTS_REQUIRED');
      const note = optionalText(errors, 'note', form.note);
      return errors.done(() => ({
        type: form.type,
        result: form.result === 'denied' ? ('denied' as const) : ('approved' as const),
        resultDocuments,
        ...maybe('note', note),
      }));
    }
    case 'add_note':
      return common.buildAddNote(form);
  }
}

/** The form again, filled in with an action tried before (see formFromTried). */
export function dossierFormFromAction(raw: unknown): DossierForm | null {
  return common.formFromTried(
    raw,
    (value) => DossierActionSchema.safeParse(value),
    isDossierFormAction,
    emptyDossierForm,
    fillDossierForm,
  );
}

function fillDossierForm(a: DossierAction): DossierForm | null {
  switch (a.type) {
    case 'accept':
    case 'receive_supplement':
    case 'start_processing':
    case 'receive_fees':
    case 'return_result':
    case 'approve_result':
      return common.fillNoteStep(a);
    case 'refuse':
    case 'request_withdrawal':
    case 'stop':
    case 'send_back_result':
      return { type: a.type, reason: a.reason };
    case 'request_supplement':
      return { type: a.type, missingDocuments: [...a.missingDocuments], reason: a.reason ?? '' };
    case 'transfer':
      return {
        type: a.type,
        unitId: a.unitId,
        assigneeId: a.assigneeId ?? '',
        reason: a.reason ?? '',
      };
    case 'assign':
      return common.fillAssign(a);
    case 'request_fees':
      return {
        type: a.type,
        fees: a.fees.map((fee) => ({ name: fee.name, amount: formatDong(fee.amount) })),
        note: a.note ?? '',
      };
    case 'apologize': {
      const { date, time } = millisToVietnamDateTime(a.newDueAt);
      return { type: a.type, newDueDate: date, newDueTime: time, reason: a.reason };
    }
    case 'finish':
    case 'submit_result':
      return {
        type: a.type,
        result: a.result,
        resultDocuments: a.resultDocuments.map((doc) => ({ ...doc })),
        note: a.note ?? '',
      };
    case 'add_note':
      return common.fillAddNote(a);
    case 'record_print':
      return null;
  }
}

/** Actions that end the dossier or can be taken only once: their forms carry a warning. */
export const DOSSIER_ONCE_ACTIONS: readonly DossierActionType[] = [
  'request_supplement',
  'apologize',
];
export const DOSSIER_FINAL_ACTIONS: readonly DossierActionType[] = ['refuse', 'stop'];
