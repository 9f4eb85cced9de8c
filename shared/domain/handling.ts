import type { Procedure } from '../model';

/**
 * Which units handle a procedure: the procedure catalogue's own data (ProcedureSchema's
 * `handlingUnitIds`), synced reference data like the units' sign-off setting. The central API
 * builds the policy from its reference data and enforces it when it applies a transfer; the
 * desktop core builds the same policy from its cache to refuse one offline and to offer only
 * those units. A procedure the catalogue says nothing about may go to any unit, as before.
 */
export interface HandlingPolicy {
  /** Whether `unitId` handles the procedure; true where the catalogue does not say. */
  handles(procedureCode: string, unitId: string): boolean;
}

/** The policy of a catalogue, looked up by procedure code (a reference snapshot, a cache). */
export function handlingPolicy(
  procedureOf: (code: string) => Pick<Procedure, 'handlingUnitIds'> | null | undefined,
): HandlingPolicy {
  const memo = new Map<string, ReadonlySet<string> | null>();
  return {
    handles(procedureCode, unitId) {
      let units = memo.get(procedureCode);
      if (units === undefined) {
        const listed = procedureOf(procedureCode)?.handlingUnitIds;
        units = listed === undefined ? null : new Set(listed);
        memo.set(procedureCode, units);
      }
      return units === null || units.has(unitId);
    },
  };
}
