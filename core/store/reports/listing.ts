import type { DossierFilter, DossierListRow } from '@shared/contract/api';
import { dossierKind } from '@shared/kinds';
import type { Db } from '../db';
import { prepared, whereSql, type Params } from '../keyset';
import { reportClauses } from '../kinds/dossier/report-filter';
import { DOSSIER_ROW_COLUMNS, toDossierRow, type DossierRowRecord } from '../kinds/dossier/rows';

/**
 * The dossiers of a report's filter in receipt order, a page at a time, walking the index of
 * receipt dates (migration 6) from a (received_at, id) position: a long export reads each
 * dossier once, and no page sorts. Reports list dossiers received for processing only.
 */

export interface ReportPosition {
  readonly receivedAt: number;
  readonly id: string;
}

interface Listed extends DossierRowRecord {
  returned_at: number | null;
}

export function reportPage(
  db: Db,
  filter: DossierFilter,
  after: ReportPosition | null,
  limit: number,
  now: number,
): { rows: DossierListRow[]; next: ReportPosition | null } {
  const params: Params = { limit };
  const where = ['received_at IS NOT NULL', ...reportClauses(filter, params)];
  if (filter.status?.length) where.push(`status IN (${filter.status.map(Number).join(', ')})`);
  if (filter.unitId !== undefined) {
    params.unitId = filter.unitId;
    where.push('unit_id = @unitId');
  }
  if (filter.assigneeId !== undefined) {
    if (filter.assigneeId === null) where.push('assignee_id IS NULL');
    else {
      params.assigneeId = filter.assigneeId;
      where.push('assignee_id = @assigneeId');
    }
  }
  if (after) {
    params.afterAt = after.receivedAt;
    params.afterId = after.id;
    where.push('(received_at, id) > (@afterAt, @afterId)');
  }
  const sql = `SELECT ${DOSSIER_ROW_COLUMNS}, returned_at FROM dossiers INDEXED BY dossiers_by_received_at
    ${whereSql(where)} ORDER BY received_at, id LIMIT @limit`;
  const records = prepared(db, sql).all(params) as Listed[];
  const rows = records.map((r) => {
    const row = toDossierRow(r);
    return {
      ...row,
      pending: false,
      deadlineState: dossierKind.deadline.state(
        { ...row, returnedAt: r.returned_at },
        now,
        null as never,
      ),
      workingMsLeft: null,
    };
  });
  const last = records[records.length - 1];
  return {
    rows,
    next:
      records.length === limit && last && last.received_at !== null
        ? { receivedAt: last.received_at, id: last.id }
        : null,
  };
}
