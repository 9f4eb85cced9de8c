import type { Migration } from '../migrate';

/**
 * The procedure catalogue's handling units (issue 11): the units a dossier of a procedure may be
 * transferred to (ProcedureSchema.handlingUnitIds), synced reference data kept as JSON beside the
 * procedure, as units keep their sign-off setting. NULL: the catalogue does not say, and any unit
 * may receive it; the next sync of the catalogue fills it in.
 */
export const handlingUnits: Migration = {
  version: 10,
  name: 'handling-units',
  up(db) {
    db.exec(`ALTER TABLE procedures ADD COLUMN handling_units TEXT;`);
  },
};
