/**
 * The trainers' sandbox as a child process of the desktop app: its Training menu starts this
 * (bundled to dist/electron/sandbox.cjs, run in Electron's own Node by `utilityProcess`), reads
 * the lines of shared/contract/sandbox-process.ts from its standard output and opens a window on
 * the URL it says. The desktop shell may not load the central API into its own process (the
 * layers forbid it, and a training world must never share a process with real data), so the
 * whole training world lives here, on its own folder, exactly as `npm start -- --sandbox` runs it.
 *
 *   sandbox.cjs --data-dir DIR --static-dir DIR [--scenario NAME] [--native-binding FILE]
 *               [--parent-pid PID] [--dossiers N --complaints N]
 *
 * It stops on SIGTERM or SIGINT, and by itself once the parent process is gone.
 */
import { parseArgs } from 'node:util';
import { formatSandboxLine, type SandboxProcessMessage } from '@shared/contract/sandbox-process';
import { startSandbox, type Sandbox } from './runtime';

const PARENT_CHECK_MS = 2_000;

function say(message: SandboxProcessMessage): void {
  process.stdout.write(formatSandboxLine(message));
}

function count(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,7}$/.test(value)) throw new Error(`${flag} must be a whole number, got "${value}"`);
  return Number(value);
}

function parentAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; only ESRCH means it is gone.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'static-dir': { type: 'string' },
      scenario: { type: 'string' },
      'native-binding': { type: 'string' },
      'parent-pid': { type: 'string' },
      dossiers: { type: 'string' },
      complaints: { type: 'string' },
    },
  });
  const dataDir = values['data-dir'];
  const staticDir = values['static-dir'];
  if (!dataDir || !staticDir) throw new Error('--data-dir and --static-dir are required');
  const dossiers = count(values.dossiers, '--dossiers');
  const complaints = count(values.complaints, '--complaints');
  const parentPid = count(values['parent-pid'], '--parent-pid');

  let sandbox: Sandbox | null = null;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void (sandbox?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  if (parentPid !== undefined) {
    setInterval(() => {
      if (!parentAlive(parentPid)) stop();
    }, PARENT_CHECK_MS).unref();
  }

  let lastPercent = -1;
  sandbox = await startSandbox({
    dataDir,
    staticDir,
    ...(values.scenario ? { scenario: values.scenario } : {}),
    ...(values['native-binding'] ? { nativeBinding: values['native-binding'] } : {}),
    ...(dossiers !== undefined || complaints !== undefined
      ? {
          world: {
            ...(dossiers !== undefined ? { dossiers } : {}),
            ...(complaints !== undefined ? { complaints } : {}),
          },
        }
      : {}),
    // A line per whole percent is enough for a progress bar, and keeps the pipe quiet.
    onSeedProgress: (done, total) => {
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
      say({ type: 'progress', done, total });
    },
    log: (message) => console.error(message),
  });
  if (stopping) {
    await sandbox.close();
    return;
  }
  say({ type: 'ready', url: sandbox.host.url });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  say({ type: 'failed', message: message.slice(0, 2000) });
  process.exit(1);
});
