import { z } from 'zod';
import { Empty, type EventTable, type MethodTable } from './table';

/** The application itself (`app.*`): what runs, on which host, over which store. */

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  schemaVersion: z.number().int(),
  dossierCount: z.number().int(),
  complaintCount: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const methods = {
  'app.info': { input: Empty, output: AppInfoSchema },
} as const satisfies MethodTable;

export const events = {} as const satisfies EventTable;
