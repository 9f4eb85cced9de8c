import {
  DOSSIER_ACTIONS,
  DOSSIER_LIFECYCLE,
  DossierActionSchema,
  type DossierActionType,
} from '../domain/dossier-machine';
import {
  dossierDeadlineState,
  dossierWorkingTimeLeft,
  dossierWorkingTimeTotal,
  type DossierDeadlineFields,
} from '../domain/deadline';
import { DOSSIER_STATUSES, FINAL_DOSSIER_STATUSES, type DossierStatus } from '../model/codes';
import { DossierSchema, type Dossier } from '../model/schemas';
import { DossierHistoryRecordSchema } from '../sync/history';
import { withinCalendar, type RecordKind } from './kind';

// Field names the compiler checks against the record (the descriptor keeps them as names).
const field = (name: keyof Dossier): string => name;
const fields = (...names: (keyof Dossier)[]): readonly string[] => names;

/** A dossier (hồ sơ TTHC): statuses 1–10 of the national portal, the dossier machine. */
/** What the dossier's deadline rules read: the row's clock fields. */
export type DossierClock = DossierDeadlineFields & { readonly clockRemainingMs?: number | null };

export const dossierKind: RecordKind<
  'dossier',
  Dossier,
  DossierStatus,
  DossierActionType,
  DossierClock
> = {
  name: 'dossier',
  plural: 'dossiers',
  historyEntity: 'dossier_history',
  ownerKey: 'dossierId',
  schema: DossierSchema,
  historyRecordSchema: DossierHistoryRecordSchema,
  statuses: DOSSIER_STATUSES,
  finalStatuses: FINAL_DOSSIER_STATUSES,
  actions: DOSSIER_ACTIONS,
  actionSchema: DossierActionSchema,
  contended: fields('status', 'unitId', 'assigneeId'),
  search: {
    identifiers: fields('number', 'applicantIdNumber', 'phone'),
    name: field('applicantName'),
    text: fields('summary'),
    subtitle: field('procedureName'),
    idNumber: field('applicantIdNumber'),
    phone: field('phone'),
  },
  ...DOSSIER_LIFECYCLE,
  deadline: {
    state: (record, now) => dossierDeadlineState(record, now),
    workingTimeLeft: (record, now, calendar) =>
      withinCalendar(() => dossierWorkingTimeLeft(record, now, calendar), null),
    workingTimeTotal: (record, history, calendar) =>
      withinCalendar(() => dossierWorkingTimeTotal(record, history, calendar), null),
  },
};
