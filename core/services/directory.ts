import { MAX_DIRECTORY_ENTRIES, type MethodOutput } from '@shared/contract/api';
import { compareVietnamese } from '@shared/domain/text';
import { OfficerSchema, type Officer, type Unit } from '@shared/model';
import type { Db } from '../store/db';
import type { SessionSource } from './session';

export interface DirectoryService {
  list(): MethodOutput<'directory.list'>;
}

interface OfficerRecord {
  id: string;
  username: string;
  fullName: string;
  unitId: string;
  roles: string;
}

const ROLES = OfficerSchema.shape.roles;

/**
 * The units and officers of the local cache (reference data the sync engine keeps whole), for
 * the pickers and for naming ids on screen. A province holds about 150 units and 650 officers;
 * the bound keeps a stranger cache from flooding the renderer, and when it bites, the signed-in
 * officer's own units come first so their colleagues are never the ones cut. Sorted the
 * Vietnamese way in JavaScript, because SQLite orders text by bytes (Đ after Z); ties by id so
 * two namesakes keep one order.
 */
export function createDirectoryService(db: Db, session?: SessionSource): DirectoryService {
  const units = db.prepare(
    `SELECT id, parent_id AS parentId, code, name, kind FROM units
     ORDER BY id IN (SELECT value FROM json_each(@scope)) DESC, id LIMIT @max`,
  );
  const officers = db.prepare(
    `SELECT id, username, full_name AS fullName, unit_id AS unitId, roles FROM officers
     ORDER BY unit_id IN (SELECT value FROM json_each(@scope)) DESC, id LIMIT @max`,
  );
  const byName = <T extends { id: string }>(name: (x: T) => string) => {
    return (a: T, b: T) => compareVietnamese(name(a), name(b)) || (a.id < b.id ? -1 : 1);
  };
  return {
    list: () => {
      const params = {
        scope: JSON.stringify(session?.().scopeUnitIds ?? []),
        max: MAX_DIRECTORY_ENTRIES,
      };
      const unitRows = (units.all(params) as Unit[]).sort(byName((u) => u.name));
      const officerRows = (officers.all(params) as OfficerRecord[])
        .map((o): Officer | null => {
          // A roles column the app cannot read is dropped, not allowed to break every picker.
          const roles = ROLES.safeParse(safeJson(o.roles));
          return roles.success ? { ...o, roles: roles.data } : null;
        })
        .filter((o): o is Officer => o !== null)
        .sort(byName((o) => o.fullName));
      return { units: unitRows, officers: officerRows };
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
