import { randomUUID } from 'node:crypto';
import type { ActingOfficer } from '@shared/domain';
import { kindOf, type KindRecord } from '@shared/kinds';
import type { Officer } from '@shared/model';
import {
  MutationResultSchema,
  type MutationResult,
  type PushBatch,
  type PushResponse,
  type WireMutation,
} from '@shared/sync/protocol';
import { subtree, type Directory, type DirectorySnapshot } from './directory';
import { historyRow, recordRow, type CentralKind } from './records';
import type { CentralStore, StoredRecord, WriteTx } from './store/store';

/**
 * Applying pushed mutations, exactly once.
 *
 * Each mutation runs in its own write transaction that also reads (and locks) the client's row,
 * advances its `last_seq` and stores the answer in `mutation_results`. So the effect on the
 * record, the history entry, the answer and the client's position commit together or not at all,
 * and two requests of one client decide its mutations one after the other:
 *  - seq ≤ last_seq: decided before (a retry, a duplicated or overlapping batch): the stored
 *    answer is returned verbatim and nothing is written;
 *  - seq = last_seq + 1: decided now, applied or rejected, and the answer stored;
 *  - seq > last_seq + 1: a gap; OUT_OF_ORDER, not stored, and so is every later mutation of the
 *    batch: the client resends from lastSeq + 1.
 * Rejections (scope, conflicts, rule refusals) are decisions too: they advance last_seq, so one
 * refused action never blocks the officer's next ones.
 *
 * The decision itself re-checks everything the client checked, as the authority:
 *  1. the record exists (NOT_FOUND) and is in the officer's scope (FORBIDDEN; nothing of the
 *     record is revealed);
 *  2. the base version (CONFLICT, see `conflicts`);
 *  3. the shared state machine with the officer's roles, their scope as units, the calendar from
 *     the calendar records, and a bounded action time (see `actionTime`);
 *  4. references the machine cannot know: a transfer's unit and an assignee must exist, and an
 *     assignee must belong to the receiving unit's subtree (INVALID_PAYLOAD).
 * The record is read with a row lock (PostgreSQL), and the writes that draw seqs come last, so
 * the writers' lock is held only for them and the commit.
 */

/** How far in the future a client's clock may run before its `at` is replaced by the server's. */
export const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000;

export interface PushOptions {
  readonly store: CentralStore;
  readonly directory: Directory;
  readonly clock: () => number;
  readonly clockSkewMs: number;
}

export interface Actor {
  readonly officer: Officer;
  readonly scope: readonly string[];
}

/** The client id is registered to another officer: a route-level 403. */
export class ClientOwnershipError extends Error {
  constructor(clientId: string) {
    super(`client ${clientId} belongs to another officer; use a client id of your own`);
    this.name = 'ClientOwnershipError';
  }
}

/**
 * The moment an action is recorded at. The client's `at` (when the officer acted, perhaps
 * offline hours ago) is kept when it is plausible: not after the server's now plus the allowed
 * skew, and not before the record's last change (an action cannot precede the state it acted
 * on). A slightly fast clock (within the skew) is pulled back to now. Anything else is replaced
 * by the server's now. The result is never before the record's last change, so the history stays
 * in order even when stored data carries future times.
 */
export function actionTime(at: number, lastChange: number, now: number, skewMs: number): number {
  const plausible = at <= now + skewMs && at >= lastChange;
  const chosen = plausible ? Math.min(at, now) : now;
  return Math.max(chosen, lastChange);
}

function truncate(message: string): string {
  return message.length > 2000 ? `${message.slice(0, 1997)}…` : message;
}

/**
 * A decision, and the writes that carry it out (for an applied mutation). The writes are run
 * last in the transaction, so the writers' lock they take is held for as short as possible.
 */
type Decision = { result: MutationResult; write?: () => Promise<void> };

function rejected(
  m: WireMutation,
  code: Extract<MutationResult, { status: 'rejected' }>['code'],
  message: string,
  current: KindRecord | null,
): Decision {
  return {
    result: {
      status: 'rejected',
      seq: m.seq,
      id: m.id,
      entity: m.target.entity,
      recordId: m.target.id,
      code,
      message: truncate(message),
      // Checked against the protocol's record schemas before it is stored or sent.
      current: current as Extract<MutationResult, { status: 'rejected' }>['current'],
    },
  };
}

/**
 * Whether a mutation made on `baseVersion` conflicts with the record as it is now.
 *  - Same version: no conflict.
 *  - A base newer than the record: the client acted on a state the server never had (its earlier
 *    mutation was refused): conflict.
 *  - Stale base, a note: never a conflict (notes only append to the history).
 *  - Stale base, any other action: a conflict when a contended field (status, unit, holder; the
 *    answer of a complaint) changed after the base by another client. Changes to other fields
 *    (an apology's new appointment, fees paid) do not conflict; the state machine then re-checks
 *    the action on the current record, which refuses what no longer makes sense.
 *    The client's own earlier mutations never conflict with its later ones: an officer working
 *    offline acts several times on the version they last received.
 */
export function conflicts(
  record: Pick<StoredRecord, 'version' | 'contendedVersion' | 'contendedBy'>,
  baseVersion: number,
  actionType: string,
  clientId: string,
): boolean {
  if (baseVersion === record.version) return false;
  if (baseVersion > record.version) return true;
  if (actionType === 'add_note') return false;
  const contendedAt = record.contendedVersion ?? 0;
  return contendedAt > baseVersion && record.contendedBy !== clientId;
}

/** A field of a record by the name its kind lists it under (the compiler checked the name there). */
function fieldOf(record: KindRecord, name: string): unknown {
  return (record as unknown as Readonly<Record<string, unknown>>)[name];
}

async function decide(
  w: WriteTx,
  kind: CentralKind,
  m: WireMutation,
  clientId: string,
  actor: Actor,
  dir: DirectorySnapshot,
  options: PushOptions,
): Promise<Decision> {
  const stored = await w.get(kind.name, m.target.id, true);
  if (!stored) return rejected(m, 'NOT_FOUND', `no ${kind.name} ${m.target.id}`, null);
  if (stored.unitId === null || !actor.scope.includes(stored.unitId)) {
    // Nothing about the record is returned: it is outside what this officer may see.
    return rejected(m, 'FORBIDDEN', `the ${kind.name} is outside your units`, null);
  }
  const current = kind.schema.parse(JSON.parse(stored.data));
  const action = m.target.action;
  if (conflicts(stored, m.baseVersion, action.type, clientId)) {
    return rejected(
      m,
      'CONFLICT',
      `the ${kind.name} changed since version ${m.baseVersion} (now ${stored.version}): review it and act again`,
      current,
    );
  }
  const now = options.clock();
  const at = actionTime(m.at, current.updatedAt, now, options.clockSkewMs);
  const officer: ActingOfficer = {
    id: actor.officer.id,
    roles: actor.officer.roles,
    unitIds: actor.scope,
  };
  const outcome = kind.apply(current, action, { officer, now: at, calendar: dir.calendar });
  if (!outcome.ok) return rejected(m, outcome.code, outcome.message, current);

  const next = outcome.record;
  const problem = checkReferences(dir, current, next);
  if (problem) return rejected(m, 'INVALID_PAYLOAD', problem, current);

  const changed = Object.keys(outcome.changes).length > 0;
  const version = changed ? stored.version + 1 : stored.version;
  const contendedChanged =
    changed &&
    kind.contended.some((field) => !Object.is(fieldOf(current, field), fieldOf(next, field)));
  const record = kind.schema.parse({ ...next, version });
  const moved = record.unitId !== current.unitId;

  const actingUnit = dir.units.get(actor.officer.unitId);
  const entry = kind.historyRecordSchema.parse({
    id: randomUUID(),
    ...outcome.history,
    officerName: actor.officer.fullName,
    unitId: actor.officer.unitId,
    unitName: actingUnit?.name ?? '',
    [kind.ownerKey]: stored.id,
  });
  const history = moved ? await w.owned(kind.historyEntity, stored.id) : [];
  const write = async (): Promise<void> => {
    if (moved) {
      // The old unit's officers drop the record and its history; the new unit's receive them.
      for (const old of history) await w.move(old, record.unitId);
      await w.removeFrom(kind.name, stored.id, current.unitId);
    }
    await w.putMany([
      ...(changed
        ? [
            recordRow(
              kind,
              record,
              contendedChanged
                ? { version, by: clientId }
                : { version: stored.contendedVersion, by: stored.contendedBy },
            ),
          ]
        : []),
      historyRow(kind, record, entry),
    ]);
  };
  return {
    result: {
      status: 'applied',
      seq: m.seq,
      id: m.id,
      entity: kind.name,
      recordId: stored.id,
      version,
    },
    write,
  };
}

/** Unit and officer references in the new state that the state machine cannot check. */
function checkReferences(
  dir: DirectorySnapshot,
  before: KindRecord,
  after: KindRecord,
): string | null {
  if (after.unitId !== before.unitId && !dir.units.has(after.unitId)) {
    return `unitId: there is no unit ${after.unitId}`;
  }
  if (after.assigneeId !== null && after.assigneeId !== before.assigneeId) {
    const assignee = dir.officers.get(after.assigneeId);
    if (!assignee) return `assigneeId: there is no officer ${after.assigneeId}`;
    if (!subtree(dir, after.unitId).includes(assignee.unitId)) {
      return `assigneeId: ${assignee.fullName} does not work in the receiving unit`;
    }
  }
  return null;
}

/**
 * Applies one mutation exactly once; returns its answer and the client's last decided seq.
 * `forget`: the batch's first seq. A client sends a mutation again only until it has the answer,
 * and sends them in order, so the answers before a batch's first mutation have reached it and
 * will never be asked for again: they are deleted in the same transaction (without this the
 * table kept every answer of every client forever). A late duplicate of such an old request gets
 * OUT_OF_ORDER ("no longer kept"), and nothing is applied again.
 */
async function pushOne(
  options: PushOptions,
  clientId: string,
  actor: Actor,
  m: WireMutation,
  dir: DirectorySnapshot,
  forget: number | null,
): Promise<{ result: MutationResult; lastSeq: number; outOfOrder: boolean }> {
  return options.store.write(async (w) => {
    const now = options.clock();
    let client = await w.client(clientId);
    if (!client && m.seq === 1) {
      await w.registerClient(clientId, actor.officer.id, now);
      client = await w.client(clientId);
    }
    if (client && client.officerId !== actor.officer.id) throw new ClientOwnershipError(clientId);
    const lastSeq = client?.lastSeq ?? 0;
    // Not on a gap: a batch that skips seqs is refused and changes nothing.
    if (client && forget !== null && forget <= lastSeq + 1) await w.forgetAnswers(clientId, forget);
    if (m.seq <= lastSeq) {
      const previous = await w.answer(clientId, m.seq);
      if (previous !== undefined) {
        const result = MutationResultSchema.parse(JSON.parse(previous));
        return { result, lastSeq, outOfOrder: false };
      }
      return {
        ...rejected(
          m,
          'OUT_OF_ORDER',
          `seq ${m.seq} was decided long ago; its answer is no longer kept`,
          null,
        ),
        lastSeq,
        outOfOrder: true,
      };
    }
    if (m.seq > lastSeq + 1) {
      return {
        ...rejected(
          m,
          'OUT_OF_ORDER',
          `expected seq ${lastSeq + 1}, got ${m.seq}: resend from ${lastSeq + 1}`,
          null,
        ),
        lastSeq,
        outOfOrder: true,
      };
    }
    const decision = await decide(w, kindOf(m.target.entity), m, clientId, actor, dir, options);
    const checked = MutationResultSchema.parse(decision.result);
    await w.decided(clientId, m.seq, JSON.stringify(checked), options.clock());
    // Last: the writes that draw seqs, under the writers' lock until the commit right after.
    await decision.write?.();
    return { result: checked, lastSeq: m.seq, outOfOrder: false };
  });
}

export async function pushMutations(
  options: PushOptions,
  actor: Actor,
  request: PushBatch,
): Promise<PushResponse> {
  const owner = await options.store.clientState(request.clientId);
  if (owner && owner.officerId !== actor.officer.id) {
    throw new ClientOwnershipError(request.clientId);
  }
  let lastSeq = owner?.lastSeq ?? 0;
  const results: MutationResult[] = [];
  let gap = false;
  for (const m of request.mutations) {
    if (gap) {
      results.push(
        rejected(
          m,
          'OUT_OF_ORDER',
          `an earlier mutation of this batch was out of order: resend from ${lastSeq + 1}`,
          null,
        ).result,
      );
      continue;
    }
    // Read outside the write transaction: on SQLite the transaction holds the only connection.
    const dir = await options.directory.current();
    const first = m === request.mutations[0] ? m.seq : null;
    const outcome = await pushOne(options, request.clientId, actor, m, dir, first);
    results.push(outcome.result);
    lastSeq = outcome.lastSeq;
    gap = outcome.outOfOrder;
  }
  return { results, lastSeq };
}
