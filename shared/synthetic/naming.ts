/**
 * History action names. The generator records each step under the action type of the shared
 * state machines (shared/domain: 'accept', 'request_supplement' …) and writes it out either as
 * that type ('machine') or as the past-tense event name ('past': 'accepted', 'supplement_requested'
 * …). The first entry of every history is 'filed' in both styles: filing arrives from the portal,
 * it is not an officer's action.
 */
export type HistoryNaming = 'past' | 'machine';

export const DOSSIER_EVENT_NAMES = {
  accept: 'accepted',
  refuse: 'refused',
  request_supplement: 'supplement_requested',
  receive_supplement: 'supplement_received',
  transfer: 'transferred',
  assign: 'assigned',
  request_fees: 'fees_requested',
  receive_fees: 'fees_received',
  apologize: 'apologized',
  finish: 'finished',
  return_result: 'returned',
  request_withdrawal: 'withdrawal_requested',
  stop: 'stopped',
  add_note: 'note',
} as const;
export type DossierStep = keyof typeof DOSSIER_EVENT_NAMES;

export const COMPLAINT_EVENT_NAMES = {
  receive: 'received',
  classify: 'classified',
  request_info: 'info_requested',
  supply_info: 'info_supplied',
  assign: 'assigned',
  transfer: 'transferred',
  draft_answer: 'answer_drafted',
  approve_answer: 'answer_approved',
  return_answer: 'answer_returned',
  publish: 'published',
  add_note: 'note',
} as const;
export type ComplaintStep = keyof typeof COMPLAINT_EVENT_NAMES;

export const FILED = 'filed';
