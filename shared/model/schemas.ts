import { z } from 'zod';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_CLASSIFICATIONS,
  COMPLAINT_STATUSES,
  ROLES,
  SERVICE_LEVELS,
  UNIT_KINDS,
} from './codes';
import { storableText } from './text';

/**
 * Entity schemas shared by every layer. Times are epoch milliseconds (UTC instants): compact in
 * SQLite, cheap to compare at a million rows, and free of time-zone ambiguity; the calendar and
 * the UI render them in Asia/Ho_Chi_Minh. Every string has an upper bound so that oversized input
 * is refused at the boundary instead of reaching the store, and holds only text every store can
 * keep (no NUL, no half surrogate pair: text.ts).
 */

export const Millis = z.number().int().min(0).max(8_640_000_000_000_000);
export type Millis = z.infer<typeof Millis>;

export const Id = storableText(64).min(1);
export const ShortText = storableText(200);
export const LongText = storableText(10_000);

export const DossierStatusSchema = z.literal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
export const ChannelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const ApplicantTypeSchema = z.union([z.literal(1), z.literal(2)]);
export const RoleSchema = z.enum(ROLES);

export const ProcedureSchema = z.object({
  code: storableText(40).min(1),
  name: ShortText,
  fieldCode: storableText(40),
  fieldName: ShortText,
  serviceLevel: z.enum(SERVICE_LEVELS),
  /** Statutory processing time in working days. */
  workingDays: z.number().int().min(0).max(365),
  /**
   * The units that handle the procedure: a dossier of it is transferred only to one of these
   * (shared/domain, handling.ts). Catalogue data an administrator edits. Absent: the catalogue
   * does not say, and any unit may receive it.
   */
  handlingUnitIds: z.array(Id).max(2000).optional(),
});
export type Procedure = z.infer<typeof ProcedureSchema>;

export const UnitSchema = z.object({
  id: Id,
  parentId: Id.nullable(),
  /** Agency code used in dossier numbers, e.g. 000.00.01.H22. */
  code: storableText(40),
  name: ShortText,
  kind: z.enum(UNIT_KINDS),
  /**
   * Results a leader of this unit signs off before they go out ("trình ký"), by procedure code:
   * the unit's own setting, synced reference data the central API enforces (shared/domain,
   * sign-off.ts). Absent: no procedure of the unit needs it.
   */
  signOff: z
    .object({ procedureCodes: z.array(storableText(40).min(1)).max(2000) })
    .strict()
    .optional(),
});
export type Unit = z.infer<typeof UnitSchema>;

export const OfficerSchema = z.object({
  id: Id,
  username: storableText(64).min(1),
  fullName: ShortText,
  unitId: Id,
  roles: z.array(RoleSchema).max(5),
});
export type Officer = z.infer<typeof OfficerSchema>;

export const FiledDocumentSchema = z.object({
  name: ShortText,
  copies: z.number().int().min(0).max(100),
  original: z.boolean(),
});
export type FiledDocument = z.infer<typeof FiledDocumentSchema>;

export const FeeSchema = z.object({
  name: ShortText,
  /** Vietnamese đồng; no minor unit. */
  amount: z.number().int().min(0).max(100_000_000_000),
  paid: z.boolean(),
});
export type Fee = z.infer<typeof FeeSchema>;

export const SupplementRoundSchema = z.object({
  requestedAt: Millis,
  missingDocuments: z.array(ShortText).max(100),
  reason: LongText,
  receivedAt: Millis.nullable(),
  /** Appointment before the request and after the complete dossier arrived. */
  previousDueAt: Millis.nullable(),
  newDueAt: Millis.nullable(),
});
export type SupplementRound = z.infer<typeof SupplementRoundSchema>;

export const ResultDocumentSchema = z.object({
  name: ShortText,
  number: storableText(60),
});
export type ResultDocument = z.infer<typeof ResultDocumentSchema>;

/** Where a drafted result stands with the leader who signs it off ("trình ký"). */
export const SIGN_OFF_STATES = ['submitted', 'approved', 'sent_back'] as const;
export type SignOffState = (typeof SIGN_OFF_STATES)[number];

/** The drafted result an officer submitted for a leader's sign-off, and the leader's decision. */
export const SignOffSchema = z.object({
  state: z.enum(SIGN_OFF_STATES),
  result: z.enum(['approved', 'denied']),
  resultDocuments: z.array(ResultDocumentSchema).max(50),
  submittedAt: Millis,
  submittedBy: Id,
  decidedAt: Millis.nullable(),
  decidedBy: Id.nullable(),
  /** Why the leader sent the draft back. */
  reason: LongText.nullable(),
});
export type SignOff = z.infer<typeof SignOffSchema>;

/**
 * A dossier row as the grid needs it. Field comments give the national portal's name
 * (the one-to-one mapping lives in shared/portal).
 */
export const DossierRowSchema = z.object({
  id: Id,
  /** MaHoSo: <agency code>-YYMMDD-NNNN */
  number: storableText(60),
  /** MaTTHC / TenTTHC */
  procedureCode: storableText(40),
  procedureName: ShortText,
  /** HoTen ChuHoSo */
  applicantName: ShortText,
  /** TrangThaiHoSo */
  status: DossierStatusSchema,
  /** NgayNopHoSo */
  filedAt: Millis,
  /** NgayTiepNhan */
  receivedAt: Millis.nullable(),
  /** NgayHenTra: the current appointment. */
  dueAt: Millis.nullable(),
  /** Moment from which the dossier counts as "due soon" (derived from dueAt and the calendar). */
  dueSoonAt: Millis.nullable(),
  /** NgayKetThucXuLy */
  finishedAt: Millis.nullable(),
  /** DonViXuLy */
  unitId: Id,
  assigneeId: Id.nullable(),
  /** The clock is not running since this moment (waiting for the citizen: supplement or fees). */
  clockPausedAt: Millis.nullable(),
  /** Counted late whatever the dates say (an apology, a second supplement request). */
  late: z.boolean(),
  version: z.number().int().min(0),
});
export type DossierRow = z.infer<typeof DossierRowSchema>;

export const DossierSchema = DossierRowSchema.extend({
  /** MaLinhVuc */
  fieldCode: storableText(40),
  /** KenhThucHien */
  channel: ChannelSchema,
  /** SoGiayToChuHoSo: 12-digit citizen ID, or a business registration number. */
  applicantIdNumber: storableText(20),
  /** LoaiDoiTuong */
  applicantType: ApplicantTypeSchema,
  /** SoDienThoai */
  phone: storableText(20),
  /** Email */
  email: storableText(120),
  address: ShortText,
  /** TrichYeuHoSo */
  summary: LongText,
  /** NgayTra */
  returnedAt: Millis.nullable(),
  /** Statutory working days of the procedure when the dossier was received. */
  workingDays: z.number().int().min(0).max(365),
  /** Start of the current run of the clock (acceptance, or the complete supplement received). */
  clockStartedAt: Millis.nullable(),
  /** Working time left when the clock was paused for fees; restored when it resumes. */
  clockRemainingMs: z.number().int().min(0).nullable(),
  apologyCount: z.number().int().min(0),
  supplementCount: z.number().int().min(0),
  documents: z.array(FiledDocumentSchema).max(200),
  fees: z.array(FeeSchema).max(50),
  supplementRounds: z.array(SupplementRoundSchema).max(20),
  resultDocuments: z.array(ResultDocumentSchema).max(50),
  /** The result's sign-off, once an officer submitted a draft (absent or null before). */
  signOff: SignOffSchema.nullable().optional(),
  updatedAt: Millis,
});
export type Dossier = z.infer<typeof DossierSchema>;

export const NoteVisibilitySchema = z.enum(['internal', 'citizen']);
export type NoteVisibility = z.infer<typeof NoteVisibilitySchema>;

/** One step of the audit trail (Mẫu 05/06): who did what, when, in which unit. */
export const HistoryEntrySchema = z.object({
  id: Id,
  at: Millis,
  action: storableText(60).min(1),
  officerId: Id.nullable(),
  /** Names as they were at the time: the audit trail must not change when people move. */
  officerName: ShortText,
  unitId: Id.nullable(),
  unitName: ShortText,
  fromStatus: storableText(40).nullable(),
  toStatus: storableText(40).nullable(),
  note: LongText.nullable(),
  visibility: NoteVisibilitySchema,
  data: z.record(z.string(), z.unknown()).nullable(),
  /**
   * The audit trail's link (shared/sync/audit.ts): SHA-256 of the record's previous entry as the
   * central API stored it; null on a record's first entry; absent on entries from before the
   * trail and on a client's provisional entries.
   */
  prevHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable()
    .optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const ComplaintSchema = z.object({
  id: Id,
  number: storableText(60),
  senderName: ShortText,
  senderPhone: storableText(20),
  senderEmail: storableText(120),
  senderAddress: ShortText,
  channel: z.enum(COMPLAINT_CHANNELS),
  title: ShortText,
  content: LongText,
  receivedAt: Millis,
  status: z.enum(COMPLAINT_STATUSES),
  classification: z.enum(COMPLAINT_CLASSIFICATIONS).nullable(),
  unitId: Id,
  assigneeId: Id.nullable(),
  /** Start of the 15-working-day clock: receipt, or the latest transfer in. */
  clockStartedAt: Millis,
  dueAt: Millis.nullable(),
  answer: LongText.nullable(),
  approvedAt: Millis.nullable(),
  publishedAt: Millis.nullable(),
  version: z.number().int().min(0),
  updatedAt: Millis,
});
export type Complaint = z.infer<typeof ComplaintSchema>;
