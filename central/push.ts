import { randomUUID } from 'node:crypto';
import { handlingPolicy, signOffPolicy, type ActingOfficer } from '@shared/domain';
import { KINDS, kindOf, type KindRecord } from '@shared/kinds';
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
import { isUnavailableError, StoreUnavailableError } from './store/errors';
import {
  answerKey,
  recordKey,
  type CentralStore,
  type PlanItem,
  type PushPlan,
  type PushRead,
  type PushRecord,
  type PushState,
  type RecordWrite,
  type StoredRecord,
} from './store/store';

/**
 * Applying pushed mutations, exactly once, decided in groups.
 *
 * Every push request joins a queue; one loop per instance takes whatever is queued (every
 * request that arrived while the previous group was being committed) and decides it as one
 * group: it reads everything the group needs at once (clients' positions, the records acted on,
 * the answers asked for again), decides each request's mutations in arrival order against that
 * state as it evolves in memory, and commits all the decisions in one transaction
 * (CentralStore.commitPush: one statement on PostgreSQL). Each mutation is still decided once,
 * against the state its predecessors left, exactly as if the requests had been decided one
 * after another; only the transactions are shared. The effect on the records, the history
 * entries, the answers and the clients' positions of the whole group commit together or not at
 * all. Per client:
 *  - seq ≤ last_seq: decided before (a retry, a duplicated or overlapping batch): the stored
 *    answer is returned verbatim and nothing is written;
 *  - seq = last_seq + 1: decided now, applied or rejected, and the answer stored;
 *  - seq > last_seq + 1: a gap; OUT_OF_ORDER, not stored, and so is every later mutation of the
 *    batch: the client resends from lastSeq + 1.
 * Rejections (scope, conflicts, rule refusals) are decisions too: they advance last_seq, so one
 * refused action never blocks the officer's next ones.
 *
 * Several instances share one database: the state is read without locks, and the commit checks
 * that nothing the decisions relied on (a client's position, a record's seq, a moving record's
 * history) changed meanwhile. If something did (another instance committed first), nothing is
 * written and the group is decided again on fresh state. If the database cannot be reached, the
 * group is retried a few times and then its requests get 503; a commit whose answer was lost
 * is found committed by the retry (the client's position moved), so nothing is decided twice.
 *
 * The decision itself re-checks everything the client checked, as the authority:
 *  1. the record exists and is in the officer's scope (NOT_FOUND either way: a record of
 *     another unit is answered as one that does not exist, and nothing of it is revealed);
 *  2. the base version (CONFLICT, see `conflicts`);
 *  3. the shared state machine of the record's kind with the officer's roles, their scope as
 *     units, the calendar from the calendar records, and a bounded action time (`actionTime`);
 *  4. references the machine cannot know: a transfer's unit and an assignee must exist, and an
 *     assignee must belong to the receiving unit's subtree (INVALID_PAYLOAD).
 */

/** How far in the future a client's clock may run before its `at` is replaced by the server's. */
export const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000;

/** Mutations decided in one group at most (a group is one transaction). */
const MAX_GROUP_MUTATIONS = 2000;
/** A group found stale (another instance committed first) is decided again this often at most. */
const MAX_STALE_ROUNDS = 20;
/** Waits before retrying a group the database could not take. */
const UNAVAILABLE_BACKOFF_MS = [50, 200, 600, 1500];

/** What push reports, for metrics. */
export interface PushObserver {
  decided?(outcome: string, count: number): void;
  group?(mutations: number, requests: number, commitMs: number, stale: number): void;
}

export interface PushOptions {
  readonly store: CentralStore;
  readonly directory: Directory;
  readonly clock: () => number;
  readonly clockSkewMs: number;
  readonly observer?: PushObserver;
  readonly log?: (line: string) => void;
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

/** Pushes are not taken now (shutting down, the database unreachable, too busy): a 503. */
export class PushUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PushUnavailableError';
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

type Rejection = Extract<MutationResult, { status: 'rejected' }>;

function rejected(
  m: WireMutation,
  code: Rejection['code'],
  message: string,
  current: KindRecord | null,
): MutationResult {
  return {
    status: 'rejected',
    seq: m.seq,
    id: m.id,
    entity: m.target.entity,
    recordId: m.target.id,
    code,
    message: truncate(message),
    // Checked against the protocol's record schemas before it is stored or sent.
    current: current as Rejection['current'],
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

/** A client as the group sees it: as read, then as its decisions move it. */
interface WorkingClient {
  readonly officerId: string;
  /** Its last_seq as read (null: not registered before this group). */
  readonly expected: number | null;
  lastSeq: number;
  touched: boolean;
}

/** A record as the group sees it: as read, then as its decisions change it. */
interface WorkingRecord {
  readonly kind: CentralKind;
  /** Its seq as read: what the commit checks. */
  readonly readSeq: number;
  readonly id: string;
  unitId: string | null;
  version: number;
  contendedVersion: number | null;
  contendedBy: string | null;
  current: KindRecord;
}

/** A history entry's row as the group will write it (restamped when its owner moves). */
type OwnedRow = { -readonly [K in keyof RecordWrite]: RecordWrite[K] };

type RequestOutcome = { response: PushResponse } | { error: Error };

/**
 * The decisions of one group: the state read, changed in memory decision after decision, and
 * the plan that commits them. Discarded whole when the commit finds the group stale.
 */
class GroupDecisions {
  private readonly clients = new Map<string, WorkingClient>();
  /** Answers each client may be given again, by client then seq: read, then decided here. */
  private readonly answers = new Map<string, Map<number, unknown>>();
  private readonly records = new Map<string, WorkingRecord | null>();
  private readonly relied = new Map<string, { entity: string; id: string; seq: number | null }>();
  private readonly items = new Map<string, PlanItem>();
  /** History rows of owners touched in this group (DB rows once loaded, and new entries). */
  private readonly owned = new Map<string, Map<string, OwnedRow>>();
  private readonly loaded = new Set<string>();
  private readonly histories: PushPlan['histories'][number][] = [];
  /** Records' last audit link, as read (`after`) and as this group's entries extend it. */
  private readonly chains = new Map<
    string,
    { entity: string; ownerId: string; after: number | null; hash: Buffer | null }
  >();
  private readonly forgets = new Map<string, number>();
  /** Answers decided in this group, by client then seq, as the JSON text to keep. */
  private readonly newAnswers = new Map<string, Map<number, string>>();
  readonly outcomes = new Map<string, number>();

  constructor(
    private readonly state: PushState,
    read: PushRead,
    private readonly options: PushOptions,
    private readonly dir: DirectorySnapshot,
    private readonly now: number,
  ) {
    for (const [id, c] of state.clients) {
      this.clients.set(id, {
        officerId: c.officerId,
        expected: c.lastSeq,
        lastSeq: c.lastSeq,
        touched: false,
      });
    }
    for (const { clientId, seq } of read.answers) {
      const value = state.answers.get(answerKey(clientId, seq));
      if (value !== undefined) this.answersOf(clientId).set(seq, value);
    }
  }

  private count(outcome: string): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }

  async request(actor: Actor, batch: PushBatch): Promise<RequestOutcome> {
    const id = batch.clientId;
    let client = this.clients.get(id);
    if (client && client.officerId !== actor.officer.id) {
      return { error: new ClientOwnershipError(id) };
    }
    let lastSeq = client?.lastSeq ?? 0;
    const results: MutationResult[] = [];
    let gap = false;
    for (const [i, m] of batch.mutations.entries()) {
      if (gap) {
        results.push(
          rejected(
            m,
            'OUT_OF_ORDER',
            `an earlier mutation of this batch was out of order: resend from ${lastSeq + 1}`,
            null,
          ),
        );
        this.count('out_of_order');
        continue;
      }
      if (!client && m.seq === 1) {
        client = { officerId: actor.officer.id, expected: null, lastSeq: 0, touched: true };
        this.clients.set(id, client);
      }
      const last = client?.lastSeq ?? 0;
      lastSeq = last;
      // A client sends a mutation again only until it has the answer, and sends them in order:
      // the answers before a batch's first mutation have reached it and are let go. Not on a
      // gap: a batch that skips seqs is refused and changes nothing.
      if (i === 0 && client && m.seq <= last + 1) this.forget(id, m.seq);
      if (m.seq <= last) {
        const previous = this.answers.get(id)?.get(m.seq);
        if (previous !== undefined) {
          results.push(MutationResultSchema.parse(previous));
          this.count('replayed');
          continue;
        }
        results.push(
          rejected(
            m,
            'OUT_OF_ORDER',
            `seq ${m.seq} was decided long ago; its answer is no longer kept`,
            null,
          ),
        );
        this.count('out_of_order');
        gap = true;
        continue;
      }
      if (!client || m.seq > last + 1) {
        results.push(
          rejected(
            m,
            'OUT_OF_ORDER',
            `expected seq ${last + 1}, got ${m.seq}: resend from ${last + 1}`,
            null,
          ),
        );
        this.count('out_of_order');
        gap = true;
        continue;
      }
      const result = MutationResultSchema.parse(await this.decide(m, id, actor));
      this.count(result.status === 'applied' ? 'applied' : `rejected:${result.code}`);
      const text = JSON.stringify(result);
      this.answersOf(id).set(m.seq, result);
      let decided = this.newAnswers.get(id);
      if (!decided) this.newAnswers.set(id, (decided = new Map<number, string>()));
      decided.set(m.seq, text);
      client.lastSeq = m.seq;
      client.touched = true;
      lastSeq = m.seq;
      results.push(result);
    }
    return { response: { results, lastSeq } };
  }

  private answersOf(clientId: string): Map<number, unknown> {
    let answers = this.answers.get(clientId);
    if (!answers) this.answers.set(clientId, (answers = new Map<number, unknown>()));
    return answers;
  }

  private forget(clientId: string, below: number): void {
    this.forgets.set(clientId, Math.max(this.forgets.get(clientId) ?? 0, below));
    for (const answers of [this.answers.get(clientId), this.newAnswers.get(clientId)]) {
      if (!answers) continue;
      for (const seq of answers.keys()) if (seq < below) answers.delete(seq);
    }
  }

  private record(kind: CentralKind, id: string): WorkingRecord | null {
    const key = recordKey(kind.name, id);
    let working = this.records.get(key);
    if (working !== undefined) return working;
    const read: PushRecord | undefined = this.state.records.get(key);
    this.relied.set(key, { entity: kind.name, id, seq: read?.seq ?? null });
    working = read
      ? {
          kind,
          readSeq: read.seq,
          id: read.id,
          unitId: read.unitId,
          version: read.version,
          contendedVersion: read.contendedVersion,
          contendedBy: read.contendedBy,
          current: kind.schema.parse(read.value),
        }
      : null;
    this.records.set(key, working);
    return working;
  }

  /** The owner's chain as this group sees it: its last entry's hash, null before the first. */
  private chain(kind: CentralKind, ownerId: string) {
    const key = recordKey(kind.historyEntity, ownerId);
    let link = this.chains.get(key);
    if (!link) {
      const head = this.state.chainHeads.get(key);
      link = {
        entity: kind.historyEntity,
        ownerId,
        after: head?.position ?? null,
        hash: head?.hash ?? null,
      };
      this.chains.set(key, link);
    }
    return link;
  }

  /** Adds a change that takes a seq, after every other; a later change of the same row wins. */
  private item(key: string, item: PlanItem): void {
    this.items.delete(key);
    this.items.set(key, item);
  }

  private row(row: RecordWrite): void {
    this.item(`r\u0000${row.entity}\u0000${row.id}`, { kind: 'row', row });
  }

  private removal(entity: string, id: string, unitId: string): void {
    this.item(`d\u0000${entity}\u0000${id}\u0000${unitId}`, {
      kind: 'removal',
      entity,
      id,
      unitId,
    });
  }

  private ownedBy(kind: CentralKind, ownerId: string): Map<string, OwnedRow> {
    const key = recordKey(kind.name, ownerId);
    let rows = this.owned.get(key);
    if (!rows) {
      rows = new Map();
      this.owned.set(key, rows);
    }
    return rows;
  }

  /** The owner's history as stored, once per group; the commit checks it did not grow since. */
  private async loadOwned(kind: CentralKind, ownerId: string): Promise<Map<string, OwnedRow>> {
    const rows = this.ownedBy(kind, ownerId);
    const key = recordKey(kind.name, ownerId);
    if (this.loaded.has(key)) return rows;
    this.loaded.add(key);
    const stored = await this.options.store.ownedRecords(kind.historyEntity, ownerId);
    let maxSeq: number | null = null;
    for (const r of stored) {
      maxSeq = Math.max(maxSeq ?? 0, r.seq);
      if (!rows.has(r.id)) rows.set(r.id, { ...r });
    }
    this.histories.push({
      entity: kind.historyEntity,
      ownerId,
      count: stored.length,
      maxSeq,
    });
    return rows;
  }

  private async decide(m: WireMutation, clientId: string, actor: Actor): Promise<MutationResult> {
    const kind: CentralKind = kindOf(m.target.entity);
    const stored = this.record(kind, m.target.id);
    // A record of another unit and a record that does not exist get the same answer, so that
    // ids (sequential) cannot be probed for what exists elsewhere; nothing of it is returned.
    if (!stored || stored.unitId === null || !actor.scope.includes(stored.unitId)) {
      return rejected(m, 'NOT_FOUND', `no ${kind.name} ${m.target.id} in your units`, null);
    }
    const current = stored.current;
    const action = m.target.action;
    if (conflicts(stored, m.baseVersion, action.type, clientId)) {
      return rejected(
        m,
        'CONFLICT',
        `the ${kind.name} changed since version ${m.baseVersion} (now ${stored.version}): review it and act again`,
        current,
      );
    }
    const at = actionTime(m.at, current.updatedAt, this.now, this.options.clockSkewMs);
    const officer: ActingOfficer = {
      id: actor.officer.id,
      roles: actor.officer.roles,
      unitIds: actor.scope,
    };
    const outcome = kind.apply(current, action, {
      officer,
      now: at,
      calendar: this.dir.calendar,
      // The units' own setting (UnitSchema.signOff): the central API enforces the sign-off step.
      signOff: signOffPolicy((unitId) => this.dir.units.get(unitId)),
      // The catalogue's handling units: a transfer goes only to a unit that handles the procedure.
      handling: handlingPolicy((code) => this.dir.procedures.get(code)),
    });
    if (!outcome.ok) return rejected(m, outcome.code, outcome.message, current);

    const next = outcome.record;
    const problem = checkReferences(this.dir, current, next);
    if (problem) return rejected(m, 'INVALID_PAYLOAD', problem, current);

    const changed = Object.keys(outcome.changes).length > 0;
    const version = changed ? stored.version + 1 : stored.version;
    const contendedChanged =
      changed &&
      kind.contended.some((field) => !Object.is(fieldOf(current, field), fieldOf(next, field)));
    const record = kind.schema.parse({ ...next, version });
    const moved = record.unitId !== current.unitId;

    const actingUnit = this.dir.units.get(actor.officer.unitId);
    const entry = kind.historyRecordSchema.parse({
      id: randomUUID(),
      ...outcome.history,
      officerName: actor.officer.fullName,
      unitId: actor.officer.unitId,
      unitName: actingUnit?.name ?? '',
      [kind.ownerKey]: stored.id,
    });
    if (moved) {
      // The old unit's officers drop the record and its history; the new unit's receive them.
      const history = await this.loadOwned(kind, stored.id);
      for (const h of history.values()) {
        if (h.unitId === record.unitId) continue;
        if (h.unitId !== null) this.removal(h.entity, h.id, h.unitId);
        h.unitId = record.unitId;
        this.row({ ...h });
      }
      this.removal(kind.name, stored.id, current.unitId);
    }
    if (changed) {
      if (contendedChanged) {
        stored.contendedVersion = version;
        stored.contendedBy = clientId;
      }
      this.row(
        recordRow(kind, record, { version: stored.contendedVersion, by: stored.contendedBy }),
      );
    }
    const link = this.chain(kind, stored.id);
    const entryRow = historyRow(kind, record, entry, link.hash);
    link.hash = entryRow.entryHash;
    this.ownedBy(kind, stored.id).set(entry.id, { ...entryRow });
    this.row(entryRow);
    stored.version = version;
    stored.unitId = record.unitId;
    stored.current = record;
    return {
      status: 'applied',
      seq: m.seq,
      id: m.id,
      entity: kind.name,
      recordId: stored.id,
      version,
    };
  }

  /** What the group commits; null when it has nothing to write (replays and refusals of gaps). */
  plan(): PushPlan | null {
    const clients = [...this.clients.entries()]
      .filter(([, c]) => c.touched)
      .map(([clientId, c]) => ({
        clientId,
        officerId: c.officerId,
        expected: c.expected,
        lastSeq: c.lastSeq,
        at: this.now,
      }));
    const forget = [...this.forgets.entries()]
      .filter(([clientId]) => this.state.clients.has(clientId))
      .map(([clientId, below]) => ({ clientId, below }));
    if (clients.length === 0 && forget.length === 0 && this.items.size === 0) return null;
    return {
      clients,
      records: [...this.relied.values()],
      histories: this.histories,
      chains: [...this.chains.values()].map(({ entity, ownerId, after }) => ({
        entity,
        ownerId,
        after,
      })),
      forget,
      answers: [...this.newAnswers].flatMap(([clientId, decided]) =>
        [...decided].map(([seq, result]) => ({ clientId, seq, result })),
      ),
      items: [...this.items.values()],
    };
  }
}

interface Pending {
  readonly actor: Actor;
  readonly batch: PushBatch;
  resolve(response: PushResponse): void;
  reject(error: Error): void;
}

/** What a group reads: every client, record and kept answer its requests may need. */
function readFor(group: readonly Pending[]): PushRead {
  const clients = new Set<string>();
  const records = new Map<string, { entity: string; id: string }>();
  const answers = new Map<string, { clientId: string; seq: number }>();
  const owners = new Map<string, { entity: string; ownerId: string }>();
  for (const { batch } of group) {
    clients.add(batch.clientId);
    for (const m of batch.mutations) {
      records.set(recordKey(m.target.entity, m.target.id), {
        entity: m.target.entity,
        id: m.target.id,
      });
      const kind = KINDS.find((k) => k.name === m.target.entity);
      if (kind) {
        owners.set(recordKey(kind.historyEntity, m.target.id), {
          entity: kind.historyEntity,
          ownerId: m.target.id,
        });
      }
      answers.set(answerKey(batch.clientId, m.seq), { clientId: batch.clientId, seq: m.seq });
    }
  }
  return {
    clients: [...clients],
    records: [...records.values()],
    answers: [...answers.values()],
    owners: [...owners.values()],
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The push queue of one instance: requests wait for the group being committed, then are
 * decided together in the next (see the module comment).
 */
export class PushService {
  private readonly options: PushOptions;
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;
  private closing = false;

  constructor(options: PushOptions) {
    this.options = options;
  }

  /** Requests waiting or being decided now. */
  get pending(): number {
    return this.queue.length;
  }

  push(actor: Actor, batch: PushBatch): Promise<PushResponse> {
    if (this.closing) {
      return Promise.reject(new PushUnavailableError('the server is shutting down: push again'));
    }
    return new Promise<PushResponse>((resolve, reject) => {
      this.queue.push({ actor, batch, resolve, reject });
      this.running ??= this.run();
    });
  }

  /** Stops taking pushes and waits for the ones taken to be decided and committed. */
  async drain(): Promise<void> {
    this.closing = true;
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    try {
      // Requests that arrive in the same turn of the event loop join the first group.
      await new Promise((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        let mutations = 0;
        let take = 0;
        while (take < this.queue.length) {
          mutations += (this.queue[take] as Pending).batch.mutations.length;
          take++;
          if (mutations >= MAX_GROUP_MUTATIONS) break;
        }
        const group = this.queue.splice(0, take);
        await this.cycle(group);
      }
    } finally {
      this.running = null;
    }
  }

  private async cycle(group: readonly Pending[]): Promise<void> {
    let stale = 0;
    let failures = 0;
    for (;;) {
      try {
        const t0 = performance.now();
        const decided = await this.decideAndCommit(group);
        if (decided === 'stale') {
          stale++;
          if (stale < MAX_STALE_ROUNDS) continue;
          throw new PushUnavailableError(
            'too many concurrent changes to the same records or clients: push again',
          );
        }
        const mutations = group.reduce((n, p) => n + p.batch.mutations.length, 0);
        this.options.observer?.group?.(mutations, group.length, performance.now() - t0, stale);
        for (const [outcome, n] of decided.counts) this.options.observer?.decided?.(outcome, n);
        group.forEach((p, i) => {
          const outcome = decided.outcomes[i] as RequestOutcome;
          if ('error' in outcome) p.reject(outcome.error);
          else p.resolve(outcome.response);
        });
        return;
      } catch (error) {
        if (isUnavailableError(error) && failures < UNAVAILABLE_BACKOFF_MS.length) {
          await sleep(UNAVAILABLE_BACKOFF_MS[failures++] as number);
          continue;
        }
        if (
          group.length > 1 &&
          !isUnavailableError(error) &&
          !(error instanceof PushUnavailableError)
        ) {
          // A bug met by one request (its stored data, its answer) must not fail the others:
          // nothing of the group was committed, so each is decided again on its own.
          for (const p of group) await this.cycle([p]);
          return;
        }
        const failed =
          error instanceof PushUnavailableError
            ? error
            : isUnavailableError(error)
              ? new PushUnavailableError(
                  'the database cannot be reached now; nothing of this push was lost: push again',
                  { cause: error },
                )
              : (error as Error);
        if (!(failed instanceof PushUnavailableError)) {
          this.options.log?.(`[central] push: ${failed.stack ?? String(failed)}`);
        }
        for (const p of group) p.reject(failed);
        return;
      }
    }
  }

  private async decideAndCommit(
    group: readonly Pending[],
  ): Promise<'stale' | { outcomes: RequestOutcome[]; counts: Map<string, number> }> {
    const { store, directory, clock } = this.options;
    const dir = await directory.current();
    const read = readFor(group);
    const state = await store.readPushState(read);
    const decisions = new GroupDecisions(state, read, this.options, dir, clock());
    const outcomes: RequestOutcome[] = [];
    for (const p of group) outcomes.push(await decisions.request(p.actor, p.batch));
    const plan = decisions.plan();
    if (plan) {
      const commit = await store.commitPush(plan);
      if (!commit.ok) return 'stale';
    }
    return { outcomes, counts: decisions.outcomes };
  }
}

export { StoreUnavailableError };
