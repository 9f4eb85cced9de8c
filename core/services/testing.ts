import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '@shared/contract/api';
import type { ApiError } from '@shared/contract/envelope';
import type { Officer } from '@shared/model';
import { createCore, type Core } from '../app';

/**
 * Helpers for tests that drive the core through its dispatch, as the hosts do. Not imported by
 * the app.
 */

export interface TestCore {
  core: Core;
  dir: string;
  /** Opens the same data folder again (a restart), closing the current core. */
  reopen(): Core;
  close(): void;
}

export function createTestCore(now: number, dir?: string): TestCore {
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'wb-core-'));
  const open = () =>
    createCore({
      dataDir: folder,
      host: 'browser',
      clock: () => now,
      startSync: false,
      log: () => undefined,
    });
  const t: TestCore = {
    core: open(),
    dir: folder,
    reopen() {
      t.core.close();
      t.core = open();
      return t.core;
    },
    close() {
      t.core.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return t;
}

/**
 * A signed-in session as the sync engine records it after session.login (the officer and
 * their scope in `meta`), without a central API: the engine then acts as this officer, and
 * its pushes wait offline in the outbox.
 */
export function signInLocally(core: Core, officer: Officer, scopeUnitIds: readonly string[]): void {
  core.sync.cache.setMeta('session.officer', JSON.stringify(officer));
  core.sync.cache.setMeta('session.scope', JSON.stringify(scopeUnitIds));
  core.sync.cache.setMeta('session.clientId', 'test-client');
}

export function signOutLocally(core: Core): void {
  for (const key of ['session.officer', 'session.scope']) core.sync.cache.setMeta(key, null);
}

export class CallFailed extends Error {
  constructor(readonly error: ApiError) {
    super(`${error.code}: ${error.message}`);
  }
}

/** Calls a method through the dispatch; throws CallFailed with the envelope's error. */
export async function call<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const envelope = await core.dispatch(method, input);
  if (!envelope.ok) throw new CallFailed(envelope.error);
  return envelope.value as MethodOutput<M>;
}

/** The failed envelope's error of a call expected to fail. */
export async function failure(core: Core, method: string, input: unknown): Promise<ApiError> {
  const envelope = await core.dispatch(method, input);
  if (envelope.ok) throw new Error(`${method} succeeded`);
  return envelope.error;
}

/** A unit and everything under it (a leader's scope). */
export function subtreeOf(core: Core, unitId: string): string[] {
  const rows = core.db.prepare('SELECT id, parent_id AS parentId FROM units').all() as {
    id: string;
    parentId: string | null;
  }[];
  const out = [unitId];
  for (let i = 0; i < out.length; i++) {
    for (const r of rows) if (r.parentId === out[i] && !out.includes(r.id)) out.push(r.id);
  }
  return out;
}

export function officerById(core: Core, id: string): Officer {
  const row = core.db
    .prepare(
      'SELECT id, username, full_name AS fullName, unit_id AS unitId, roles FROM officers WHERE id = ?',
    )
    .get(id) as (Omit<Officer, 'roles'> & { roles: string }) | undefined;
  if (!row) throw new Error(`no officer ${id}`);
  return { ...row, roles: JSON.parse(row.roles) as Officer['roles'] };
}
