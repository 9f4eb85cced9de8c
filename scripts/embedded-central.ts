import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoAccount } from '@shared/contract/api';
import { DEMO_ACCOUNTS } from '@shared/synthetic';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface EmbeddedCentral {
  url: string;
  demoAccounts: DemoAccount[];
  /** Asks it to stop (it finishes the pushes in flight); `exited` resolves once it has. */
  stop(): void;
  readonly exited: Promise<void>;
}

/** The three demo accounts the sign-in screen offers (password 'demo', like every seeded officer). */
export const EMBEDDED_DEMO_ACCOUNTS: DemoAccount[] = [
  { ...pick(DEMO_ACCOUNTS.desk), role: 'desk_officer' },
  { ...pick(DEMO_ACCOUNTS.officer), role: 'processing_officer' },
  { ...pick(DEMO_ACCOUNTS.leader), role: 'leader' },
];

function pick(account: { username: string; fullName: string }) {
  return { username: account.username, password: 'demo', fullName: account.fullName };
}

/** The embedded central API could not listen on the port asked for: something else holds it. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is in use`);
    this.name = 'PortInUseError';
  }
}

/**
 * The embedded central API of `npm start`: `npm run central` as a child process on an SQLite file
 * in the data folder, seeded with demo data on first start. A child process keeps its seeding and
 * serving off the event loop of the host that routes the workbench's calls.
 */
export function startEmbeddedCentral(options: {
  dataFile: string;
  dossiers: number;
  complaints: number;
  onLine?: (line: string) => void;
  /** A PostgreSQL connection string instead of the SQLite file (the sync benchmark). */
  databaseUrl?: string;
  /** The port to listen on (0: any free one); a port in use rejects with PortInUseError. */
  port?: number;
}): Promise<EmbeddedCentral> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'central', 'main.ts'),
        '--port',
        String(options.port ?? 0),
        '--data',
        options.dataFile,
        '--dossiers',
        String(options.dossiers),
        '--complaints',
        String(options.complaints),
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, CENTRAL_DATABASE_URL: options.databaseUrl ?? '' },
      },
    );
    let settled = false;
    let buffer = '';
    let portInUse = false;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      let cut: number;
      while ((cut = buffer.search(/[\r\n]/)) >= 0) {
        const line = buffer.slice(0, cut).trim();
        buffer = buffer.slice(cut + 1);
        if (line) options.onLine?.(line);
        if (/EADDRINUSE/.test(line)) portInUse = true;
        const match = /listening on (http:\/\/\S+)/.exec(line);
        if (match && !settled) {
          settled = true;
          resolve({
            url: match[1]!,
            demoAccounts: EMBEDDED_DEMO_ACCOUNTS,
            stop: () => child.kill('SIGTERM'),
            exited,
          });
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      if (!settled) {
        settled = true;
        reject(
          portInUse
            ? new PortInUseError(options.port ?? 0)
            : new Error(`the embedded central API stopped before it was ready (exit ${code})`),
        );
      }
    });
    process.once('exit', () => child.kill('SIGTERM'));
  });
}
