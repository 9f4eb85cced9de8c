import { z } from 'zod';

/**
 * What one feature's slice of the contract is (see api.ts, which merges the slices): methods,
 * each a zod input and a zod output, and events, each a zod payload. Slices state these types
 * with `satisfies`, so each keeps its literal method names and exact schemas.
 */
export type MethodTable = Record<string, { input: z.ZodType; output: z.ZodType }>;
export type EventTable = Record<string, z.ZodType>;

/** The input of a method that takes none (anything else in it is refused). */
export const Empty = z.object({}).strict();
