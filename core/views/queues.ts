import type { BuiltinQueueId, ViewDefinition } from '@shared/contract/api';
import { complaintKind, dossierKind } from '@shared/kinds';
import type { Role } from '@shared/model';

/**
 * The workbench's built-in queues (issue 5 §2): each is a saved view (filter, sort, columns) that
 * every officer has, named by an i18n key (`queues.<id>`) the renderer translates. Filters are
 * relative to the signed-in officer (`mine`, `inMyUnits`), so one definition serves everyone;
 * signed out, `inMyUnits` covers the whole cache and `mine` matches nothing.
 *
 * What each one means:
 *  - my_dossiers: assigned to me and not closed (status 1, 2, 4, 5, 6, 7, 9: a finished result
 *    still has to be returned);
 *  - unassigned: nobody holds it, in my units, not closed and not finished (1, 2, 4, 5, 6, 7);
 *    new filings (1) are unassigned by nature, so this is also the desk's intake queue;
 *  - due_soon / overdue: the deadline state of shared/domain, in my units;
 *  - waiting_citizen: asked for documents (5) or fees (6), in my units; the clock is paused;
 *  - complaints_to_answer: complaints in my units whose answer is not drafted yet (new,
 *    received, information supplied, processing, or sent back);
 *  - awaiting_approval (leaders only): complaints in my units whose drafted answer waits for a
 *    leader to approve or send back;
 *  - results_to_sign (leaders only): dossiers in my units whose drafted result an officer
 *    submitted for sign-off ("trình ký", where the unit turned the step on) and that wait for a
 *    leader to approve or send back;
 *  - finished: processing ended (3, 8, 9, 10), in my units.
 */

export interface BuiltinQueue {
  id: BuiltinQueueId;
  view: ViewDefinition;
  /** Shown only to officers holding one of these roles (and when nobody is signed in). */
  roles?: readonly Role[];
}

export const DOSSIER_COLUMNS = [
  'number',
  'applicantName',
  'procedureName',
  'status',
  'receivedAt',
  'dueAt',
  'workingMsLeft',
  'assigneeId',
];
export const COMPLAINT_COLUMNS = [
  'number',
  'senderName',
  'title',
  'status',
  'receivedAt',
  'dueAt',
  'workingMsLeft',
  'assigneeId',
];

type ViewOf<N extends ViewDefinition['entity']> = Extract<ViewDefinition, { entity: N }>;

const dossierView = (
  filter: ViewOf<typeof dossierKind.name>['filter'],
  sort: ViewOf<typeof dossierKind.name>['sort'],
): ViewDefinition => ({ entity: dossierKind.name, filter, sort, columns: DOSSIER_COLUMNS });

const complaintView = (
  filter: ViewOf<typeof complaintKind.name>['filter'],
  sort: ViewOf<typeof complaintKind.name>['sort'],
): ViewDefinition => ({ entity: complaintKind.name, filter, sort, columns: COMPLAINT_COLUMNS });

export const BUILTIN_QUEUES: readonly BuiltinQueue[] = [
  {
    id: 'my_dossiers',
    view: dossierView(
      { mine: true, status: [1, 2, 4, 5, 6, 7, 9] },
      { field: 'dueAt', direction: 'asc' },
    ),
  },
  {
    id: 'unassigned',
    view: dossierView(
      { assigneeId: null, inMyUnits: true, status: [1, 2, 4, 5, 6, 7] },
      { field: 'receivedAt', direction: 'asc' },
    ),
  },
  {
    id: 'due_soon',
    view: dossierView(
      { inMyUnits: true, deadlineState: ['due_soon'] },
      { field: 'dueAt', direction: 'asc' },
    ),
  },
  {
    id: 'overdue',
    view: dossierView(
      { inMyUnits: true, deadlineState: ['overdue'] },
      { field: 'dueAt', direction: 'asc' },
    ),
  },
  {
    id: 'waiting_citizen',
    view: dossierView(
      { inMyUnits: true, status: [5, 6] },
      { field: 'receivedAt', direction: 'desc' },
    ),
  },
  {
    id: 'complaints_to_answer',
    view: complaintView(
      {
        inMyUnits: true,
        status: ['new', 'received', 'info_supplied', 'processing', 'returned'],
      },
      { field: 'dueAt', direction: 'asc' },
    ),
  },
  {
    id: 'awaiting_approval',
    view: complaintView(
      { inMyUnits: true, status: ['answer_drafted'] },
      { field: 'dueAt', direction: 'asc' },
    ),
    roles: ['leader'],
  },
  {
    id: 'results_to_sign',
    view: dossierView(
      { inMyUnits: true, status: [4], signOff: ['submitted'] },
      { field: 'dueAt', direction: 'asc' },
    ),
    roles: ['leader'],
  },
  {
    id: 'finished',
    view: dossierView(
      { inMyUnits: true, status: [3, 8, 9, 10] },
      { field: 'receivedAt', direction: 'desc' },
    ),
  },
];

export function isBuiltinQueueId(id: string): id is BuiltinQueueId {
  return BUILTIN_QUEUES.some((q) => q.id === id);
}

export function queueNameKey(id: BuiltinQueueId): string {
  return `queues.${id}`;
}
