/**
 * What the central API's benches share: the machine's load, CPU per process, the central API
 * as a child process, and the simulated clients' HTTP (node:http on keep-alive connections).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { StorageConfig } from '../../central/store/store';
import type { BenchReport } from './lib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The load average when a section starts: the machine is shared, figures depend on it. */
export function reportLoad(report: BenchReport, section: string): void {
  const [one, five, fifteen] = loadavg();
  report.info(
    section,
    'load average at start (1 min)',
    Number((one ?? 0).toFixed(2)),
    '',
    `1/5/15 min: ${[one, five, fifteen].map((n) => (n ?? 0).toFixed(2)).join(' ')}`,
  );
}

/** CPU seconds a process has used (user + system), from /proc; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** A process and its children (PostgreSQL: the postmaster and its backends). */
export function withChildren(pid: number): number[] {
  const out = [pid];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** CPU used by groups of processes between start() and stop(), as a share of one core. */
export class CpuMeter {
  private readonly groups: Map<string, () => number[]>;
  private readonly before = new Map<string, Map<number, number>>();
  private t0 = 0;
  private self0 = process.cpuUsage();

  constructor(groups: Record<string, () => number[]>) {
    this.groups = new Map(Object.entries(groups));
  }

  start(): void {
    this.t0 = performance.now();
    this.self0 = process.cpuUsage();
    for (const [name, pids] of this.groups) {
      this.before.set(name, new Map(pids().map((pid) => [pid, cpuSeconds(pid)])));
    }
  }

  /** Percent of one core per group, and this process's. */
  stop(): Record<string, number> {
    const seconds = (performance.now() - this.t0) / 1000;
    const out: Record<string, number> = {};
    for (const [name, pids] of this.groups) {
      const before = this.before.get(name) ?? new Map<number, number>();
      let used = 0;
      for (const pid of new Set([...pids(), ...before.keys()])) {
        used += cpuSeconds(pid) - (before.get(pid) ?? 0);
      }
      out[name] = Math.round((100 * used) / seconds);
    }
    const self = process.cpuUsage(this.self0);
    out['bench clients'] = Math.round((100 * (self.user + self.system)) / 1e6 / seconds);
    return out;
  }
}

export async function startChild(
  storage: StorageConfig,
  label = '',
  extra: readonly string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  // CENTRAL_BENCH_PROFILE=DIR writes a CPU profile of the server to DIR.
  const profile = process.env.CENTRAL_BENCH_PROFILE;
  const args = [
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    '--import',
    'tsx',
    join(root, 'central', 'main.ts'),
    '--port',
    '0',
    // The benches seed the database themselves, before any server starts.
    '--seed',
    'none',
    ...extra,
  ];
  if (storage.kind === 'sqlite') args.push('--data', storage.file);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      CENTRAL_DATABASE_URL: storage.kind === 'postgres' ? storage.url : '',
      // A deployment logs JSON lines; the bench keeps only the tail for a failure's message.
      CENTRAL_LOG_LEVEL: process.env.CENTRAL_LOG_LEVEL ?? 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    out = (out + chunk).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`central ${label} did not start:\n${out}`)),
      180_000,
    );
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out = (out + chunk).slice(-4000);
      const match = /central: listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`central ${label} exited (${code}):\n${out}`));
    });
  });
  // Keep draining its output, or the pipe fills and the server blocks on a log line.
  child.stdout?.removeAllListeners('data');
  child.stdout?.resume();
  return { url, child };
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The simulated clients' HTTP: node:http over keep-alive connections. Desktop clients run on
 * machines of their own; here they share the servers' two cores, and fetch() costs about three
 * times the CPU per request (measured on this machine), which the servers would lose.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

export function request(
  url: string,
  method: 'GET' | 'POST',
  token: string | null,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
            });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export const post = (url: string, path: string, token: string | null, body: unknown) =>
  request(`${url}${path}`, 'POST', token, body);

export async function login(url: string, username: string): Promise<string> {
  const reply = await post(url, '/auth/login', null, { username, password: 'demo' });
  if (reply.status !== 200) throw new Error(`login ${username}: ${reply.status}`);
  return (reply.json as { token: string }).token;
}

/** A server-sent event stream; `onEvent` gets each `changed` event's seq. */
export async function listen(
  url: string,
  token: string,
  onEvent: (seq: number, at: number) => void,
): Promise<() => void> {
  const controller = new AbortController();
  const response = await fetch(`${url}/sync/live`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`live: ${response.status}`);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        const at = performance.now();
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data) onEvent(Number((JSON.parse(data) as { seq: string }).seq), at);
        }
      }
    } catch {
      // Aborted at the end.
    }
  })();
  return () => controller.abort();
}
