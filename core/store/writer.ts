import type { Complaint, Dossier, HistoryEntry, Officer, Procedure, Unit } from '@shared/model';
import { vietnameseSortKey } from '@shared/domain/text';
import {
  COMPLAINT_SEARCH_FIELDS,
  DOSSIER_SEARCH_FIELDS,
  createSearchIndexWriter,
} from '../search/index-writer';
import type { ComplaintSearchFields, DossierSearchFields } from '../search/documents';
import type { Db } from './db';
import { dossierDetailsJson } from './rows';

/**
 * Prepared upserts for every entity of the cache. Statements are prepared once per store and
 * reused: preparing per row would dominate a bulk load of a million dossiers.
 *
 * Dossiers and complaints also go into the full-text index (core/search): the writer is the one
 * place every record passes through (sync pages, optimistic actions, seeding), and folding the
 * text for it needs JavaScript, so a trigger cannot do it. Deletes are triggers (migration 3).
 */
export interface StoreWriter {
  procedure(p: Procedure): void;
  unit(u: Unit): void;
  officer(o: Officer): void;
  dossier(d: Dossier): void;
  dossierHistory(dossierId: string, h: HistoryEntry): void;
  complaint(c: Complaint): void;
  complaintHistory(complaintId: string, h: HistoryEntry): void;
  /**
   * Runs `write`, which stores many records inside the caller's transaction, and writes their
   * search documents at its end, in the order the search index takes fastest (see
   * SearchIndexWriter.batch). Deletes in the same transaction come after it.
   */
  batch<T>(write: () => T): T;
}

export function createWriter(db: Db): StoreWriter {
  const procedure = db.prepare(`
    INSERT INTO procedures (code, name, field_code, field_name, service_level, working_days)
    VALUES (@code, @name, @fieldCode, @fieldName, @serviceLevel, @workingDays)
    ON CONFLICT (code) DO UPDATE SET name = excluded.name, field_code = excluded.field_code,
      field_name = excluded.field_name, service_level = excluded.service_level,
      working_days = excluded.working_days`);
  const unit = db.prepare(`
    INSERT INTO units (id, parent_id, code, name, kind) VALUES (@id, @parentId, @code, @name, @kind)
    ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, code = excluded.code,
      name = excluded.name, kind = excluded.kind`);
  const officer = db.prepare(`
    INSERT INTO officers (id, username, full_name, unit_id, roles)
    VALUES (@id, @username, @fullName, @unitId, @roles)
    ON CONFLICT (id) DO UPDATE SET username = excluded.username, full_name = excluded.full_name,
      unit_id = excluded.unit_id, roles = excluded.roles`);
  const dossier = db.prepare(`
    INSERT INTO dossiers (id, number, procedure_code, procedure_name, procedure_sort, field_code,
      channel, applicant_name, applicant_sort, applicant_id_number, applicant_type, phone, email,
      address, summary, status, filed_at, received_at, due_at, due_soon_at, finished_at,
      returned_at, unit_id, assignee_id, working_days, clock_started_at, clock_paused_at,
      clock_remaining_ms, apology_count, supplement_count, late, details, version, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET number = excluded.number,
      procedure_code = excluded.procedure_code, procedure_name = excluded.procedure_name,
      procedure_sort = excluded.procedure_sort, field_code = excluded.field_code,
      channel = excluded.channel, applicant_name = excluded.applicant_name,
      applicant_sort = excluded.applicant_sort, applicant_id_number = excluded.applicant_id_number,
      applicant_type = excluded.applicant_type, phone = excluded.phone, email = excluded.email,
      address = excluded.address, summary = excluded.summary, status = excluded.status,
      filed_at = excluded.filed_at, received_at = excluded.received_at, due_at = excluded.due_at,
      due_soon_at = excluded.due_soon_at, finished_at = excluded.finished_at,
      returned_at = excluded.returned_at, unit_id = excluded.unit_id,
      assignee_id = excluded.assignee_id, working_days = excluded.working_days,
      clock_started_at = excluded.clock_started_at, clock_paused_at = excluded.clock_paused_at,
      clock_remaining_ms = excluded.clock_remaining_ms, apology_count = excluded.apology_count,
      supplement_count = excluded.supplement_count, late = excluded.late,
      details = excluded.details, version = excluded.version, updated_at = excluded.updated_at`);
  const historyColumns = `id, at, action, officer_id, officer_name, unit_id, unit_name,
      from_status, to_status, note, visibility, data`;
  const historyValues = '?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?';
  const dossierHistory = db.prepare(`
    INSERT INTO dossier_history (dossier_id, ${historyColumns}) VALUES (?, ${historyValues})
    ON CONFLICT (id) DO NOTHING`);
  const complaint = db.prepare(`
    INSERT INTO complaints (id, number, sender_name, sender_sort, sender_phone, sender_email,
      sender_address, channel, title, content, received_at, status, classification, unit_id,
      assignee_id, clock_started_at, due_at, answer, approved_at, published_at, version, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET number = excluded.number, sender_name = excluded.sender_name,
      sender_sort = excluded.sender_sort, sender_phone = excluded.sender_phone,
      sender_email = excluded.sender_email, sender_address = excluded.sender_address,
      channel = excluded.channel, title = excluded.title, content = excluded.content,
      received_at = excluded.received_at, status = excluded.status,
      classification = excluded.classification, unit_id = excluded.unit_id,
      assignee_id = excluded.assignee_id, clock_started_at = excluded.clock_started_at,
      due_at = excluded.due_at, answer = excluded.answer, approved_at = excluded.approved_at,
      published_at = excluded.published_at, version = excluded.version,
      updated_at = excluded.updated_at`);
  const search = createSearchIndexWriter(db);
  const dossierBefore = db.prepare(`SELECT ${DOSSIER_SEARCH_FIELDS} FROM dossiers WHERE id = ?`);
  const complaintBefore = db.prepare(
    `SELECT ${COMPLAINT_SEARCH_FIELDS} FROM complaints WHERE id = ?`,
  );
  const complaintHistory = db.prepare(`
    INSERT INTO complaint_history (complaint_id, ${historyColumns}) VALUES (?, ${historyValues})
    ON CONFLICT (id) DO NOTHING`);

  // Positional parameters: binding by name looks every name up on the object, which costs
  // about twice as much per row, and history entries are most of an initial sync's rows.
  const historyParams = (ownerId: string, h: HistoryEntry) => [
    ownerId,
    h.id,
    h.at,
    h.action,
    h.officerId,
    h.officerName,
    h.unitId,
    h.unitName,
    h.fromStatus,
    h.toStatus,
    h.note,
    h.visibility,
    h.data === null ? null : JSON.stringify(h.data),
  ];

  // A few hundred procedures name a million dossiers: their sort keys are computed once each.
  const procedureSorts = new Map<string, string>();
  const procedureSort = (name: string): string => {
    let key = procedureSorts.get(name);
    if (key === undefined) {
      key = vietnameseSortKey(name);
      if (procedureSorts.size < 10_000) procedureSorts.set(name, key);
    }
    return key;
  };

  return {
    procedure: (p) => procedure.run(p),
    unit: (u) => unit.run(u),
    officer: (o) => officer.run({ ...o, roles: JSON.stringify(o.roles) }),
    dossier: (d) => {
      const before = dossierBefore.get(d.id) as
        (DossierSearchFields & { rowid: number }) | undefined;
      const info = dossier.run(
        d.id,
        d.number,
        d.procedureCode,
        d.procedureName,
        procedureSort(d.procedureName),
        d.fieldCode,
        d.channel,
        d.applicantName,
        vietnameseSortKey(d.applicantName),
        d.applicantIdNumber,
        d.applicantType,
        d.phone,
        d.email,
        d.address,
        d.summary,
        d.status,
        d.filedAt,
        d.receivedAt,
        d.dueAt,
        d.dueSoonAt,
        d.finishedAt,
        d.returnedAt,
        d.unitId,
        d.assigneeId,
        d.workingDays,
        d.clockStartedAt,
        d.clockPausedAt,
        d.clockRemainingMs,
        d.apologyCount,
        d.supplementCount,
        d.late ? 1 : 0,
        dossierDetailsJson(d),
        d.version,
        d.updatedAt,
      );
      // An upsert that updated keeps its rowid; lastInsertRowid only tells about inserts.
      search.dossier(before ? before.rowid : Number(info.lastInsertRowid), d, before);
    },
    dossierHistory: (id, h) => dossierHistory.run(...historyParams(id, h)),
    complaint: (c) => {
      const before = complaintBefore.get(c.id) as
        (ComplaintSearchFields & { rowid: number }) | undefined;
      const info = complaint.run(
        c.id,
        c.number,
        c.senderName,
        vietnameseSortKey(c.senderName),
        c.senderPhone,
        c.senderEmail,
        c.senderAddress,
        c.channel,
        c.title,
        c.content,
        c.receivedAt,
        c.status,
        c.classification,
        c.unitId,
        c.assigneeId,
        c.clockStartedAt,
        c.dueAt,
        c.answer,
        c.approvedAt,
        c.publishedAt,
        c.version,
        c.updatedAt,
      );
      search.complaint(before ? before.rowid : Number(info.lastInsertRowid), c, before);
    },
    complaintHistory: (id, h) => complaintHistory.run(...historyParams(id, h)),
    batch: (write) => search.batch(write),
  };
}
