import { DossierActionSchema } from '../domain/dossier-machine';
import { dossierKind } from '../kinds';
import {
  DossierRowSchema,
  DossierSchema,
  DossierStatusSchema,
  OfficerSchema,
  ProcedureSchema,
  UnitSchema,
} from '../model/schemas';
import { Millis } from '../model/schemas';
import { DossierReportFilterShape } from './report-filters';
import { recordContract } from './records';

/** Dossiers (hồ sơ TTHC): `dossiers.*`, the methods of every kind over the dossier's own shapes. */

export const DOSSIER_SORT_FIELDS = [
  'receivedAt',
  'dueAt',
  'number',
  'applicantName',
  'procedureName',
  'status',
] as const;
export type DossierSortField = (typeof DOSSIER_SORT_FIELDS)[number];

export const dossierContract = recordContract(dossierKind, {
  record: DossierSchema,
  action: DossierActionSchema,
  status: DossierStatusSchema,
  sortFields: DOSSIER_SORT_FIELDS,
  row: DossierRowSchema,
  filter: DossierReportFilterShape,
  detail: {
    procedure: ProcedureSchema.nullable(),
    unit: UnitSchema.nullable(),
    assignee: OfficerSchema.nullable(),
    /**
     * The latest new appointment an apology may set now (latestNewAppointment, with the core's
     * calendar): the apology form's limit. Null without an appointment.
     */
    latestNewDueAt: Millis.nullable(),
  },
});

export const { methods, events } = dossierContract;
