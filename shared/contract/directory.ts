import { z } from 'zod';
import { OfficerSchema, UnitSchema } from '../model/schemas';
import { Empty, type EventTable, type MethodTable } from './table';

/** The synced reference data: units and officers (`directory.*`). */

/** Most units or officers `directory.list` returns (a province has about 150 and 650). */
export const MAX_DIRECTORY_ENTRIES = 5_000;

/** The synced units and officers, for pickers and for naming ids on screen. */
export const DirectoryListSchema = z.object({
  /** Sorted by name, the Vietnamese way. */
  units: z.array(UnitSchema).max(MAX_DIRECTORY_ENTRIES),
  /** Sorted by full name, the Vietnamese way. */
  officers: z.array(OfficerSchema).max(MAX_DIRECTORY_ENTRIES),
});
export type DirectoryList = z.infer<typeof DirectoryListSchema>;

export const methods = {
  /** The units and officers of the local cache (the synced reference data), sorted by name. */
  'directory.list': { input: Empty, output: DirectoryListSchema },
} as const satisfies MethodTable;

export const events = {} as const satisfies EventTable;
