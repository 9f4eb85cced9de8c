import {
  COMPLAINT_ACTIONS,
  ComplaintActionSchema,
  PUBLICATION_CHANNELS,
  type ComplaintActionInput,
  type ComplaintActionType,
} from '@shared/domain/complaint-machine';
import type { ComplaintClassification } from '@shared/model/codes';
import {
  ErrorCollector,
  maybe,
  optionalText,
  requiredText,
  SHORT_TEXT_MAX,
  type Built,
} from './form-values';
import type { NoteVisibility } from './dossier-forms';

/**
 * The form behind each complaint action (PAKN) and its mapping to the payload
 * ComplaintActionSchema accepts: classification with what each class needs (a reason to refuse,
 * the competent body to forward to), the answer's draft → approval → publication, notes.
 */

export type PublicationChannel = (typeof PUBLICATION_CHANNELS)[number];
export type TransferClass = 'staff_conduct' | 'outside_authority';

export type ComplaintForm =
  | { readonly type: 'receive'; readonly note: string }
  | {
      readonly type: 'classify';
      readonly classification: '' | ComplaintClassification;
      readonly reason: string;
      readonly recipient: string;
      readonly unitId: string;
    }
  | { readonly type: 'request_info'; readonly reason: string }
  | { readonly type: 'supply_info'; readonly note: string }
  | { readonly type: 'start_processing'; readonly note: string }
  | { readonly type: 'assign'; readonly assigneeId: string; readonly note: string }
  | {
      readonly type: 'transfer';
      readonly classification: '' | TransferClass;
      readonly recipient: string;
      readonly unitId: string;
      readonly reason: string;
    }
  | { readonly type: 'draft_answer'; readonly answer: string }
  | { readonly type: 'approve_answer'; readonly note: string }
  | { readonly type: 'return_answer'; readonly reason: string }
  | { readonly type: 'publish'; readonly channels: readonly PublicationChannel[] }
  | { readonly type: 'add_note'; readonly text: string; readonly visibility: NoteVisibility };

export function isComplaintActionType(value: unknown): value is ComplaintActionType {
  return typeof value === 'string' && (COMPLAINT_ACTIONS as readonly string[]).includes(value);
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
      return { type, assigneeId: '', note: '' };
    case 'transfer':
      return { type, classification: '', recipient: '', unitId: '', reason: '' };
    case 'draft_answer':
      return { type, answer: current.answer ?? '' };
    case 'publish':
      return { type, channels: ['portal'] };
    case 'add_note':
      return { type, text: '', visibility: 'internal' };
  }
}

export function buildComplaintAction(form: ComplaintForm): Built<ComplaintActionInput> {
  const errors = new ErrorCollector();
  switch (form.type) {
    case 'receive':
    case 'supply_info':
    case 'start_processing':
    case 'approve_answer': {
      const note = optionalText(errors, 'note', form.note);
      return errors.done(() => ({ type: form.type, ...maybe('note', note) }));
    }
    case 'request_info':
    case 'return_answer': {
      const reason = requiredText(errors, 'reason', form.reason, 'REASON_REQUIRED');
      return errors.done(() => ({ type: form.type, reason }));
    }
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
    case 'assign': {
      const assigneeId = requiredText(
        errors,
        'assigneeId',
        form.assigneeId,
        'ASSIGNEE_REQUIRED',
        64,
      );
      const note = optionalText(errors, 'note', form.note);
      return errors.done(() => ({ type: 'assign' as const, assigneeId, ...maybe('note', note) }));
    }
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
    case 'add_note': {
      const text = requiredText(errors, 'text', form.text, 'NOTE_REQUIRED');
      return errors.done(() => ({ type: 'add_note' as const, text, visibility: form.visibility }));
    }
  }
}

/** Prefills the form from an action tried before (a refused change to redo); see dossierFormFromAction. */
export function complaintFormFromAction(raw: unknown): ComplaintForm | null {
  const parsed = ComplaintActionSchema.safeParse(raw);
  if (!parsed.success) {
    const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : null;
    return isComplaintActionType(type) ? emptyComplaintForm(type) : null;
  }
  const a = parsed.data;
  switch (a.type) {
    case 'receive':
    case 'supply_info':
    case 'start_processing':
    case 'approve_answer':
      return { type: a.type, note: a.note ?? '' };
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
      return { type: a.type, assigneeId: a.assigneeId, note: a.note ?? '' };
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
      return { type: a.type, text: a.text, visibility: a.visibility };
  }
}
