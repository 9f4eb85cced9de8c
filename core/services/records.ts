import type { MethodName } from '@shared/contract/api';
import { ApiFailure } from '@shared/contract/envelope';
import { signOffPolicy } from '@shared/domain/sign-off';
import { KINDS, kindOf, type Kind, type KindName, type KindRecord } from '@shared/kinds';
import type { MutationTarget } from '@shared/sync/protocol';
import { pendingIds } from '../store/keyset';
import { STORAGE, type AnyStorage } from '../store/kinds';
import type { Repositories } from '../store/repos';
import type { Handlers } from '../dispatch';
import { actOnEach } from './bulk';
import type { CalendarSource } from './calendar';
import { actingOfficer, queryContext, type SessionSource } from './session';

/** The methods every kind of record has, under its contract namespace (`dossiers.list`…). */
export type RecordMethod<N extends KindName> = Extract<
  `${Extract<Kind, { name: N }>['plural']}.${'list' | 'get' | 'seek' | 'act' | 'actMany' | 'allowedActions'}`,
  MethodName
>;

export interface RecordServiceDeps {
  repos: Repositories;
  clock: () => number;
  calendar: CalendarSource;
  session: SessionSource;
  /** The sync engine's one mutation path (optimistic change + outbox entry). */
  act: (
    entity: KindName,
    id: string,
    action: MutationTarget['action'],
  ) => { record: KindRecord; pending: number };
  pendingCount: () => number;
  log?: (message: string, error?: unknown) => void;
}

interface ListInput {
  filter: unknown;
  sort: { field: string; direction: 'asc' | 'desc' };
  cursor?: string | null;
  /** Instead of a cursor: the row the page starts at (contract: listInputSchema). */
  position?: number;
  limit: number;
  now?: number;
}

/**
 * One kind's methods (list, get, seek, act, actMany, allowedActions), the same for every kind:
 * its storage says where the records are and what its detail adds, its descriptor which rules
 * apply. The handlers' shapes are the contract's (shared/contract), built from the same kind.
 */
export function recordHandlers<N extends KindName>(
  name: N,
  deps: RecordServiceDeps,
): Pick<Handlers, RecordMethod<N>> {
  const kind = kindOf(name);
  const storage: AnyStorage = STORAGE[name];
  const { repos, clock } = deps;
  const { db } = repos;
  const records = repos.records(name);

  const read = (id: string): KindRecord => {
    const record = records.get(id);
    if (!record) throw new ApiFailure('NOT_FOUND', `${name} ${id} does not exist in this store`);
    return record;
  };
  const context = () => queryContext(db, name, deps.session());

  const handlers = {
    list: (input: ListInput) => {
      const query = {
        filter: input.filter,
        sort: input.sort,
        now: input.now ?? clock(),
        calendar: deps.calendar.get(),
        context: context(),
      };
      // A page at a position: the seek's cursor, then the page from it, in one call.
      if (input.position !== undefined && input.position > 0) {
        const cursor = storage.list.seek(db, { ...query, position: input.position });
        if (cursor === null) return { rows: [], nextCursor: null, total: null };
        return { ...storage.list.list(db, { ...query, cursor, limit: input.limit }), total: null };
      }
      return storage.list.list(db, { ...query, cursor: input.cursor, limit: input.limit });
    },
    seek: (input: Omit<ListInput, 'cursor' | 'limit' | 'position'> & { position: number }) => ({
      cursor: storage.list.seek(db, {
        filter: input.filter,
        sort: input.sort,
        position: input.position,
        now: input.now ?? clock(),
        calendar: deps.calendar.get(),
        context: context(),
      }),
    }),
    get: ({ id, now: at }: { id: string; now?: number }) => {
      const record = read(id);
      const now = at ?? clock();
      const calendar = deps.calendar.get();
      const history = records.history(id);
      return {
        [name]: record,
        history,
        ...storage.detailExtras(record, { directory: repos.directory, calendar }),
        unit: repos.directory.unit(record.unitId),
        assignee: record.assigneeId ? repos.directory.officer(record.assigneeId) : null,
        deadlineState: kind.deadline.state(record as never, now, calendar),
        workingMsLeft: kind.deadline.workingTimeLeft(record as never, now, calendar),
        workingMsTotal: kind.deadline.workingTimeTotal(record as never, history, calendar),
        pending: pendingIds(db, name, [id]).has(id),
      };
    },
    act: ({ id, action }: { id: string; action: MutationTarget['action'] }) => {
      const { record, pending } = deps.act(name, id, action);
      return { [name]: record, pending };
    },
    /** Bulk assign / transfer (see actOnEach). */
    actMany: ({ ids, action }: { ids: string[]; action: MutationTarget['action'] }) => {
      const outcome = actOnEach(
        `${kind.plural}.actMany`,
        ids,
        (id) => (deps.act(name, id, action).record as KindRecord & { status: unknown }).status,
        deps.log,
      );
      return { ...outcome, pending: deps.pendingCount() };
    },
    /** What the officer may do now: the kind's state machine decides, as it will on the server. */
    allowedActions: ({ id }: { id: string }) => {
      const record = read(id);
      const acting = actingOfficer(deps.session());
      if (!acting) return { actions: [] as string[], forbidden: [] };
      // The units' sign-off settings decide whether a result is submitted or finished.
      const signOff = signOffPolicy((unitId) => repos.directory.unit(unitId));
      const now = clock();
      const calendar = deps.calendar.get();
      const forbidden = kind.forbidden(record as never, acting, now, calendar, { signOff });
      return {
        actions: kind.allowed(record as never, acting, now, calendar, { signOff }),
        forbidden: forbidden.map(({ action, refusal }) => ({
          action,
          rule: refusal.code,
          message: refusal.message,
        })),
      };
    },
  };
  // The contract's input and output types per method are the kind's own (shared/contract);
  // the implementation above is the same for every kind.
  return Object.fromEntries(
    Object.entries(handlers).map(([method, handler]) => [`${kind.plural}.${method}`, handler]),
  ) as unknown as Pick<Handlers, RecordMethod<N>>;
}

/** Every kind's methods (one kind of record more is one more set, without a line here). */
export function allRecordHandlers(deps: RecordServiceDeps): Pick<Handlers, RecordMethod<KindName>> {
  return Object.assign({}, ...KINDS.map((k) => recordHandlers(k.name, deps))) as Pick<
    Handlers,
    RecordMethod<KindName>
  >;
}
