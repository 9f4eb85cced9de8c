import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Checklist } from './checklist';
import { parseScenario, SCENARIO_DIR } from './scenario';

/** The checklist ticks from what happened in the world, in the scenario's order. */
const load = (id: string) =>
  parseScenario(id, readFileSync(join(SCENARIO_DIR, `${id}.json`), 'utf8'));
const same = <T>(t: T) => t;
const ticks = (c: Checklist) => c.state(same).steps.map((s) => s.done);

describe('a scenario checklist', () => {
  const subject = {
    entity: 'dossier' as const,
    id: 'dossier-1',
    number: '000.00.20.H29-260206-0002',
  };

  it('"a late dossier" ticks each step only when it really happens, in order', () => {
    const c = new Checklist(load('late-dossier'), subject);
    // Overdue before anything else ticks nothing: the steps are taken in order.
    c.observe({ type: 'deadline', state: 'overdue', late: true }, 1);
    expect(ticks(c)).toEqual([false, false, false, false]);
    c.observe({ type: 'signed_in', username: 'desk' }, 2);
    expect(ticks(c)).toEqual([false, false, false, false]);
    c.observe({ type: 'signed_in', username: 'officer' }, 3);
    c.observe({ type: 'deadline', state: 'due_soon', late: false }, 4);
    expect(ticks(c)).toEqual([true, true, false, false]);
    // An apology on another dossier is not the step; the refusal is kept for the summary.
    c.observe({ type: 'action', entity: 'dossier', id: 'dossier-2', action: 'apologize' }, 5);
    c.observe(
      {
        type: 'refused',
        entity: 'dossier',
        number: subject.number,
        action: 'apologize',
        code: 'APOLOGY_TOO_LATE',
        message: 'too late',
      },
      6,
    );
    expect(ticks(c)).toEqual([true, true, false, false]);
    c.observe({ type: 'action', entity: 'dossier', id: 'dossier-1', action: 'apologize' }, 7);
    // Overdue but not counted late would not do.
    c.observe({ type: 'deadline', state: 'overdue', late: false }, 8);
    expect(ticks(c)).toEqual([true, true, true, false]);
    c.observe({ type: 'deadline', state: 'overdue', late: true }, 9);
    const state = c.state(same);
    expect(ticks(c)).toEqual([true, true, true, true]);
    expect(state.steps.map((s) => s.doneAt)).toEqual([3, 4, 7, 9]);
    expect(state.summary.finished).toBe(true);
    expect(state.summary.actions).toEqual([{ entity: 'dossier', action: 'apologize', count: 2 }]);
    expect(state.summary.refusals).toEqual([
      {
        at: 6,
        entity: 'dossier',
        number: subject.number,
        action: 'apologize',
        code: 'APOLOGY_TOO_LATE',
        message: 'too late',
      },
    ]);
  });

  it('"working through an outage" counts two notes, the outbox draining and a new notice', () => {
    const c = new Checklist(load('working-through-an-outage'), null);
    c.observe({ type: 'notices', count: 0 }, 0);
    c.observe({ type: 'signed_in', username: 'officer' }, 1);
    c.observe({ type: 'network', mode: 'offline' }, 2);
    c.observe({ type: 'action', entity: 'dossier', id: 'a', action: 'add_note' }, 3);
    c.observe({ type: 'outbox', pending: 1 }, 3);
    expect(c.current()?.id).toBe('notes');
    c.observe({ type: 'action', entity: 'dossier', id: 'b', action: 'add_note' }, 4);
    c.observe({ type: 'outbox', pending: 2 }, 4);
    c.observe({ type: 'network', mode: 'online' }, 5);
    expect(c.current()?.id).toBe('drained');
    c.observe({ type: 'outbox', pending: 1 }, 6);
    c.observe({ type: 'outbox', pending: 0 }, 7);
    expect(c.current()?.id).toBe('conflict');
    c.observe({ type: 'notices', count: 1 }, 8);
    expect(c.state(same).summary.finished).toBe(true);
  });
});
