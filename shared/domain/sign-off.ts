import type { Unit } from '../model';

/**
 * Which results a leader signs off before they go out ("trình ký"). The step is a unit's own
 * setting per procedure (UnitSchema.signOff), part of the synced reference data: the central API
 * builds the policy from its directory and enforces it when it applies an action, the desktop
 * core builds the same policy from its cache to offer and apply actions offline. A unit that never
 * turned the step on keeps the lifecycle as it was: finish directly.
 */
export interface SignOffPolicy {
  required(unitId: string, procedureCode: string): boolean;
}

/** No unit signs anything off (the default when a caller passes no policy). */
export const NO_SIGN_OFF: SignOffPolicy = { required: () => false };

/** The policy of a set of units, looked up by id (a directory, a cache). */
export function signOffPolicy(
  unitOf: (unitId: string) => Pick<Unit, 'signOff'> | null | undefined,
): SignOffPolicy {
  const memo = new Map<string, ReadonlySet<string>>();
  return {
    required(unitId, procedureCode) {
      let codes = memo.get(unitId);
      if (!codes) {
        codes = new Set(unitOf(unitId)?.signOff?.procedureCodes ?? []);
        memo.set(unitId, codes);
      }
      return codes.has(procedureCode);
    },
  };
}
