import type { DossierFilter } from '@shared/contract/api';
import type { Params } from '../../keyset';

/**
 * SQL of the supervisors' filter fields (shared/contract/report-filters.ts), mirroring the rules
 * of shared/reports/rules.ts: a figure of the dashboard, the scorecard or Biểu 06 counts exactly
 * the dossiers these conditions select, which is what the grid a figure opens lists.
 */

const OFFSET = 25_200_000;
const DAY = 86_400_000;

/** Late, early or on time (shared/reports, timelinessOf), as 3, 1, 2. */
export const OUTCOME_SQL = `(CASE
  WHEN late = 1 OR (due_at IS NOT NULL AND finished_at > due_at) THEN 3
  WHEN due_at IS NOT NULL AND (finished_at + ${OFFSET}) / ${DAY} < (due_at + ${OFFSET}) / ${DAY} THEN 1
  ELSE 2 END)`;

const OUTCOME_CODE = { early: 1, on_time: 2, late: 3 } as const;

const CLOCK_SQL = {
  waiting: 'status IN (5, 6)',
  overdue: 'status NOT IN (5, 6) AND due_at < @clockAt',
  due_soon:
    'status NOT IN (5, 6) AND due_at >= @clockAt AND coalesce(due_soon_at, due_at) <= @clockAt',
  on_track: 'status NOT IN (5, 6) AND (due_at IS NULL OR coalesce(due_soon_at, due_at) > @clockAt)',
} as const;

type ReportField = Exclude<
  keyof DossierFilter,
  'status' | 'unitId' | 'assigneeId' | 'deadlineState' | 'mine' | 'inMyUnits' | 'pendingOnly'
>;

const REPORT_FIELDS: readonly ReportField[] = [
  'unitIds',
  'fieldCode',
  'procedureCode',
  'channel',
  'received',
  'finished',
  'handled',
  'timeliness',
  'clockAt',
  'apologized',
  'secondSupplement',
  'due',
  'signOff',
];

/** Whether the filter uses any of these fields (the counters of migration 4 cannot answer it). */
export function hasReportFilter(filter: DossierFilter): boolean {
  return REPORT_FIELDS.some((f) => filter[f] !== undefined);
}

function range(
  where: string[],
  params: Params,
  column: string,
  name: string,
  r: { from?: number | undefined; to?: number | undefined },
): void {
  where.push(`${column} IS NOT NULL`);
  if (r.from !== undefined) {
    params[`${name}From`] = r.from;
    where.push(`${column} >= @${name}From`);
  }
  if (r.to !== undefined) {
    params[`${name}To`] = r.to;
    where.push(`${column} < @${name}To`);
  }
}

export function reportClauses(filter: DossierFilter, params: Params): string[] {
  const where: string[] = [];
  if (filter.unitIds) {
    params.reportUnits = JSON.stringify(filter.unitIds);
    where.push('unit_id IN (SELECT value FROM json_each(@reportUnits))');
  }
  if (filter.fieldCode !== undefined) {
    params.fieldCode = filter.fieldCode;
    where.push('field_code = @fieldCode');
  }
  if (filter.procedureCode !== undefined) {
    params.procedureCode = filter.procedureCode;
    where.push('procedure_code = @procedureCode');
  }
  if (filter.channel) {
    where.push(`channel IN (${[...new Set(filter.channel)].map(Number).join(', ')})`);
  }
  if (filter.received) range(where, params, 'received_at', 'received', filter.received);
  if (filter.finished) {
    where.push('received_at IS NOT NULL');
    range(where, params, 'finished_at', 'finished', filter.finished);
  }
  if (filter.handled) {
    params.handledFrom = filter.handled.from;
    params.handledTo = filter.handled.to;
    where.push(
      'received_at IS NOT NULL AND received_at < @handledTo AND (finished_at IS NULL OR finished_at >= @handledFrom)',
    );
  }
  if (filter.timeliness) {
    const codes = [...new Set(filter.timeliness)].map((t) => OUTCOME_CODE[t]);
    where.push(
      `received_at IS NOT NULL AND finished_at IS NOT NULL AND ${OUTCOME_SQL} IN (${codes.join(', ')})`,
    );
  }
  if (filter.clockAt) {
    params.clockAt = filter.clockAt.at;
    const states = [...new Set(filter.clockAt.states)].map((s) => `(${CLOCK_SQL[s]})`);
    where.push(`(${states.join(' OR ')})`);
  }
  if (filter.apologized !== undefined) {
    where.push(filter.apologized ? 'apology_count > 0' : 'apology_count = 0');
  }
  if (filter.secondSupplement !== undefined) {
    where.push(filter.secondSupplement ? 'supplement_count > 1' : 'supplement_count <= 1');
  }
  if (filter.due) range(where, params, 'due_at', 'due', filter.due);
  if (filter.signOff) {
    const names = [...new Set(filter.signOff)].map((s, i) => {
      params[`signOff${i}`] = s;
      return `@signOff${i}`;
    });
    where.push(`sign_off_state IS NOT NULL AND sign_off_state IN (${names.join(', ')})`);
  }
  return where;
}
