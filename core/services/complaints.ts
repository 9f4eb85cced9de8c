import type { MethodOutput, MethodParsedInput } from '@shared/contract/api';
import { ApiFailure } from '@shared/contract/envelope';
import { allowedComplaintActions, complaintDeadline } from '@shared/domain/complaint-machine';
import { complaintWorkingTimeLeft } from '@shared/domain/deadline';
import type { Officer, Unit } from '@shared/model';
import type { MutationTarget } from '@shared/sync/protocol';
import type { Db } from '../store/db';
import {
  complaintStateOrOnTrack,
  listComplaints,
  seekComplaints,
} from '../store/complaint-queries';
import { pendingIds, safeWorkingTime } from '../store/dossier-queries';
import {
  toComplaint,
  toHistoryEntry,
  type ComplaintRecord,
  type HistoryRecord,
} from '../store/rows';
import { actOnEach } from './bulk';
import type { CalendarSource } from './calendar';
import { actingOfficer, complaintContext, type SessionSource } from './session';

export interface ComplaintService {
  list(input: MethodParsedInput<'complaints.list'>): MethodOutput<'complaints.list'>;
  get(input: MethodParsedInput<'complaints.get'>): MethodOutput<'complaints.get'>;
  seek(input: MethodParsedInput<'complaints.seek'>): MethodOutput<'complaints.seek'>;
  act(input: MethodParsedInput<'complaints.act'>): MethodOutput<'complaints.act'>;
  actMany(input: MethodParsedInput<'complaints.actMany'>): MethodOutput<'complaints.actMany'>;
  allowedActions(
    input: MethodParsedInput<'complaints.allowedActions'>,
  ): MethodOutput<'complaints.allowedActions'>;
}

export interface ComplaintServiceDeps {
  db: Db;
  clock: () => number;
  calendar: CalendarSource;
  session: SessionSource;
  /** The sync engine's one mutation path: optimistic change + outbox entry. */
  act: (entity: 'complaint', id: string, action: MutationTarget['action']) => { pending: number };
  pendingCount?: () => number;
  log?: (message: string, error?: unknown) => void;
}

export function createComplaintService(deps: ComplaintServiceDeps): ComplaintService {
  const { db, clock } = deps;
  const byId = db.prepare('SELECT * FROM complaints WHERE id = ?');
  const historyOf = db.prepare(
    'SELECT * FROM complaint_history WHERE complaint_id = ? ORDER BY at, rowid',
  );
  const unit = db.prepare(
    'SELECT id, parent_id AS parentId, code, name, kind FROM units WHERE id = ?',
  );
  const officer = db.prepare(
    'SELECT id, username, full_name AS fullName, unit_id AS unitId, roles FROM officers WHERE id = ?',
  );

  const read = (id: string) => {
    const record = byId.get(id) as ComplaintRecord | undefined;
    if (!record) throw new ApiFailure('NOT_FOUND', `complaint ${id} does not exist in this store`);
    return toComplaint(record);
  };

  return {
    list: (input) =>
      listComplaints(db, {
        filter: input.filter,
        sort: input.sort,
        cursor: input.cursor,
        limit: input.limit,
        now: input.now ?? clock(),
        calendar: deps.calendar.get(),
        context: complaintContext(db, deps.session()),
      }),

    seek: (input) => ({
      cursor: seekComplaints(db, {
        filter: input.filter,
        sort: input.sort,
        position: input.position,
        now: input.now ?? clock(),
        calendar: deps.calendar.get(),
        context: complaintContext(db, deps.session()),
      }),
    }),

    get: ({ id, now: at }) => {
      const complaint = read(id);
      const now = at ?? clock();
      const calendar = deps.calendar.get();
      const assignee = complaint.assigneeId
        ? (officer.get(complaint.assigneeId) as
            (Omit<Officer, 'roles'> & { roles: string }) | undefined)
        : undefined;
      let deadline: MethodOutput<'complaints.get'>['deadline'] = null;
      try {
        deadline = complaintDeadline(complaint, calendar);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
      }
      return {
        complaint,
        history: (historyOf.all(id) as HistoryRecord[]).map(toHistoryEntry),
        unit: (unit.get(complaint.unitId) as Unit | undefined) ?? null,
        assignee: assignee
          ? { ...assignee, roles: JSON.parse(assignee.roles) as Officer['roles'] }
          : null,
        deadline,
        deadlineState: complaintStateOrOnTrack(complaint, now, calendar),
        workingMsLeft: safeWorkingTime(() => complaintWorkingTimeLeft(complaint, now, calendar)),
        pending: pendingIds(db, 'complaint', [id]).has(id),
      };
    },

    act: ({ id, action }) => {
      const { pending } = deps.act('complaint', id, action);
      return { complaint: read(id), pending };
    },

    /** Bulk assign (see actOnEach). */
    actMany: ({ ids, action }) => {
      let pending = 0;
      const outcome = actOnEach(
        'complaints.actMany',
        ids,
        (id) => {
          pending = deps.act('complaint', id, action).pending;
          return read(id).status;
        },
        deps.log,
      );
      return { ...outcome, pending: deps.pendingCount?.() ?? pending };
    },

    allowedActions: ({ id }) => {
      const complaint = read(id);
      const acting = actingOfficer(deps.session());
      if (!acting) return { actions: [] };
      return {
        actions: allowedComplaintActions(complaint, acting, clock(), deps.calendar.get()),
      };
    },
  };
}
