/**
 * Codes of the national portal (DVCQG) that our model keeps as they are, because officers,
 * reports and integrations all speak in them. English names are for code; the UI translates.
 */

/** TrangThaiHoSo: dossier status codes 1–10 of the national portal. */
export const DossierStatus = {
  New: 1,
  Accepted: 2,
  Refused: 3,
  Processing: 4,
  SupplementRequested: 5,
  FeesRequested: 6,
  WithdrawalRequested: 7,
  Stopped: 8,
  Finished: 9,
  Returned: 10,
} as const;
export type DossierStatus = (typeof DossierStatus)[keyof typeof DossierStatus];
export const DOSSIER_STATUSES: readonly DossierStatus[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** Statuses after which nothing more happens to a dossier. */
export const FINAL_DOSSIER_STATUSES: readonly DossierStatus[] = [3, 8, 10];
/** Statuses in which the dossier waits for the citizen, so its clock does not run. */
export const WAITING_DOSSIER_STATUSES: readonly DossierStatus[] = [5, 6];

/** KenhThucHien: how the dossier was filed. */
export const Channel = { InPerson: 1, Online: 2, Post: 3 } as const;
export type Channel = (typeof Channel)[keyof typeof Channel];

/** LoaiDoiTuong: who files. */
export const ApplicantType = { Citizen: 1, Business: 2 } as const;
export type ApplicantType = (typeof ApplicantType)[keyof typeof ApplicantType];

export const ROLES = [
  'desk_officer',
  'processing_officer',
  'leader',
  'trainer',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

/** Service level of a procedure: fully online ("toàn trình") or partly online ("một phần"). */
export const SERVICE_LEVELS = ['full', 'partial'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

export const UNIT_KINDS = ['province', 'department', 'commune', 'office'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Deadline states shown in the workbench and used as list filters. */
export const DEADLINE_STATES = [
  'on_track',
  'due_soon',
  'overdue',
  'paused',
  'finished_on_time',
  'finished_late',
] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** Complaint (PAKN) statuses, following the national portal's list. */
export const COMPLAINT_STATUSES = [
  'new',
  'received',
  'info_requested',
  'info_supplied',
  'processing',
  'answer_drafted',
  'waiting_to_publish',
  'published',
  'returned',
  'refused',
  'transferred',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_CLASSIFICATIONS = [
  'not_admissible',
  'staff_conduct',
  'within_authority',
  'outside_authority',
] as const;
export type ComplaintClassification = (typeof COMPLAINT_CLASSIFICATIONS)[number];

export const COMPLAINT_CHANNELS = ['written', 'phone', 'online'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
