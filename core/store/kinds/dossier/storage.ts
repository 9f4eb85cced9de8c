import { latestNewAppointment } from '@shared/domain/dossier-machine';
import { dossierKind, withinCalendar } from '@shared/kinds';
import type { DossierFilter, DossierListRow, DossierSortField } from '@shared/contract/api';
import type { Dossier } from '@shared/model';
import type { KindStorage } from '../storage';
import { dossierList } from './list';
import { dossierDetailsJson, toDossier, type DossierRecord } from './rows';

/** Dossiers in the local store: migration 1's tables, the dossier list, the search index. */
export const dossierStorage: KindStorage<Dossier, DossierFilter, DossierSortField, DossierListRow> =
  {
    kind: dossierKind,
    table: 'dossiers',
    historyTable: 'dossier_history',
    historyOwner: 'dossier_id',
    derivedTables: ['dossier_counts', 'dossier_period_counts'],
    upsert: {
      sql: `
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
      details = excluded.details, version = excluded.version, updated_at = excluded.updated_at`,
      params: (d, keys) => [
        d.id,
        d.number,
        d.procedureCode,
        d.procedureName,
        // A few hundred procedures name a million dossiers: their sort keys are computed once each.
        keys.cached(d.procedureName),
        d.fieldCode,
        d.channel,
        d.applicantName,
        keys.fresh(d.applicantName),
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
      ],
    },
    fromRow: (row) => toDossier(row as DossierRecord),
    search: {
      table: 'dossier_search',
      columns: `rowid, number, applicant_name AS applicantName,
  applicant_id_number AS applicantIdNumber, phone, summary`,
      hit: {
        title: 'x.applicant_name',
        subtitle: 'x.procedure_name',
        receivedAt: 'x.received_at',
        sortAt: 'coalesce(x.received_at, x.filed_at)',
        idNumber: 'x.applicant_id_number',
        phone: 'x.phone',
      },
      body: { column: 'summary', field: 'summary' },
    },
    list: dossierList,
    detailExtras: (d, { directory, calendar }) => ({
      procedure: directory.procedure(d.procedureCode),
      latestNewDueAt: withinCalendar(() => latestNewAppointment(d, calendar), null),
    }),
    synthetic: function* (generator, total, from, to) {
      for (const { dossier, history } of generator.dossiers(total, from, to)) {
        yield { record: dossier, history };
      }
    },
  };
