/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 for the central API's suites and benchmarks.
 *
 * Debian's `postgresql` package puts the server binaries in /usr/lib/postgresql/<major>/bin and
 * not on PATH. PostgreSQL refuses to run as root, so when we are root the cluster is created and
 * run as the `postgres` OS user, in a fresh temporary directory it owns (data directory and the
 * unix socket both live there, so nothing touches the system cluster). fsync is off: the cluster
 * dies with the test run, and durability would only slow the suites down.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface TestPostgres {
  /** postgres://… of a fresh, empty database. */
  readonly url: string;
  /** Creates another empty database in the same cluster and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** The postmaster's process id (its backends are its children), or null once stopped. */
  pid(): number | null;
  stop(): Promise<void>;
}

const PG_ROOT = '/usr/lib/postgresql';
const OS_USER = 'postgres';
const READY_TIMEOUT_MS = 30_000;

/** The newest installed server's bin directory, or null when PostgreSQL is not installed. */
export function findPostgresBin(): string | null {
  if (!existsSync(PG_ROOT)) return null;
  const majors = readdirSync(PG_ROOT)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(PG_ROOT, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  const major = majors[0];
  return major === undefined ? null : join(PG_ROOT, major, 'bin');
}

/**
 * Why the PostgreSQL suites cannot run here, or null when they can. Suites print this once and
 * skip, so that a machine without PostgreSQL still runs the SQLite half.
 */
export function postgresSkipReason(): string | null {
  if (process.env.CENTRAL_SKIP_POSTGRES === '1') return 'CENTRAL_SKIP_POSTGRES=1';
  if (findPostgresBin() === null) {
    return `PostgreSQL is not installed (no ${PG_ROOT}/*/bin/initdb; Debian: apt-get install -y postgresql)`;
  }
  if (isRoot() && spawnSync('id', ['-u', OS_USER]).status !== 0) {
    return `running as root but there is no "${OS_USER}" OS user to run the server as`;
  }
  return null;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** Runs a server binary, as the postgres user when we are root. */
function command(bin: string, args: string[]): { file: string; args: string[] } {
  return isRoot()
    ? { file: 'runuser', args: ['-u', OS_USER, '--', bin, ...args] }
    : { file: bin, args };
}

function run(bin: string, args: string[]): void {
  const c = command(bin, args);
  const result = spawnSync(c.file, c.args, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) {
    throw new Error(
      `${bin} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`,
    );
  }
}

function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export interface PostgresOptions {
  /** Server settings added to (or overriding) the defaults below, e.g. for a bulk-load bench. */
  readonly settings?: Readonly<Record<string, string>>;
}

export async function startPostgres(options: PostgresOptions = {}): Promise<TestPostgres> {
  const skip = postgresSkipReason();
  if (skip !== null) throw new Error(`cannot start PostgreSQL: ${skip}`);
  const bin = findPostgresBin() as string;
  const dir = mkdtempSync(join(tmpdir(), 'central-pg-'));
  const dataDir = join(dir, 'data');
  const socketDir = dir;
  if (isRoot()) {
    const uid = Number(spawnSync('id', ['-u', OS_USER], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', OS_USER], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const superuser = isRoot() ? OS_USER : userInfo().username;
  let child: ChildProcess | null = null;
  let stderr = '';

  const stop = async (): Promise<void> => {
    const proc = child;
    child = null;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      // The child may be runuser, which does not pass signals on: signal the postmaster itself
      // (its pid is the first line of postmaster.pid). SIGQUIT is an immediate shutdown; the
      // cluster is thrown away anyway.
      const postmaster = postmasterPid(dataDir);
      if (postmaster !== null) {
        try {
          process.kill(postmaster, 'SIGQUIT');
        } catch {
          // Already gone.
        }
      } else {
        proc.kill('SIGQUIT');
      }
      const timer = setTimeout(() => {
        if (postmaster !== null) {
          try {
            process.kill(postmaster, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
        proc.kill('SIGKILL');
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    run(join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      superuser,
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-instructions',
    ]);
    const port = await freePort();
    const c = command(join(bin, 'postgres'), [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-k',
      socketDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=256MB',
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => [
        '-c',
        `${name}=${value}`,
      ]),
    ]);
    const proc = spawn(c.file, c.args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (chunk: string) => {
      // Keep the tail only: enough to explain a failed start.
      stderr = (stderr + chunk).slice(-4000);
    });
    const base = `postgres://${superuser}@127.0.0.1:${port}`;
    const psql = join(bin, 'psql');
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`postgres exited at start: ${stderr}`);
      const probe = command(psql, [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        superuser,
        '-d',
        'postgres',
        '-Atc',
        'select 1',
      ]);
      const result = spawnSync(probe.file, probe.args, { encoding: 'utf8', timeout: 5_000 });
      if (result.status === 0 && result.stdout.trim() === '1') break;
      if (Date.now() > deadline) {
        throw new Error(
          `postgres did not accept connections within ${READY_TIMEOUT_MS} ms: ${stderr}`,
        );
      }
      await sleep(100);
    }
    const createDatabase = (name: string): Promise<string> => {
      if (!/^[a-z][a-z0-9_]{0,40}$/.test(name)) throw new Error(`bad database name: ${name}`);
      run(psql, [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        superuser,
        '-d',
        'postgres',
        '-qc',
        `create database ${name}`,
      ]);
      return Promise.resolve(`${base}/${name}`);
    };
    const url = await createDatabase('central');
    return { url, createDatabase, pid: () => (child ? postmasterPid(dataDir) : null), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
