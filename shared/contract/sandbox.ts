import { z } from 'zod';
import { Id } from '../model/schemas';
import { Empty, type EventTable, type MethodTable } from './table';

/**
 * The trainers' sandbox (`sandbox.*`, issue 15): a training world with its own central API, a
 * clock the presenter moves, the citizen's side, the network, and scenarios whose checklist
 * ticks itself from what the trainee really does. Outside a sandbox `sandbox.state` answers
 * `active: false` and every other method is refused.
 */

/** Text a scenario file gives in both languages. */
export const SandboxTextSchema = z.object({ vi: z.string(), en: z.string() });
export type SandboxText = z.infer<typeof SandboxTextSchema>;

export const NETWORK_MODES = ['online', 'offline', 'flaky'] as const;
export const NetworkModeSchema = z.enum(NETWORK_MODES);
export type NetworkMode = z.infer<typeof NetworkModeSchema>;

export const SandboxStepSchema = z.object({
  id: z.string(),
  title: SandboxTextSchema,
  hint: SandboxTextSchema,
  /** Ticked by what happened in the world (a mutation, the clock, the network), never a click. */
  done: z.boolean(),
  doneAt: z.number().nullable(),
});
export type SandboxStep = z.infer<typeof SandboxStepSchema>;

/** A change the rules refused during the scenario, for the summary. */
export const SandboxRefusalSchema = z.object({
  at: z.number(),
  entity: z.string(),
  number: z.string().nullable(),
  action: z.string(),
  /** The rule's code (RULE_CODES) or the error's code. */
  code: z.string(),
  message: z.string(),
});

export const SandboxStateSchema = z.object({
  active: z.boolean(),
  scenarios: z.array(
    z.object({ id: z.string(), title: SandboxTextSchema, description: SandboxTextSchema }),
  ),
  scenario: z
    .object({
      id: z.string(),
      title: SandboxTextSchema,
      description: SandboxTextSchema,
      /** The record the scenario is about, if it names one. */
      subject: z
        .object({ entity: z.enum(['dossier', 'complaint']), id: Id, number: z.string() })
        .nullable(),
      steps: z.array(SandboxStepSchema),
      /** The scenario's closing words, shown with the summary. */
      closing: SandboxTextSchema,
      /** What was done (each action once with its count) and what was refused, and why. */
      summary: z.object({
        finished: z.boolean(),
        actions: z.array(z.object({ entity: z.string(), action: z.string(), count: z.number() })),
        refusals: z.array(SandboxRefusalSchema),
      }),
    })
    .nullable(),
  clock: z.object({ now: z.number(), start: z.number() }),
  network: NetworkModeSchema,
  /** A leader's reassignment is staged: the trainee's next save meets it. */
  conflictStaged: z.boolean(),
  simulatePerMinute: z.number(),
  /** The demo accounts, one per role, that the one-click switch signs in. */
  accounts: z.array(z.object({ username: z.string(), fullName: z.string(), role: z.string() })),
  /** What the presenter's last control did, in words for the bar (null before any). */
  lastMessage: SandboxTextSchema.nullable(),
});
export type SandboxState = z.infer<typeof SandboxStateSchema>;

export const ClockMoveSchema = z.discriminatedUnion('move', [
  z.strictObject({ move: z.literal('hour') }),
  z.strictObject({ move: z.literal('working_day') }),
  /** To the dossier's next deadline moment: when it becomes due soon, then just past its appointment. */
  z.strictObject({ move: z.literal('next_deadline'), dossierId: Id }),
  z.strictObject({ move: z.literal('to'), at: z.number().int().nonnegative() }),
]);
export type ClockMove = z.infer<typeof ClockMoveSchema>;

export const CITIZEN_ACTS = ['supply_documents', 'pay_fees', 'withdraw', 'complaint'] as const;
export const CitizenActSchema = z.strictObject({
  act: z.enum(CITIZEN_ACTS),
  /** The dossier the citizen acts on (not for a new complaint). */
  dossierId: Id.optional(),
});
export type CitizenAct = z.infer<typeof CitizenActSchema>;

export const methods = {
  'sandbox.state': { input: Empty, output: SandboxStateSchema },
  /** Back to the scenario's start (another scenario's, if named): the local store, the central API, the clock. */
  'sandbox.reset': {
    input: z.strictObject({ scenario: z.string().max(80).optional() }),
    output: SandboxStateSchema,
  },
  /** Moves the training world's clock forward; never backwards, never before the start. */
  'sandbox.clock': { input: ClockMoveSchema, output: SandboxStateSchema },
  /** The citizen's side, done on the central API as the portal or the desk records it. */
  'sandbox.citizen': { input: CitizenActSchema, output: SandboxStateSchema },
  /** New filings a minute through the central API's simulator (0 stops it). */
  'sandbox.simulate': {
    input: z.strictObject({ perMinute: z.number().int().min(0).max(600) }),
    output: SandboxStateSchema,
  },
  'sandbox.network': {
    input: z.strictObject({ mode: NetworkModeSchema }),
    output: SandboxStateSchema,
  },
  /** "A leader reassigns the dossier you are editing": the trainee's next save meets the real notice. */
  'sandbox.conflict': {
    input: z.strictObject({ dossierId: Id }),
    output: SandboxStateSchema,
  },
  /** Signs in as another demo account (the one-click switch between roles). */
  'sandbox.switchAccount': {
    input: z.strictObject({ username: z.string().min(1).max(64) }),
    output: SandboxStateSchema,
  },
} as const satisfies MethodTable;

export const events = {
  'sandbox.changed': SandboxStateSchema,
} as const satisfies EventTable;
