import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { COMPLAINT_ACTIONS } from '@shared/domain/complaint-machine';
import { DOSSIER_ACTIONS } from '@shared/domain/dossier-machine';
import { RULE_CODES } from '@shared/domain/rules';
import { NETWORK_MODES } from '@shared/contract/sandbox';
import { JsonSyntaxError, parseJsonWithLines, type JsonPath } from './json-lines';

/**
 * A scenario is a data file (core/sandbox/scenarios/<id>.json, the README's "Trainers' sandbox"
 * shows one): the world it starts from, the record it is about, and steps, each with a title
 * and a hint in Vietnamese and English and what in the world ticks it. A file with a wrong
 * shape, an unknown step or a missing translation is refused whole, naming the file, the line
 * and the field; nothing of it is used.
 */

const text = (what: string) =>
  z.strictObject(
    {
      vi: z
        .string({ error: `missing the Vietnamese ${what} (vi)` })
        .trim()
        .min(1, { error: `the Vietnamese ${what} (vi) is empty` })
        .max(2_000),
      en: z
        .string({ error: `missing the English ${what} (en)` })
        .trim()
        .min(1, { error: `the English ${what} (en) is empty` })
        .max(2_000),
    },
    { error: `the ${what} must be { "vi": "…", "en": "…" }` },
  );

export const DEMO_ROLES = ['desk', 'officer', 'leader'] as const;
const Account = z.enum(DEMO_ROLES, { error: `an account is one of ${DEMO_ROLES.join(', ')}` });

const DEADLINE_STATES = ['on_track', 'due_soon', 'overdue', 'paused'] as const;

const stepBase = {
  id: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, { error: 'a step id is 1–40 letters a–z, digits and dashes' }),
  title: text('title'),
  hint: text('hint'),
};

/** What ticks a step: each kind is detected from the world, never from a click. */
export const STEP_KINDS = [
  'sign_in',
  'action',
  'deadline',
  'refused',
  'network',
  'outbox_drained',
  'notice',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

const ACTIONS: Record<'dossier' | 'complaint', readonly string[]> = {
  dossier: DOSSIER_ACTIONS,
  complaint: COMPLAINT_ACTIONS,
};

const StepSchemas = {
  /** The trainee signed in with that demo account. */
  sign_in: z.strictObject({ ...stepBase, kind: z.literal('sign_in'), account: Account }),
  /** The trainee's change of that type was saved (on the subject, if `subject`). */
  action: z
    .strictObject({
      ...stepBase,
      kind: z.literal('action'),
      entity: z.enum(['dossier', 'complaint']),
      action: z.string().max(60),
      subject: z.boolean().optional(),
      count: z.number().int().min(1).max(50).optional(),
    })
    .superRefine((step, ctx) => {
      const known = ACTIONS[step.entity];
      if (!known.includes(step.action)) {
        ctx.addIssue({
          code: 'custom',
          path: ['action'],
          message: `unknown ${step.entity} action ${JSON.stringify(step.action)} (known: ${known.join(', ')})`,
        });
      }
    }),
  /** The subject's deadline state reads so (and it counts as late, if `late`). */
  deadline: z.strictObject({
    ...stepBase,
    kind: z.literal('deadline'),
    state: z.enum(DEADLINE_STATES),
    late: z.boolean().optional(),
  }),
  /** The rules refused a change the trainee tried (that rule, if named). */
  refused: z.strictObject({
    ...stepBase,
    kind: z.literal('refused'),
    rule: z.enum(RULE_CODES).optional(),
  }),
  /** The network was switched to that mode. */
  network: z.strictObject({ ...stepBase, kind: z.literal('network'), mode: z.enum(NETWORK_MODES) }),
  /** Changes waited on this computer and have all reached the central API. */
  outbox_drained: z.strictObject({ ...stepBase, kind: z.literal('outbox_drained') }),
  /** The central API answered a change with a notice (a conflict, a refusal) on this computer. */
  notice: z.strictObject({ ...stepBase, kind: z.literal('notice') }),
} satisfies Record<StepKind, z.ZodType>;

export type ScenarioStep = z.infer<(typeof StepSchemas)[StepKind]>;

const StepSchema = z
  .looseObject({
    kind: z.enum(STEP_KINDS, {
      error: (issue) =>
        issue.input === undefined
          ? `a step needs a kind (one of ${STEP_KINDS.join(', ')})`
          : `unknown step kind ${JSON.stringify(issue.input)} (known: ${STEP_KINDS.join(', ')})`,
    }),
  })
  .pipe(z.custom<ScenarioStep>());

const Moment = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?\+07:00$/, {
    error: 'a moment is written like 2026-03-02T08:00:00+07:00 (Vietnam time)',
  })
  .transform((s) => Date.parse(s));

export const ScenarioSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, { error: 'an id is 1–40 letters a–z, digits and dashes' }),
  title: text('title'),
  description: text('description'),
  /** The seeded world: the same seed and start give the same dossiers on every computer. */
  world: z.strictObject({
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31),
    start: Moment,
    dossiers: z.number().int().min(100).max(1_000_000),
    complaints: z.number().int().min(10).max(250_000),
  }),
  /** Who the trainee plays first. */
  account: Account,
  /** The record the scenario is about, chosen in the seeded world by these rules. */
  subject: z
    .strictObject({
      entity: z.enum(['dossier', 'complaint']),
      /** Portal status codes (dossiers) or status names (complaints). */
      status: z.array(z.union([z.number().int().min(1).max(10), z.string().max(40)])).min(1),
      assignee: Account.nullable(),
      /** Working days from the start to the appointment (dossiers). */
      workingDaysLeft: z
        .strictObject({ min: z.number().min(0), max: z.number().min(0) })
        .optional(),
    })
    .nullable(),
  steps: z.array(StepSchema).min(1).max(40),
  /** Said at the end, with what was done and refused. */
  closing: text('closing words'),
});
export type Scenario = z.output<typeof ScenarioSchema>;

export class ScenarioError extends Error {
  readonly file: string;
  readonly line: number;
  readonly field: string;
  constructor(file: string, line: number, field: string, problem: string) {
    super(`${file}:${line}: ${field ? `${field}: ` : ''}${problem}`);
    this.name = 'ScenarioError';
    this.file = file;
    this.line = line;
    this.field = field;
  }
}

function fieldName(path: JsonPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Parses and checks one scenario file's text; throws a ScenarioError naming file, line and field. */
export function parseScenario(file: string, source: string): Scenario {
  let parsed;
  try {
    parsed = parseJsonWithLines(source);
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      throw new ScenarioError(file, error.line, '', error.message);
    throw error;
  }
  const refuse = (issue: z.core.$ZodIssue): never => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    throw new ScenarioError(file, parsed.lineOf(path), fieldName(path), issue.message);
  };
  const shape = ScenarioSchema.safeParse(parsed.value);
  if (!shape.success) refuse(shape.error.issues[0]!);
  const scenario = shape.data!;
  // Each step against its own kind's shape, so a mistake is named in the kind's terms.
  const raw = (parsed.value as { steps: unknown[] }).steps;
  const ids = new Set<string>();
  scenario.steps = raw.map((step, index) => {
    const kind = (step as { kind: StepKind }).kind;
    const checked = StepSchemas[kind].safeParse(step);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      refuse({ ...issue, path: ['steps', index, ...issue.path] });
    }
    const value = checked.data!;
    if (ids.has(value.id)) {
      refuse({
        code: 'custom',
        input: value.id,
        message: `the step id "${value.id}" is used twice`,
        path: ['steps', index, 'id'],
      });
    }
    ids.add(value.id);
    if (
      (value.kind === 'deadline' || (value.kind === 'action' && value.subject)) &&
      !scenario.subject
    ) {
      refuse({
        code: 'custom',
        input: step,
        message: 'this step is about the subject, and the scenario names none',
        path: ['steps', index, 'kind'],
      });
    }
    return value;
  });
  const expected = basename(file).replace(/\.json$/, '');
  if (scenario.id !== expected) {
    refuse({
      code: 'custom',
      input: scenario.id,
      message: `the id must be the file's name ("${expected}")`,
      path: ['id'],
    });
  }
  if (
    scenario.subject?.workingDaysLeft &&
    scenario.subject.workingDaysLeft.min > scenario.subject.workingDaysLeft.max
  ) {
    refuse({
      code: 'custom',
      input: null,
      message: 'min is above max',
      path: ['subject', 'workingDaysLeft', 'min'],
    });
  }
  return scenario;
}

export function readScenarioFile(path: string): Scenario {
  return parseScenario(path, readFileSync(path, 'utf8'));
}

/** The scenarios shipped with the app, beside this module (bundled: beside the bundle, build/build.ts). */
export const SCENARIO_DIR = join(dirname(fileURLToPath(import.meta.url)), 'scenarios');

/** Every scenario of a folder; a broken file is reported and left out, the others load. */
export function readScenarios(dir: string = SCENARIO_DIR): {
  scenarios: Scenario[];
  errors: ScenarioError[];
} {
  const scenarios: Scenario[] = [];
  const errors: ScenarioError[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    try {
      scenarios.push(readScenarioFile(join(dir, name)));
    } catch (error) {
      if (error instanceof ScenarioError) errors.push(error);
      else throw error;
    }
  }
  return { scenarios, errors };
}
