import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario, readScenarios, ScenarioError, SCENARIO_DIR } from './scenario';

/**
 * A trainer writes scenarios as data files: the shipped ones load, and a file with a wrong
 * shape, an unknown step or a missing translation is refused with its file, line and field.
 */
const late = readFileSync(join(SCENARIO_DIR, 'late-dossier.json'), 'utf8');
const FILE = '/trainer/late-dossier.json';

function refusal(source: string, file = FILE): ScenarioError {
  try {
    parseScenario(file, source);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('the scenario was accepted');
}

/** The 1-based line of the first occurrence of `text` in `source`. */
const lineOf = (source: string, text: string) =>
  source.slice(0, source.indexOf(text)).split('\n').length;

describe('scenario files', () => {
  it('the four shipped scenarios load, in both languages', () => {
    const { scenarios, errors } = readScenarios();
    expect(errors).toEqual([]);
    expect(scenarios.map((s) => s.id).sort()).toEqual([
      'complaint-to-publication',
      'day-at-the-desk',
      'late-dossier',
      'working-through-an-outage',
    ]);
    for (const s of scenarios) {
      for (const step of s.steps) expect(step.hint.vi && step.hint.en).toBeTruthy();
    }
  });

  it('an unknown step is refused naming its line and field', () => {
    const source = late.replace(
      '"kind": "deadline",\n      "state": "due_soon"',
      '"kind": "wait",\n      "state": "due_soon"',
    );
    const error = refusal(source);
    expect(error.field).toBe('steps[1].kind');
    expect(error.line).toBe(lineOf(source, '"kind": "wait"'));
    expect(error.message).toContain(
      `${FILE}:${error.line}: steps[1].kind: unknown step kind "wait"`,
    );
  });

  it('a missing translation is refused naming the field that lacks it', () => {
    const source = late.replace(
      '"en": "Sign in as the processing officer" }',
      '"english": "Sign in as the processing officer" }',
    );
    const error = refusal(source);
    expect(error.field).toMatch(/^steps\[0\]\.title/);
    expect(error.line).toBe(lineOf(source, '"english"'));
    const without = late.replace(', "en": "A late dossier"', '');
    const missing = refusal(without);
    expect(missing.field).toBe('title.en');
    expect(missing.message).toContain('missing the English title (en)');
  });

  it('a wrong shape is refused naming the field, an action the machines lack too', () => {
    const shape = late.replace('"dossiers": 20000', '"dossiers": "many"');
    expect(refusal(shape).field).toBe('world.dossiers');
    expect(refusal(shape).line).toBe(lineOf(shape, '"dossiers": "many"'));
    const action = late.replace('"action": "apologize"', '"action": "apologise"');
    const error = refusal(action);
    expect(error.field).toBe('steps[2].action');
    expect(error.message).toContain('unknown dossier action "apologise"');
    const time = late.replace('2026-03-02T08:00:00+07:00', '2 March 2026');
    expect(refusal(time).field).toBe('world.start');
  });

  it('broken JSON is refused at its line; the id must be the file name', () => {
    const source = late.replace(
      '"account": "officer",\n  "subject"',
      '"account": "officer"\n  "subject"',
    );
    const error = refusal(source);
    expect(error.line).toBe(lineOf(source, '"subject"'));
    expect(error.message).toContain("expected ',' or '}'");
    expect(refusal(late, '/trainer/other.json').field).toBe('id');
  });

  describe('a folder with a broken file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    it('loads the others and names the broken one', () => {
      writeFileSync(join(dir, 'late-dossier.json'), late);
      writeFileSync(
        join(dir, 'broken.json'),
        late
          .replace('"id": "late-dossier"', '"id": "broken"')
          .replace('"kind": "sign_in"', '"kind": "sign-in"'),
      );
      const { scenarios, errors } = readScenarios(dir);
      expect(scenarios.map((s) => s.id)).toEqual(['late-dossier']);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.file).toBe(join(dir, 'broken.json'));
      expect(errors[0]?.field).toBe('steps[0].kind');
    });
  });
});
