import type { ComplaintFilter } from '@shared/contract/api';
import type { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import type { ComplaintStatus } from '@shared/model';
import {
  complaintClock,
  INFO_REQUEST_ACTIONS,
  type ClockFields,
} from '@shared/reports/complaint-clocks';
import type { ComplaintClock } from '@shared/contract/report-filters';
import type { Db } from '../../db';
import type { Params } from '../../keyset';

/**
 * SQL of the complaint filter fields behind the supervisors' figures: a clock's outcome is the
 * shared rule itself (shared/reports/complaint-clocks.ts), called through a SQL function, so the
 * grid a dashboard figure opens counts exactly what the dashboard counted.
 */

const CLOCK_FN = 'workbench_complaint_clock';

/** The first information request of the complaint `c` (its history), or null. */
export const INFO_REQUESTED_SQL = `(SELECT min(h.at) FROM complaint_history h
  WHERE h.complaint_id = complaints.id AND h.action IN (${INFO_REQUEST_ACTIONS.map((a) => `'${a}'`).join(', ')}))`;

let activeCalendar: WorkingCalendar | null = null;
const registered = new WeakSet<Db>();

/** Registers the clock function on this connection, with the calendar the query runs under. */
export function useClockCalendar(db: Db, calendar: WorkingCalendar): void {
  activeCalendar = calendar;
  if (registered.has(db)) return;
  db.function(
    CLOCK_FN,
    { deterministic: false },
    (
      clock: unknown,
      status: unknown,
      clockStartedAt: unknown,
      approvedAt: unknown,
      publishedAt: unknown,
      updatedAt: unknown,
      infoRequestedAt: unknown,
      at: unknown,
    ) => {
      if (!activeCalendar) return null;
      const c: ClockFields = {
        status: status as ComplaintStatus,
        clockStartedAt: Number(clockStartedAt),
        approvedAt: approvedAt === null ? null : Number(approvedAt),
        publishedAt: publishedAt === null ? null : Number(publishedAt),
        updatedAt: Number(updatedAt),
      };
      try {
        return complaintClock(
          clock as ComplaintClock,
          c,
          infoRequestedAt === null ? null : Number(infoRequestedAt),
          Number(at),
          activeCalendar,
        );
      } catch (error) {
        if (error instanceof RangeError) return null;
        throw error;
      }
    },
  );
  registered.add(db);
}

/** Conditions of the report fields; statements using a clock run under useClockCalendar. */
export function complaintReportClauses(filter: ComplaintFilter, params: Params): string[] {
  const where: string[] = [];
  if (filter.unitIds) {
    params.reportUnits = JSON.stringify(filter.unitIds);
    where.push('unit_id IN (SELECT value FROM json_each(@reportUnits))');
  }
  if (filter.received) {
    if (filter.received.from !== undefined) {
      params.receivedFrom = filter.received.from;
      where.push('received_at >= @receivedFrom');
    }
    if (filter.received.to !== undefined) {
      params.receivedTo = filter.received.to;
      where.push('received_at < @receivedTo');
    }
  }
  if (filter.clock) {
    params.clockKind = filter.clock.kind;
    params.clockAt = filter.clock.at;
    params.clockOutcomes = JSON.stringify(filter.clock.outcomes);
    where.push(`${CLOCK_FN}(@clockKind, status, clock_started_at, approved_at, published_at,
      updated_at, ${INFO_REQUESTED_SQL}, @clockAt) IN (SELECT value FROM json_each(@clockOutcomes))`);
  }
  return where;
}
