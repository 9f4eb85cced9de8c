import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxRefusal } from '../../core/sandbox/control';
import { SCENARIO_DIR } from '../../core/sandbox/scenario';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/runtime';
import { RENDERER_DIR } from '../support/host';

/**
 * The sandbox's controls as a trainer meets them, on a small world (same rules, fewer dossiers):
 * a clock that never goes back before the start, a scenario file that cannot be read refused
 * with nothing changed, the network switched off and on with the outbox filling and draining,
 * a staged conflict coming back as the real notice, the citizen's side on the central API; and
 * the checklist of "working through an outage" ticking itself all the way.
 */
const WORLD = { dossiers: 3_000, complaints: 600 };
const HOUR = 3_600_000;

let dir: string;
let scenarios: string;
let sandbox: Sandbox;

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 20_000) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`waited in vain for ${what}`);
}

async function refusal(work: Promise<unknown>): Promise<SandboxRefusal> {
  try {
    await work;
  } catch (error) {
    if (error instanceof SandboxRefusal) return error;
    throw error;
  }
  throw new Error('the control was not refused');
}

const synced = () => {
  const s = sandbox.core().sync.status();
  return s.state === 'online' && s.progress === null;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-suite-'));
  scenarios = join(dir, 'scenarios');
  mkdirSync(scenarios);
  copyFileSync(
    join(SCENARIO_DIR, 'working-through-an-outage.json'),
    join(scenarios, 'working-through-an-outage.json'),
  );
  // A trainer's file with a step the sandbox does not know.
  const broken = readFileSync(join(SCENARIO_DIR, 'late-dossier.json'), 'utf8')
    .replace('"id": "late-dossier"', '"id": "broken"')
    .replace(
      '"kind": "deadline",\n      "state": "due_soon"',
      '"kind": "wait",\n      "state": "due_soon"',
    );
  writeFileSync(join(scenarios, 'broken.json'), broken);
  sandbox = await startSandbox({
    dataDir: join(dir, 'world'),
    staticDir: RENDERER_DIR,
    scenario: 'working-through-an-outage',
    scenarioDir: scenarios,
    world: WORLD,
    log: () => undefined,
  });
}, 180_000);

afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the trainers’ sandbox', () => {
  it('never moves the clock back before the scenario’s start, nor back at all, and says why', async () => {
    const start = sandbox.control.state().clock.start;
    const before = await refusal(sandbox.control.moveClock({ move: 'to', at: start - HOUR }));
    expect(before.text.vi).toContain('trước lúc bắt đầu kịch bản');
    expect(before.text.en).toContain("before the scenario's start");
    expect(sandbox.control.state().clock.now).toBe(start);
    expect(sandbox.control.state().lastMessage).toEqual(before.text);
    await sandbox.control.moveClock({ move: 'hour' });
    expect(sandbox.control.state().clock.now).toBe(start + HOUR);
    const back = await refusal(sandbox.control.moveClock({ move: 'to', at: start + HOUR / 2 }));
    expect(back.text.en).toContain('only moves forward');
    expect(sandbox.control.state().clock.now).toBe(start + HOUR);
  });

  it('refuses a scenario file it cannot read, naming file, line and field, and changes nothing', async () => {
    await sandbox.control.switchAccount('officer');
    await until(synced, 'the first sync');
    const before = sandbox.control.state();
    const error = await refusal(sandbox.control.reset('broken'));
    expect(error.text.en).toMatch(/broken\.json:\d+: steps\[1\]\.kind: unknown step kind "wait"/);
    const after = sandbox.control.state();
    expect(after.scenario?.id).toBe('working-through-an-outage');
    expect(after.clock.now).toBe(before.clock.now);
    expect(after.scenario?.steps.map((s) => s.done)).toEqual(
      before.scenario?.steps.map((s) => s.done),
    );
    expect(sandbox.core().sync.status().officer?.username).toBe('officer');
    const unknown = await refusal(sandbox.control.reset('no-such-scenario'));
    expect(unknown.text.en).toContain('No scenario "no-such-scenario"');
  });

  it('plays “working through an outage”: the outbox fills offline, drains online, and a staged conflict is the real notice', async () => {
    await sandbox.control.reset();
    await until(synced, 'the sync after the reset');
    const core = sandbox.core();
    // The scenario's start handed its subject to the trainee.
    const subject = sandbox.control.state().scenario?.subject;
    if (!subject) throw new Error('the scenario found no dossier in its world');
    const target = subject.id;
    const step = () => sandbox.control.state().scenario?.steps.find((s) => !s.done)?.id;
    expect(step()).toBe('offline');

    sandbox.control.network('offline');
    expect(step()).toBe('notes');
    for (const text of ['Gọi điện cho công dân', 'Đã hẹn gặp công dân']) {
      expect(await act(target, { type: 'add_note', text, visibility: 'internal' })).toBe(true);
    }
    await until(() => sandbox.core().sync.status().pending === 2, 'two changes waiting');
    expect(step()).toBe('online');

    sandbox.control.network('online');
    await until(() => sandbox.core().sync.status().pending === 0, 'the outbox to drain');
    await until(() => step() === 'conflict', 'the drained step');

    await sandbox.control.conflict(target);
    expect(sandbox.control.state().conflictStaged).toBe(true);
    // The trainee, not yet knowing, asks for fees on the dossier the leader gave to someone else.
    expect(
      await act(target, {
        type: 'request_fees',
        fees: [{ name: 'Lệ phí cấp giấy phép', amount: 75_000 }],
      }),
    ).toBe(true);
    await until(() => sandbox.core().sync.status().notices > 0, 'the notice');
    await until(() => sandbox.control.state().scenario?.summary.finished === true, 'the last tick');
    const notices = await core.dispatch('sync.notices', {});
    expect(notices.ok).toBe(true);
    expect(JSON.stringify(notices.ok ? notices.value : null)).toContain(target);
    expect(sandbox.control.state().conflictStaged).toBe(false);
  });

  it('the citizen’s side reaches the central API', async () => {
    const head = await sandbox.central().store.head();
    await sandbox.control.citizen({ act: 'complaint' });
    expect(await sandbox.central().store.head()).toBeGreaterThan(head);
    expect(sandbox.control.state().lastMessage?.en).toMatch(/A citizen sent complaint PAKN-/);
  });
});

/** Saves an action through the browser host, as the page does (the checklist sees it there). */
async function act(id: string, action: Record<string, unknown>): Promise<boolean> {
  const answer = await fetch(`${sandbox.host.origin}/api/invoke/dossiers.act`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sandbox.host.token}` },
    body: JSON.stringify({ id, action }),
  });
  const body = (await answer.json()) as { ok: boolean };
  return body.ok;
}
