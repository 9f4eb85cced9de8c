import type { MethodOutput, MethodParsedInput } from '@shared/contract/api';
import { ApiFailure } from '@shared/contract/envelope';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { dossierDeadlineState, dossierWorkingTimeLeft } from '@shared/domain/deadline';
import type { Dossier, Officer, Procedure, Unit } from '@shared/model';
import type { MutationTarget } from '@shared/sync/protocol';
import type { Db } from '../store/db';
import {
  listDossiers,
  NO_CONTEXT,
  pendingIds,
  safeWorkingTime,
  seekDossiers,
} from '../store/dossier-queries';
import { toDossier, toHistoryEntry, type DossierRecord, type HistoryRecord } from '../store/rows';
import { actOnEach } from './bulk';
import type { CalendarSource } from './calendar';
import { dossierContext, type SessionSource } from './session';

export interface DossierService {
  list(input: MethodParsedInput<'dossiers.list'>): MethodOutput<'dossiers.list'>;
  get(input: MethodParsedInput<'dossiers.get'>): MethodOutput<'dossiers.get'>;
  seek(input: MethodParsedInput<'dossiers.seek'>): MethodOutput<'dossiers.seek'>;
  actMany(input: MethodParsedInput<'dossiers.actMany'>): MethodOutput<'dossiers.actMany'>;
}

export interface DossierServiceOptions {
  calendar?: CalendarSource;
  session?: SessionSource;
  /** The sync engine's one mutation path (optimistic change + outbox entry). */
  act?: (
    entity: 'dossier',
    id: string,
    action: MutationTarget['action'],
  ) => { record: Dossier; pending: number };
  pendingCount?: () => number;
  log?: (message: string, error?: unknown) => void;
}

export function createDossierService(
  db: Db,
  clock: () => number,
  options: DossierServiceOptions = {},
): DossierService {
  const byId = db.prepare('SELECT * FROM dossiers WHERE id = ?');
  const historyOf = db.prepare(
    'SELECT * FROM dossier_history WHERE dossier_id = ? ORDER BY at, rowid',
  );
  const procedure = db.prepare(
    `SELECT code, name, field_code AS fieldCode, field_name AS fieldName,
       service_level AS serviceLevel, working_days AS workingDays FROM procedures WHERE code = ?`,
  );
  const unit = db.prepare(
    'SELECT id, parent_id AS parentId, code, name, kind FROM units WHERE id = ?',
  );
  const officer = db.prepare(
    'SELECT id, username, full_name AS fullName, unit_id AS unitId, roles FROM officers WHERE id = ?',
  );

  // The same calendar the list rows use, so the panel and the row never disagree.
  let fallbackCalendar: WorkingCalendar | null = null;
  const calendar = () => options.calendar?.get() ?? (fallbackCalendar ??= new WorkingCalendar());
  const context = () => (options.session ? dossierContext(db, options.session()) : NO_CONTEXT);

  return {
    list: (input) =>
      listDossiers(db, {
        filter: input.filter,
        sort: input.sort,
        cursor: input.cursor,
        limit: input.limit,
        now: input.now ?? clock(),
        context: context(),
        calendar: calendar(),
      }),
    seek: (input) => ({
      cursor: seekDossiers(db, {
        filter: input.filter,
        sort: input.sort,
        position: input.position,
        now: input.now ?? clock(),
        context: context(),
      }),
    }),
    /** Bulk assign / transfer (see actOnEach). */
    actMany: ({ ids, action }) => {
      const act = options.act;
      if (!act) throw new ApiFailure('UNAVAILABLE', 'actions need the sync engine');
      const outcome = actOnEach(
        'dossiers.actMany',
        ids,
        (id) => act('dossier', id, action).record.status,
        options.log,
      );
      return { ...outcome, pending: options.pendingCount?.() ?? 0 };
    },
    get: ({ id, now: at }) => {
      const record = byId.get(id) as DossierRecord | undefined;
      if (!record) throw new ApiFailure('NOT_FOUND', `dossier ${id} does not exist in this store`);
      const dossier = toDossier(record);
      const now = at ?? clock();
      const assignee = dossier.assigneeId
        ? (officer.get(dossier.assigneeId) as
            (Omit<Officer, 'roles'> & { roles: string }) | undefined)
        : undefined;
      return {
        dossier,
        history: (historyOf.all(id) as HistoryRecord[]).map(toHistoryEntry),
        procedure: (procedure.get(dossier.procedureCode) as Procedure | undefined) ?? null,
        unit: (unit.get(dossier.unitId) as Unit | undefined) ?? null,
        assignee: assignee
          ? { ...assignee, roles: JSON.parse(assignee.roles) as Officer['roles'] }
          : null,
        deadlineState: dossierDeadlineState(dossier, now),
        workingMsLeft: safeWorkingTime(() => dossierWorkingTimeLeft(dossier, now, calendar())),
        pending: pendingIds(db, 'dossier', [id]).has(id),
      };
    },
  };
}
