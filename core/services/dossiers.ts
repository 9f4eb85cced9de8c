import type { MethodOutput, MethodParsedInput } from '@shared/contract/api';
import { ApiFailure } from '@shared/contract/envelope';
import type { Db } from '../store/db';
import { listDossiers } from '../store/dossier-queries';
import { toDossier, toHistoryEntry, type DossierRecord, type HistoryRecord } from '../store/rows';
import type { Officer, Procedure, Unit } from '@shared/model';

export interface DossierService {
  list(input: MethodParsedInput<'dossiers.list'>): MethodOutput<'dossiers.list'>;
  get(input: MethodParsedInput<'dossiers.get'>): MethodOutput<'dossiers.get'>;
}

export function createDossierService(db: Db, clock: () => number): DossierService {
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

  return {
    list: (input) =>
      listDossiers(db, {
        filter: input.filter,
        sort: input.sort,
        cursor: input.cursor,
        limit: input.limit,
        now: input.now ?? clock(),
      }),
    get: ({ id }) => {
      const record = byId.get(id) as DossierRecord | undefined;
      if (!record) throw new ApiFailure('NOT_FOUND', `dossier ${id} does not exist in this store`);
      const dossier = toDossier(record);
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
      };
    },
  };
}
