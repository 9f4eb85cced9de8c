import {
  DOSSIER_ACTIONS,
  DossierActionSchema,
  allowedDossierActions,
  applyDossierAction,
  checkDossierAction,
  type DossierActionInput,
  type DossierActionType,
} from '../domain/dossier-machine';
import { dossierDeadlineState, dossierWorkingTimeLeft } from '../domain/deadline';
import { DOSSIER_STATUSES, FINAL_DOSSIER_STATUSES, type DossierStatus } from '../model/codes';
import { DossierSchema, type Dossier } from '../model/schemas';
import { DossierHistoryRecordSchema } from '../sync/history';
import { withinCalendar, type RecordKind } from './kind';

/** A dossier (hồ sơ TTHC): statuses 1–10 of the national portal, the dossier machine. */
export const dossierKind: RecordKind<'dossier', Dossier, DossierStatus, DossierActionType> = {
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
  contended: ['status', 'unitId', 'assigneeId'],
  search: {
    identifiers: ['number', 'applicantIdNumber', 'phone'],
    name: 'applicantName',
    text: ['summary'],
    subtitle: 'procedureName',
    idNumber: 'applicantIdNumber',
    phone: 'phone',
  },
  apply: (record, action, context) => {
    const result = applyDossierAction(record, action as DossierActionInput, context);
    return result.ok
      ? { ok: true, record: result.dossier, changes: result.changes, history: result.history }
      : result;
  },
  allowed: allowedDossierActions,
  check: checkDossierAction,
  isAction: (type): type is DossierActionType =>
    (DOSSIER_ACTIONS as readonly string[]).includes(type),
  deadline: {
    state: (record, now) => dossierDeadlineState(record, now),
    workingTimeLeft: (record, now, calendar) =>
      withinCalendar(() => dossierWorkingTimeLeft(record, now, calendar), null),
  },
};
