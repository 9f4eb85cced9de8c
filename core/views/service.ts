import type { MethodOutput, MethodParsedInput, Queue, ViewDefinition } from '@shared/contract/api';
import type { Handlers } from '../dispatch';
import type { CoreEvents } from '../events';
import type { CalendarSource } from '../services/calendar';
import { officerKey, queryContext, type SessionSource } from '../services/session';
import type { Db } from '../store/db';
import type { QueryContext } from '../store/keyset';
import { STORAGE } from '../store/kinds';
import { BUILTIN_QUEUES, queueNameKey } from './queues';
import { createViewStore, type ViewStore } from './store';

export interface QueueService {
  list(input: MethodParsedInput<'queues.list'>): MethodOutput<'queues.list'>;
  saveView(input: MethodParsedInput<'views.save'>): MethodOutput<'views.save'>;
  deleteView(input: MethodParsedInput<'views.delete'>): MethodOutput<'views.delete'>;
  getPref(input: MethodParsedInput<'prefs.get'>): MethodOutput<'prefs.get'>;
  setPref(input: MethodParsedInput<'prefs.set'>): MethodOutput<'prefs.set'>;
}

export interface QueueServiceDeps {
  db: Db;
  clock: () => number;
  calendar: CalendarSource;
  session: SessionSource;
  events?: CoreEvents;
}

/**
 * Queues with live counts, the officer's saved views and grid preferences. The renderer calls
 * queues.list on start and again when `dossiers.changed` / `complaints.changed` arrive (sync
 * brought changes) — debounced on its side — so counts must stay cheap at a million dossiers:
 * status-based queues sum dossier_counts, deadline-based ones read a range of the index of
 * running dossiers, complaints are few (see README "Queues").
 */
export function createQueueService(deps: QueueServiceDeps): QueueService {
  const { db } = deps;
  const views: ViewStore = createViewStore(db, deps.clock);

  /**
   * Counts for one answer: the session, each kind's query context (its scope probe) and the
   * calendar are read once for all the views counted, not once per view.
   */
  const counter = (now: number): ((view: ViewDefinition) => number) => {
    const session = deps.session();
    const calendar = deps.calendar.get();
    const contexts = new Map<ViewDefinition['entity'], QueryContext>();
    return (view) => {
      let context = contexts.get(view.entity);
      if (!context) {
        context = queryContext(db, view.entity, session);
        contexts.set(view.entity, context);
      }
      return STORAGE[view.entity].list.count(db, view.filter as never, context, now, calendar);
    };
  };

  return {
    list({ now: at }) {
      const session = deps.session();
      const now = at ?? deps.clock();
      const roles = session.officer?.roles ?? null;
      const queues: Queue[] = [];
      const count = counter(now);
      // One read transaction: every count sees the same state of the cache.
      db.transaction(() => {
        for (const q of BUILTIN_QUEUES) {
          if (q.roles && roles !== null && !q.roles.some((r) => roles.includes(r))) continue;
          queues.push({
            id: q.id,
            kind: 'builtin',
            nameKey: queueNameKey(q.id),
            name: null,
            view: q.view,
            count: count(q.view),
          });
        }
        for (const v of views.list(officerKey(session))) {
          queues.push({
            id: v.id,
            kind: 'custom',
            nameKey: null,
            name: v.name,
            view: v.view,
            count: count(v.view),
          });
        }
      })();
      return { officerId: session.officer?.id ?? null, queues };
    },

    saveView(input) {
      const session = deps.session();
      const saved = views.save(officerKey(session), input);
      deps.events?.emit('views.changed', { officerId: session.officer?.id ?? null });
      return {
        id: saved.id,
        kind: 'custom',
        nameKey: null,
        name: saved.name,
        view: saved.view,
        count: counter(deps.clock())(saved.view),
      };
    },

    deleteView({ id }) {
      const session = deps.session();
      const deleted = views.delete(officerKey(session), id);
      if (deleted) deps.events?.emit('views.changed', { officerId: session.officer?.id ?? null });
      return { deleted };
    },

    getPref({ key }) {
      const value = views.getPref(officerKey(deps.session()), key);
      return { key, value: value as MethodOutput<'prefs.get'>['value'] };
    },

    setPref({ key, value }) {
      views.setPref(officerKey(deps.session()), key, value);
      return { key, value };
    },
  };
}

/** Queues, saved views and preferences, as the contract's handlers. */
export function queueHandlers(
  queues: QueueService,
): Pick<Handlers, 'queues.list' | 'views.save' | 'views.delete' | 'prefs.get' | 'prefs.set'> {
  return {
    'queues.list': (input) => queues.list(input),
    'views.save': (input) => queues.saveView(input),
    'views.delete': (input) => queues.deleteView(input),
    'prefs.get': (input) => queues.getPref(input),
    'prefs.set': (input) => queues.setPref(input),
  };
}
