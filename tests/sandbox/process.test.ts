import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSandboxLine, type SandboxProcessMessage } from '@shared/contract/sandbox-process';
import { RENDERER_DIR } from '../support/host';

/**
 * The sandbox as the desktop app's Training menu runs it: the built bundle
 * (dist/electron/sandbox.cjs, made by `npm run build` before the suites) in a child process,
 * speaking the lines of shared/contract/sandbox-process.ts. Electron runs it in its own Node
 * through utilityProcess; here plain Node runs the same file, so the bundle (its scenarios beside
 * it, the central API and the core inside it) is checked on machines without Electron.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = join(root, 'dist', 'electron', 'sandbox.cjs');
const WORLD = ['--dossiers', '400', '--complaints', '80'];

interface Run {
  child: ChildProcess;
  messages: SandboxProcessMessage[];
  exited: Promise<number | null>;
  next(type: SandboxProcessMessage['type'], ms?: number): Promise<SandboxProcessMessage>;
}

const dirs: string[] = [];
const runs: Run[] = [];

function run(args: string[]): Run {
  const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-process-'));
  dirs.push(dataDir);
  const child = spawn(
    process.execPath,
    [BUNDLE, '--data-dir', dataDir, '--static-dir', RENDERER_DIR, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const messages: SandboxProcessMessage[] = [];
  let pending = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const message = parseSandboxLine(line);
      if (message) messages.push(message);
    }
  });
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const next = async (type: SandboxProcessMessage['type'], ms = 90_000) => {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      const found = messages.find((m) => m.type === type);
      if (found) return found;
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no "${type}" line; said: ${JSON.stringify(messages)}`);
  };
  const started = { child, messages, exited, next };
  runs.push(started);
  return started;
}

afterAll(async () => {
  for (const r of runs) {
    if (r.child.exitCode === null) r.child.kill('SIGKILL');
    await r.exited;
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the sandbox child process of the Training menu', () => {
  it('is built beside the desktop bundle, with its scenarios', () => {
    expect(existsSync(BUNDLE), 'dist/electron/sandbox.cjs: run `npm run build` first').toBe(true);
    expect(existsSync(join(dirname(BUNDLE), 'scenarios', 'late-dossier.json'))).toBe(true);
  });

  it('builds its world with progress, serves the training workbench, and stops on SIGTERM', async () => {
    const r = run(['--parent-pid', String(process.pid), ...WORLD]);
    const ready = await r.next('ready');
    if (ready.type !== 'ready') throw new Error('not a ready line');
    const progress = r.messages.filter((m) => m.type === 'progress');
    expect(progress.length).toBeGreaterThan(1);
    const last = progress.at(-1)!;
    if (last.type === 'progress') expect(last.done).toBe(last.total);

    // The URL works as any browser (or the Training window) opens it: the token for a cookie.
    const first = await fetch(ready.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    const origin = new URL(ready.url).origin;
    const page = await fetch(`${origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');
    const state = (await (
      await fetch(`${origin}/api/invoke/sandbox.state`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()) as { ok: boolean; value: { active: boolean; scenario: { id: string } | null } };
    expect(state.ok).toBe(true);
    expect(state.value.active).toBe(true);

    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    await expect(fetch(`${origin}/`)).rejects.toThrow();
  }, 120_000);

  it('says why it cannot start, and exits with an error', async () => {
    const r = run(['--scenario', 'no-such-scenario', ...WORLD]);
    const failed = await r.next('failed');
    expect(failed.type === 'failed' && failed.message).toContain('no-such-scenario');
    expect(failed.type === 'failed' && failed.message).toContain('late-dossier');
    expect(await r.exited).toBe(1);
  }, 120_000);

  it('stops by itself once the desktop app that started it is gone', async () => {
    const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], {
      stdio: 'ignore',
    });
    const r = run(['--parent-pid', String(parent.pid), ...WORLD]);
    await r.next('ready');
    parent.kill('SIGKILL');
    expect(await r.exited).toBe(0);
  }, 120_000);
});
