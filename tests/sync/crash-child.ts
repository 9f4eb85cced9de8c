/**
 * The client core as its own process, for the crash tests: the parent kills it with SIGKILL at
 * random moments. The session token lives in a file beside the store (as safeStorage's would),
 * so a restarted process resumes the same session.
 *
 *   tsx tests/sync/crash-child.ts <dataDir> <serverUrl> <mode: sync | act> <tag> [loader]
 *
 * With `loader`, the initial sync runs on the loader thread whatever its size.
 *
 * Prints READY when the core is open, ACK <text> after each action the officer would see as
 * done (the local commit), and SETTLED when nothing is left to send (then exits in sync mode).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../core/app';
import type { TokenStore } from '../../core/sync/engine';

const [dataDir, serverUrl, mode, tag, thread] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string | undefined,
];
const tokenFile = join(dataDir, 'token.txt');
const tokens: TokenStore = {
  load: () => (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8') : null),
  save: (token) =>
    token === null ? rmSync(tokenFile, { force: true }) : writeFileSync(tokenFile, token),
};

const core = createCore({
  dataDir,
  host: 'browser',
  tokenStore: tokens,
  log: () => undefined,
  sync: {
    retry: { baseMs: 20, maxMs: 200 },
    pageSize: 200,
    ...(thread === 'loader' ? { workerAbove: 0 } : {}),
  },
});
process.stdout.write('READY\n');

async function main(): Promise<void> {
  if (core.sync.status().state === 'signed_out') {
    const login = await core.dispatch('session.login', {
      serverUrl,
      username: 'leader',
      password: 'demo',
    });
    if (!login.ok) throw new Error(login.error.message);
  }
  if (mode === 'act') {
    // Wait for the cache to hold dossiers, then act as fast as an impatient officer.
    for (let i = 0; i < 2000 && core.sync.cache.isEmpty(); i++)
      await new Promise((r) => setTimeout(r, 10));
    const ids = (
      core.db.prepare('SELECT id FROM dossiers ORDER BY id LIMIT 200').all() as { id: string }[]
    ).map((r) => r.id);
    for (let k = 0; k < 10_000; k++) {
      const text = `${tag}-${k}`;
      const res = await core.dispatch('dossiers.act', {
        id: ids[k % ids.length],
        action: { type: 'add_note', text, visibility: 'internal' },
      });
      if (res.ok) process.stdout.write(`ACK ${text}\n`);
      await new Promise((r) => setTimeout(r, 3));
    }
  }
  for (let i = 0; i < 6000; i++) {
    const s = core.sync.status();
    if (i % 200 === 0)
      process.stderr.write(
        `status ${JSON.stringify({ ...s, officer: undefined })} initialDone=${core.sync.cache.initialDone}\n`,
      );
    if (
      s.state === 'online' &&
      s.pending === 0 &&
      s.progress === null &&
      core.sync.cache.initialDone
    ) {
      process.stdout.write('SETTLED\n');
      core.close();
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`did not settle within a minute: ${JSON.stringify(core.sync.status())}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
