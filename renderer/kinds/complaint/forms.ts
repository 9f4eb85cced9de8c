import { complaintKind } from '@shared/kinds';
import {
  ComplaintActionSchema,
  PUBLICATION_CHANNELS,
  type ComplaintAction,
  type ComplaintActionInput,
  type ComplaintActionType,
} from '@shared/domain/complaint-machine';
import type { ComplaintClassification } from '@shared/model/codes';
import * as common from '../../actions/common-forms';
import {
  ErrorCollector,
  maybe,
  optionalText,
  requiredText,
  SHORT_TEXT_MAX,
  type Built,
} from '../../actions/form-values';

/**
 * The form behind each complaint action (PAKN) and its mapping to the payload
 * ComplaintActionSchema accepts: classification with what each class needs (a reason to refuse,
 * the competent body to forward to), the answer's draft → approval → publication, notes.
 */

export type PublicationChannel = (typeof PUBLICATION_CHANNELS)[number];
export type TransferClass = 'staff_conduct' | 'outside_authority';

export type ComplaintForm =
  | common.NoteStepForm<'receive' | 'supply_info' | 'start_processing' | 'approve_answer'>
  | common.ReasonStepForm<'request_info' | 'return_answer'>
  | {
      readonly type: 'classify';
      readonly classification: '' | ComplaintClassification;
      readonly reason: string;
      readonly recipient: string;
      readonly unitId: string;
    }
  | common.AssignForm
  | {
      readonly type: 'transfer';
      readonly classification: '' | TransferClass;
      readonly recipient: string;
      readonly unitId: string;
      readonly reason: string;
    }
  | { readonly type: 'draft_answer'; readonly answer: string }
  | { readonly type: 'publish'; readonly channels: readonly PublicationChannel[] }
  | common.AddNoteForm;

export function isComplaintActionType(value: unknown): value is ComplaintActionType {
  return typeof value === 'string' && complaintKind.isAction(value);
}

/** Classes that forward the complaint to another body, which must be named. */
export function isTransferClass(value: string): value is TransferClass {
  return value === 'staff_conduct' || value === 'outside_authority';
}

/** `answer` prefills the draft editor with the complaint's current draft, if any. */
export function emptyComplaintForm(
  type: ComplaintActionType,
  current: { readonly answer?: string | null } = {},
): ComplaintForm {
  switch (type) {
    case 'receive':
    case 'supply_info':
    case 'start_processing':
    case 'approve_answer':
      return { type, note: '' };
    case 'classify':
      return { type, classification: '', reason: '', recipient: '', unitId: '' };
    case 'request_info':
    case 'return_answer':
      return { type, reason: '' };
    case 'assign':
      return common.emptyAssign();
    case 'transfer':
      return { type, classification: '', recipient: '', unitId: '', reason: '' };
    case 'draft_answer':
      return { type, answer: current.answer ?? '' };
    case 'publish':
      return { type, channels: ['portal'] };
    case 'add_note':
      return common.emptyAddNote();
  }
}

export function buildComplaintAction(form: ComplaintForm): Built<ComplaintActionInput> {
  const errors = new ErrorCollector();
  switch (form.type) {
    case 'receive':
    case 'supply_info':
    case 'start_processing':
    case 'approve_answer':
      return common.buildNoteStep(form);
    case 'request_info':
    case 'return_answer':
      return common.buildReasonStep(form);
    case 'classify': {
      const classification = form.classification;
      if (classification === '') errors.rule('classification', 'CLASSIFICATION_REQUIRED');
      const transfer = isTransferClass(classification);
      // Refusing needs a reason; forwarding needs the competent body; otherwise both are optional.
      const reason =
        classification === 'not_admissible'
          ? requiredText(errors, 'reason', form.reason, 'REASON_REQUIRED')
          : optionalText(errors, 'reason', form.reason);
      const recipient = transfer
        ? requiredText(errors, 'recipient', form.recipient, 'RECIPIENT_REQUIRED', SHORT_TEXT_MAX)
        : undefined;
      const unitId = transfer ? optionalText(errors, 'unitId', form.unitId, 64) : undefined;
      return errors.done(() => ({
        type: 'classify' as const,
        classification: classification === '' ? 'within_authority' : classification,
        ...maybe('reason', reason === '' ? undefined : reason),
        ...maybe('recipient', recipient),
        ...maybe('unitId', unitId),
      }));
    }
    case 'assign':
      return common.buildAssign(form);
    case 'transfer': {
      const classification = form.classification;
      if (classification === '') errors.rule('classification', 'CLASSIFICATION_REQUIRED');
      const recipient = requiredText(
        errors,
        'recipient',
        form.recipient,
        'RECIPIENT_REQUIRED',
        SHORT_TEXT_MAX,
      );
      const unitId = optionalText(errors, 'unitId', form.unitId, 64);
      const reason = optionalText(errors, 'reason', form.reason);
      return errors.done(() => ({
        type: 'transfer' as const,
        classification: classification === '' ? 'outside_authority' : classification,
        recipient,
        ...maybe('unitId', unitId),
        ...maybe('reason', reason),
      }));
    }
    case 'draft_answer': {
      const answer = requiredText(errors, 'answer', form.answer, 'ANSWER_REQUIRED');
      return errors.done(() => ({ type: 'draft_answer' as const, answer }));
    }
    case 'publish': {
      // In PUBLICATION_CHANNELS order, each once, whatever order they were ticked in.
      const channels = PUBLICATION_CHANNELS.filter((c) => form.channels.includes(c));
      if (channels.length === 0) errors.message('channels', 'channelsRequired');
      return errors.done(() => ({ type: 'publish' as const, channels }));
    }
    case 'add_note':
      return common.buildAddNote(form);
  }
}

/** Prefills the form from an action tried before (a refused change to redo; see formFromTried). */
export function complaintFormFromAction(raw: unknown): ComplaintForm | null {
  return common.formFromTried(
    raw,
    (value) => ComplaintActionSchema.safeParse(value),
    isComplaintActionType,
    (type) => emptyComplaintForm(type),
    fillComplaintForm,
  );
}

function fillComplaintForm(a: ComplaintAction): ComplaintForm {
  switch (a.type) {
    case 'receive':
    case 'supply_info':
    case 'start_processing':
    case 'approve_answer':
      return common.fillNoteStep(a);
    case 'request_info':
    case 'return_answer':
      return { type: a.type, reason: a.reason };
    case 'classify':
      return {
        type: a.type,
        classification: a.classification,
        reason: a.reason ?? '',
        recipient: a.recipient ?? '',
        unitId: a.unitId ?? '',
      };
    case 'assign':
      return common.fillAssign(a);
    case 'transfer':
      return {
        type: a.type,
        classification: a.classification,
        recipient: a.recipient,
        unitId: a.unitId ?? '',
        reason: a.reason ?? '',
      };
    case 'draft_answer':
      return { type: a.type, answer: a.answer };
    case 'publish':
      return { type: a.type, channels: [...a.channels] };
    case 'add_note':
      return common.fillAddNote(a);
  }
}
