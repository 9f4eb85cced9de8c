import { MAX_DIRECTORY_ENTRIES } from '@shared/contract/api';
import {
  OfficerSchema,
  ProcedureSchema,
  UnitSchema,
  type Officer,
  type Procedure,
  type Unit,
} from '@shared/model';
import type { Db } from '../db';

interface OfficerRow {
  id: string;
  username: string;
  fullName: string;
  unitId: string;
  roles: string;
}

const ROLES = OfficerSchema.shape.roles;
const SIGN_OFF = UnitSchema.shape.signOff;
const HANDLING_UNITS = ProcedureSchema.shape.handlingUnitIds;

interface ProcedureRow extends Omit<Procedure, 'handlingUnitIds'> {
  handlingUnits: string | null;
}

/** A procedure row; handling units the app cannot read count as unsaid (the server enforces). */
function toProcedure(row: ProcedureRow | undefined): Procedure | null {
  if (!row) return null;
  const { handlingUnits, ...procedure } = row;
  if (handlingUnits === null) return procedure;
  const parsed = HANDLING_UNITS.safeParse(safeJson(handlingUnits));
  return parsed.success && parsed.data ? { ...procedure, handlingUnitIds: parsed.data } : procedure;
}

interface UnitRow extends Omit<Unit, 'signOff'> {
  signOff: string | null;
}

/** A unit row; a sign-off setting the app cannot read counts as none (the server enforces). */
function toUnit(row: UnitRow | undefined): Unit | null {
  if (!row) return null;
  const { signOff, ...unit } = row;
  if (signOff === null) return unit;
  const parsed = SIGN_OFF.safeParse(safeJson(signOff));
  return parsed.success && parsed.data ? { ...unit, signOff: parsed.data } : unit;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** An officer row whose roles the app cannot read is left out rather than breaking a screen. */
function toOfficer(row: OfficerRow | undefined): Officer | null {
  if (!row) return null;
  const roles = ROLES.safeParse(safeJson(row.roles));
  return roles.success ? { ...row, roles: roles.data } : null;
}

/**
 * The synced reference data: units, officers, procedures and the official calendar schedules
 * (the sync engine keeps them whole; the writer upserts units, officers and procedures).
 */
export interface DirectoryRepository {
  unit(id: string): Unit | null;
  officer(id: string): Officer | null;
  procedure(code: string): Procedure | null;
  /**
   * Units and officers, at most MAX_DIRECTORY_ENTRIES each, those of `scope` (the signed-in
   * officer's units) first so that their colleagues are never the ones cut.
   */
  listed(scope: readonly string[]): { units: Unit[]; officers: Officer[] };
  /** The official schedules by year, as stored. */
  calendars(): Record<string, unknown>;
  /** Changes whenever a schedule does: a cheap key for caching a calendar built from them. */
  calendarFingerprint(): string;
  putCalendar(year: string, data: unknown, version: number): void;
  deleteUnit(id: string): void;
  deleteOfficer(id: string): void;
  deleteProcedure(code: string): void;
  deleteCalendar(year: string): void;
}

export function createDirectoryRepository(db: Db): DirectoryRepository {
  const s = {
    unit: db.prepare(
      'SELECT id, parent_id AS parentId, code, name, kind, sign_off AS signOff FROM units WHERE id = ?',
    ),
    officer: db.prepare(
      'SELECT id, username, full_name AS fullName, unit_id AS unitId, roles FROM officers WHERE id = ?',
    ),
    procedure: db.prepare(
      `SELECT code, name, field_code AS fieldCode, field_name AS fieldName,
         service_level AS serviceLevel, working_days AS workingDays,
         handling_units AS handlingUnits FROM procedures WHERE code = ?`,
    ),
    units: db.prepare(
      `SELECT id, parent_id AS parentId, code, name, kind, sign_off AS signOff FROM units
       ORDER BY id IN (SELECT value FROM json_each(@scope)) DESC, id LIMIT @max`,
    ),
    officers: db.prepare(
      `SELECT id, username, full_name AS fullName, unit_id AS unitId, roles FROM officers
       ORDER BY unit_id IN (SELECT value FROM json_each(@scope)) DESC, id LIMIT @max`,
    ),
    calendars: db.prepare('SELECT year, data FROM calendar_overrides'),
    fingerprint: db.prepare(
      `SELECT count(*) AS n, coalesce(group_concat(year || ':' || version, ','), '') AS f
       FROM (SELECT year, version FROM calendar_overrides ORDER BY year)`,
    ),
    putCalendar: db.prepare(
      'INSERT INTO calendar_overrides (year, data, version) VALUES (?, ?, ?) ON CONFLICT (year) DO UPDATE SET data = excluded.data, version = excluded.version',
    ),
    deleteUnit: db.prepare('DELETE FROM units WHERE id = ?'),
    deleteOfficer: db.prepare('DELETE FROM officers WHERE id = ?'),
    deleteProcedure: db.prepare('DELETE FROM procedures WHERE code = ?'),
    deleteCalendar: db.prepare('DELETE FROM calendar_overrides WHERE year = ?'),
  };
  return {
    unit: (id) => toUnit(s.unit.get(id) as UnitRow | undefined),
    officer: (id) => toOfficer(s.officer.get(id) as OfficerRow | undefined),
    procedure: (code) => toProcedure(s.procedure.get(code) as ProcedureRow | undefined),
    listed: (scope) => {
      const params = { scope: JSON.stringify(scope), max: MAX_DIRECTORY_ENTRIES };
      return {
        units: (s.units.all(params) as UnitRow[]).map(toUnit).filter((u): u is Unit => u !== null),
        officers: (s.officers.all(params) as OfficerRow[])
          .map(toOfficer)
          .filter((o): o is Officer => o !== null),
      };
    },
    calendars: () => {
      const out: Record<string, unknown> = {};
      for (const row of s.calendars.all() as { year: string; data: string }[])
        out[row.year] = JSON.parse(row.data) as unknown;
      return out;
    },
    calendarFingerprint: () => {
      const { n, f } = s.fingerprint.get() as { n: number; f: string };
      return `${n}|${f}`;
    },
    putCalendar: (year, data, version) => s.putCalendar.run(year, JSON.stringify(data), version),
    deleteUnit: (id) => s.deleteUnit.run(id),
    deleteOfficer: (id) => s.deleteOfficer.run(id),
    deleteProcedure: (code) => s.deleteProcedure.run(code),
    deleteCalendar: (year) => s.deleteCalendar.run(year),
  };
}
