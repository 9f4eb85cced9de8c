/**
 * Deterministic synthetic data for tests, benchmarks, demos, trainers and the central API's seed:
 * a province's units and officers, the procedure catalogue, and any number of dossiers and
 * complaints with consistent histories. See README-section.md.
 */
export {
  createGenerator,
  findProvince,
  type FilingSimulator,
  type FilingSimulatorOptions,
  type GeneratorOptions,
  type SyntheticGenerator,
} from './generator';
export type { DossierRecord } from './dossiers';
export { COMPLAINT_WORKING_DAYS, type ComplaintRecord } from './complaints';
export { DEMO_ACCOUNTS, DEMO_UNIT_ID, type DemoAccount } from './world';
export {
  COMPLAINT_EVENT_NAMES,
  DOSSIER_EVENT_NAMES,
  FILED,
  type ComplaintStep,
  type DossierStep,
  type HistoryNaming,
} from './naming';
export { WORKING_DAY_MS, type DeadlineCalculator } from './time';
export { PROVINCES, type Province } from './data/places';
export { PROCEDURES, type ProcedureSpec } from './data/procedures';
export { Prng, WeightedTable, hashSeed } from './prng';
export { foldAscii } from './text';
export { taxCheckDigit } from './people';
