import { z } from 'zod';
import { complaintKind, dossierKind } from '../kinds';
import { Id, Millis } from '../model/schemas';
import { complaintContract } from './complaints';
import { dossierContract } from './dossiers';
import type { EventTable, MethodTable } from './table';

/**
 * The workbench's queues and the officer's own saved views (`queues.list`, `views.*`), and their
 * preferences (`prefs.*`, grid layouts among them): local to this computer, never synced.
 */

/** Column ids of a saved view, in display order (the renderer owns their meaning). */
export const ViewColumnsSchema = z
  .array(
    z
      .string()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9_.-]+$/),
  )
  .max(40);

/** A view of one kind of record: the kind's name, then its filter, its sort and the columns. */
const viewOf = <N extends string, F extends z.ZodType, S extends z.ZodType>(
  kind: { readonly name: N },
  filter: F,
  sort: S,
) => z.object({ entity: z.literal(kind.name), filter, sort, columns: ViewColumnsSchema }).strict();

export const ViewDefinitionSchema = z.discriminatedUnion('entity', [
  viewOf(dossierKind, dossierContract.filter, dossierContract.sort),
  viewOf(complaintKind, complaintContract.filter, complaintContract.sort),
]);
export type ViewDefinition = z.infer<typeof ViewDefinitionSchema>;

export const BUILTIN_QUEUE_IDS = [
  'my_dossiers',
  'unassigned',
  'due_soon',
  'overdue',
  'waiting_citizen',
  'complaints_to_answer',
  'awaiting_approval',
  'results_to_sign',
  'finished',
] as const;
export type BuiltinQueueId = (typeof BUILTIN_QUEUE_IDS)[number];

/** A queue on the left: a built-in one (named by an i18n key) or one the officer saved. */
export const QueueSchema = z.object({
  id: Id,
  kind: z.enum(['builtin', 'custom']),
  /** i18n key of a built-in queue's name, e.g. "queues.due_soon"; null for custom views. */
  nameKey: z.string().nullable(),
  /** The officer's own name for a custom view; null for built-in queues. */
  name: z.string().nullable(),
  view: ViewDefinitionSchema,
  /** Records the view shows now (dossiers.list / complaints.list total for the same filter). */
  count: z.number().int().min(0),
});
export type Queue = z.infer<typeof QueueSchema>;

export const PREF_KEY = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, { error: 'letters, digits and _ . : - only' });

/** Grid layout as the workbench persists it under keys "grid.<something>". */
export const GridLayoutSchema = z
  .object({
    columns: z
      .array(
        z
          .object({
            id: z.string().min(1).max(40),
            width: z.number().int().min(20).max(2000).optional(),
            hidden: z.boolean().optional(),
            pin: z.enum(['left', 'right']).nullable().optional(),
          })
          .strict(),
      )
      .max(60),
  })
  .strict();
export type GridLayout = z.infer<typeof GridLayoutSchema>;

/** Largest preference value accepted, as JSON text. */
export const MAX_PREF_BYTES = 16_384;

export const methods = {
  /** The queues of the signed-in officer (built-in, then their saved views) with live counts. */
  'queues.list': {
    input: z.object({ now: Millis.optional() }).strict(),
    output: z.object({ officerId: Id.nullable(), queues: z.array(QueueSchema) }),
  },
  /** Saves (creates, or replaces by id) one of the officer's own views. */
  'views.save': {
    input: z
      .object({
        id: Id.optional(),
        name: z.string().trim().min(1).max(80),
        view: ViewDefinitionSchema,
      })
      .strict(),
    output: QueueSchema,
  },
  'views.delete': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
  /** The officer's preference under `key` (grid layouts under "grid.<grid id>"), or null. */
  'prefs.get': {
    input: z.object({ key: PREF_KEY }).strict(),
    output: z.object({ key: z.string(), value: z.json().nullable() }),
  },
  /** Stores a preference (null deletes it); "grid.*" values must be a GridLayout. */
  'prefs.set': {
    input: z
      .object({ key: PREF_KEY, value: z.json().nullable() })
      .strict()
      .superRefine((input, ctx) => {
        if (input.value === null) return;
        if (JSON.stringify(input.value).length > MAX_PREF_BYTES) {
          ctx.addIssue({
            code: 'custom',
            path: ['value'],
            message: `larger than ${MAX_PREF_BYTES} bytes`,
          });
        }
        if (input.key.startsWith('grid.')) {
          const layout = GridLayoutSchema.safeParse(input.value);
          if (!layout.success) {
            ctx.addIssue({
              code: 'custom',
              path: ['value', ...(layout.error.issues[0]?.path ?? [])],
              message: `not a grid layout: ${layout.error.issues[0]?.message ?? ''}`,
            });
          }
        }
      }),
    output: z.object({ key: z.string(), value: z.json().nullable() }),
  },
} as const satisfies MethodTable;

export const events = {
  /** The officer's saved views changed (another window saved or deleted one): reload queues. */
  'views.changed': z.object({ officerId: Id.nullable() }),
} as const satisfies EventTable;
