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

/** The core's "now" (shared/clock.ts): the trainers' sandbox moves it, and every screen follows. */
export const AppClockSchema = z.object({
  now: z.number().int().nonnegative(),
  /** Whether it runs between moves (the sandbox's stands still until the presenter moves it). */
  running: z.boolean(),
});
export type AppClock = z.infer<typeof AppClockSchema>;

export const methods = {
  'app.info': { input: Empty, output: AppInfoSchema },
  /** The core's clock now: grids, meters and dashboards read time from it, not from the page. */
  'app.clock': { input: Empty, output: AppClockSchema },
} as const satisfies MethodTable;

export const events = {
  /** The core's clock was moved (the sandbox): the moment it now reads. */
  'app.clock': AppClockSchema,
} as const satisfies EventTable;
