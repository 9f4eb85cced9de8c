import type { NetworkMode, SandboxState, SandboxText } from '@shared/contract/api';
import type { Scenario, ScenarioStep } from './scenario';

/**
 * A scenario's checklist, ticked by what happens in the world: the trainee's saved changes and
 * the rules' refusals (seen at the dispatch, whatever was clicked), the session, the network,
 * the outbox and the subject's deadline as the core computes it. Steps are taken in order: the
 * first open step is the one an event can tick, so the summary tells the story as it went.
 */

export type WorldEvent =
  | { readonly type: 'signed_in'; readonly username: string }
  | {
      readonly type: 'action';
      readonly entity: string;
      readonly id: string;
      readonly action: string;
    }
  | {
      readonly type: 'refused';
      readonly entity: string;
      readonly number: string | null;
      readonly action: string;
      readonly code: string;
      readonly message: string;
    }
  | { readonly type: 'deadline'; readonly state: string; readonly late: boolean }
  | { readonly type: 'network'; readonly mode: NetworkMode }
  | { readonly type: 'outbox'; readonly pending: number }
  | { readonly type: 'notices'; readonly count: number };

export interface Subject {
  readonly entity: 'dossier' | 'complaint';
  readonly id: string;
  readonly number: string;
}

type Summary = NonNullable<SandboxState['scenario']>['summary'];

export class Checklist {
  readonly #scenario: Scenario;
  readonly #subject: Subject | null;
  readonly #done: (number | null)[];
  readonly #actions = new Map<string, number>();
  readonly #refusals: Summary['refusals'] = [];
  /** Saves of the open step's action so far. */
  #counted = 0;
  #pendingSeen = false;
  #notices: number | null = null;

  constructor(scenario: Scenario, subject: Subject | null) {
    this.#scenario = scenario;
    this.#subject = subject;
    this.#done = scenario.steps.map(() => null);
  }

  /** The open step: the one the trainee is asked to do now (null once all are done). */
  current(): ScenarioStep | null {
    const index = this.#done.findIndex((d) => d === null);
    return index < 0 ? null : (this.#scenario.steps[index] ?? null);
  }

  /** Tells the checklist what happened at `at`; returns whether a step was ticked. */
  observe(event: WorldEvent, at: number): boolean {
    if (event.type === 'action') {
      const key = `${event.entity}:${event.action}`;
      this.#actions.set(key, (this.#actions.get(key) ?? 0) + 1);
    }
    if (event.type === 'refused') {
      this.#refusals.push({
        at,
        entity: event.entity,
        number: event.number,
        action: event.action,
        code: event.code,
        message: event.message,
      });
    }
    let ticked = false;
    // One event may finish a step and already hold for the next (a state read, a drained outbox).
    for (;;) {
      const index = this.#done.findIndex((d) => d === null);
      const step = this.#scenario.steps[index];
      if (index < 0 || !step || !this.#holds(step, event)) break;
      this.#done[index] = at;
      this.#counted = 0;
      ticked = true;
      if (event.type === 'action' || event.type === 'refused' || event.type === 'network') break;
    }
    if (event.type === 'outbox') this.#pendingSeen ||= event.pending > 0;
    if (event.type === 'notices') this.#notices = event.count;
    return ticked;
  }

  #holds(step: ScenarioStep, event: WorldEvent): boolean {
    switch (step.kind) {
      case 'sign_in':
        return event.type === 'signed_in' && event.username === step.account;
      case 'action': {
        if (event.type !== 'action' || event.entity !== step.entity || event.action !== step.action)
          return false;
        if (step.subject && event.id !== this.#subject?.id) return false;
        this.#counted += 1;
        return this.#counted >= (step.count ?? 1);
      }
      case 'deadline':
        return (
          event.type === 'deadline' && event.state === step.state && (!step.late || event.late)
        );
      case 'refused':
        return event.type === 'refused' && (step.rule === undefined || event.code === step.rule);
      case 'network':
        return event.type === 'network' && event.mode === step.mode;
      case 'outbox_drained':
        return event.type === 'outbox' && event.pending === 0 && this.#pendingSeen;
      case 'notice':
        return event.type === 'notices' && this.#notices !== null && event.count > this.#notices;
    }
  }

  state(fill: (text: SandboxText) => SandboxText): NonNullable<SandboxState['scenario']> {
    const s = this.#scenario;
    return {
      id: s.id,
      title: s.title,
      description: fill(s.description),
      subject: this.#subject,
      steps: s.steps.map((step, i) => ({
        id: step.id,
        title: fill(step.title),
        hint: fill(step.hint),
        done: this.#done[i] !== null,
        doneAt: this.#done[i] ?? null,
      })),
      closing: fill(s.closing),
      summary: {
        finished: this.#done.every((d) => d !== null),
        actions: [...this.#actions].map(([key, count]) => {
          const [entity = '', action = ''] = key.split(':');
          return { entity, action, count };
        }),
        refusals: [...this.#refusals],
      },
    };
  }
}
