import type { Dossier, DossierRow, DossierStatus } from '@shared/model';

/** The dossiers table's rows and their mapping to the shared model. */

export const DOSSIER_ROW_COLUMNS = `id, number, procedure_code, procedure_name, applicant_name, status,
  filed_at, received_at, due_at, due_soon_at, finished_at, unit_id, assignee_id, clock_paused_at,
  late, version`;

export interface DossierRowRecord {
  id: string;
  number: string;
  procedure_code: string;
  procedure_name: string;
  applicant_name: string;
  status: number;
  filed_at: number;
  received_at: number | null;
  due_at: number | null;
  due_soon_at: number | null;
  finished_at: number | null;
  unit_id: string;
  assignee_id: string | null;
  clock_paused_at: number | null;
  late: number;
  version: number;
}

export interface DossierRecord extends DossierRowRecord {
  field_code: string;
  channel: number;
  applicant_id_number: string;
  applicant_type: number;
  phone: string;
  email: string;
  address: string;
  summary: string;
  returned_at: number | null;
  working_days: number;
  clock_started_at: number | null;
  clock_remaining_ms: number | null;
  apology_count: number;
  supplement_count: number;
  details: string;
  updated_at: number;
}

export function toDossierRow(r: DossierRowRecord): DossierRow {
  return {
    id: r.id,
    number: r.number,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    applicantName: r.applicant_name,
    status: r.status as DossierStatus,
    filedAt: r.filed_at,
    receivedAt: r.received_at,
    dueAt: r.due_at,
    dueSoonAt: r.due_soon_at,
    finishedAt: r.finished_at,
    unitId: r.unit_id,
    assigneeId: r.assignee_id,
    clockPausedAt: r.clock_paused_at,
    late: r.late === 1,
    version: r.version,
  };
}

interface DossierDetails {
  documents: Dossier['documents'];
  fees: Dossier['fees'];
  supplementRounds: Dossier['supplementRounds'];
  resultDocuments: Dossier['resultDocuments'];
  /** Absent for dossiers no officer submitted a result of (and in stores written before it). */
  signOff?: Dossier['signOff'];
}

export function toDossier(r: DossierRecord): Dossier {
  const details = JSON.parse(r.details) as DossierDetails;
  return {
    ...toDossierRow(r),
    fieldCode: r.field_code,
    channel: r.channel as Dossier['channel'],
    applicantIdNumber: r.applicant_id_number,
    applicantType: r.applicant_type as Dossier['applicantType'],
    phone: r.phone,
    email: r.email,
    address: r.address,
    summary: r.summary,
    returnedAt: r.returned_at,
    workingDays: r.working_days,
    clockStartedAt: r.clock_started_at,
    clockRemainingMs: r.clock_remaining_ms,
    apologyCount: r.apology_count,
    supplementCount: r.supplement_count,
    documents: details.documents,
    fees: details.fees,
    supplementRounds: details.supplementRounds,
    resultDocuments: details.resultDocuments,
    ...(details.signOff ? { signOff: details.signOff } : {}),
    updatedAt: r.updated_at,
  };
}

export function dossierDetailsJson(d: Dossier): string {
  const details: DossierDetails = {
    documents: d.documents,
    fees: d.fees,
    supplementRounds: d.supplementRounds,
    resultDocuments: d.resultDocuments,
    ...(d.signOff ? { signOff: d.signOff } : {}),
  };
  return JSON.stringify(details);
}
