import type { Complaint, Dossier, DossierRow, HistoryEntry } from '@shared/model';
import type { DossierStatus } from '@shared/model';

/** Column lists and row mappers between the store's snake_case rows and the shared model. */

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
    updatedAt: r.updated_at,
  };
}

export function dossierDetailsJson(d: Dossier): string {
  const details: DossierDetails = {
    documents: d.documents,
    fees: d.fees,
    supplementRounds: d.supplementRounds,
    resultDocuments: d.resultDocuments,
  };
  return JSON.stringify(details);
}

export interface HistoryRecord {
  id: string;
  at: number;
  action: string;
  officer_id: string | null;
  officer_name: string;
  unit_id: string | null;
  unit_name: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  visibility: string;
  data: string | null;
}

export function toHistoryEntry(r: HistoryRecord): HistoryEntry {
  return {
    id: r.id,
    at: r.at,
    action: r.action,
    officerId: r.officer_id,
    officerName: r.officer_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    note: r.note,
    visibility: r.visibility === 'citizen' ? 'citizen' : 'internal',
    data: r.data === null ? null : (JSON.parse(r.data) as Record<string, unknown>),
  };
}

export interface ComplaintRecord {
  id: string;
  number: string;
  sender_name: string;
  sender_phone: string;
  sender_email: string;
  sender_address: string;
  channel: string;
  title: string;
  content: string;
  received_at: number;
  status: string;
  classification: string | null;
  unit_id: string;
  assignee_id: string | null;
  clock_started_at: number;
  due_at: number | null;
  answer: string | null;
  approved_at: number | null;
  published_at: number | null;
  version: number;
  updated_at: number;
}

export function toComplaint(r: ComplaintRecord): Complaint {
  return {
    id: r.id,
    number: r.number,
    senderName: r.sender_name,
    senderPhone: r.sender_phone,
    senderEmail: r.sender_email,
    senderAddress: r.sender_address,
    channel: r.channel as Complaint['channel'],
    title: r.title,
    content: r.content,
    receivedAt: r.received_at,
    status: r.status as Complaint['status'],
    classification: r.classification as Complaint['classification'],
    unitId: r.unit_id,
    assigneeId: r.assignee_id,
    clockStartedAt: r.clock_started_at,
    dueAt: r.due_at,
    answer: r.answer,
    approvedAt: r.approved_at,
    publishedAt: r.published_at,
    version: r.version,
    updatedAt: r.updated_at,
  };
}
