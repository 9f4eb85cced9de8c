import { join } from 'node:path';
import { openStore, type Db } from './store/db';
import { schemaVersion } from './store/migrate';
import { createWriter } from './store/writer';
import { createDispatch, type Dispatch } from './dispatch';
import { CoreEvents } from './events';
import { createDossierService } from './services/dossiers';
import { createCalendarSource } from './services/calendar';
import { createComplaintService } from './services/complaints';
import { createDirectoryService } from './services/directory';
import type { SessionSource } from './services/session';
import { createSearchService } from './search/search';
import { createQueueService } from './views/service';
import {
  memoryTokenStore,
  SyncEngine,
  type SyncEngineOptions,
  type TokenStore,
} from './sync/engine';
import { APP_NAME, APP_VERSION } from './version';

export interface CoreOptions {
  /** Folder holding the local store. */
  dataDir: string;
  host: 'electron' | 'browser';
  /** better-sqlite3 binary for this runtime (Electron passes its own ABI's build). */
  nativeBinding?: string;
  /** Injected for tests: the moment deadline states are evaluated at. */
  clock?: () => number;
  log?: (message: string, error?: unknown) => void;
  /** Where the session token lives: safeStorage in Electron, memory in the browser host. */
  tokenStore?: TokenStore;
  /** Sync tuning and the sign-in screen's defaults. */
  sync?: Pick<SyncEngineOptions, 'defaults' | 'fetch' | 'pageSize' | 'retry' | 'requestTimeoutMs'>;
  /** Resume the saved session at once (false for tools that only read the store). */
  startSync?: boolean;
}

export interface Core {
  readonly db: Db;
  readonly dispatch: Dispatch;
  readonly events: CoreEvents;
  readonly sync: SyncEngine;
  close(): void;
}

export const STORE_FILE = 'workbench.db';

/** Everything the hosts need, with no knowledge of which host it runs in beyond a label. */
export function createCore(options: CoreOptions): Core {
  const db = openStore(join(options.dataDir, STORE_FILE), {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const clock = options.clock ?? Date.now;
  const log =
    options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const events = new CoreEvents();
  const writer = createWriter(db);
  const sync = new SyncEngine({
    db,
    writer,
    events,
    clock,
    tokenStore: options.tokenStore ?? memoryTokenStore(),
    log: (message) => log(message),
    store: {
      path: join(options.dataDir, STORE_FILE),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    },
    ...options.sync,
  });
  const calendar = createCalendarSource(db);
  const session: SessionSource = () => {
    const status = sync.status();
    return { officer: status.officer, scopeUnitIds: status.scopeUnitIds };
  };
  const dossiers = createDossierService(db, clock, {
    calendar,
    session,
    act: (entity, id, action) => sync.act(entity, id, action),
    pendingCount: () => sync.cache.pendingCount(),
    log,
  });
  const complaints = createComplaintService({
    db,
    clock,
    calendar,
    session,
    act: (entity, id, action) => sync.act(entity, id, action),
    pendingCount: () => sync.cache.pendingCount(),
    log,
  });
  const directory = createDirectoryService(db, session);
  const search = createSearchService(db);
  const queues = createQueueService({ db, clock, calendar, session, events });
  const counts = db.prepare(
    'SELECT (SELECT count(*) FROM dossiers) AS dossiers, (SELECT count(*) FROM complaints) AS complaints',
  );

  const dispatch = createDispatch(
    {
      'app.info': () => {
        const c = counts.get() as { dossiers: number; complaints: number };
        return {
          name: APP_NAME,
          version: APP_VERSION,
          host: options.host,
          schemaVersion: schemaVersion(db),
          dossierCount: c.dossiers,
          complaintCount: c.complaints,
        };
      },
      'dossiers.list': (input) => dossiers.list(input),
      'dossiers.get': (input) => dossiers.get(input),
      'dossiers.act': ({ id, action }) => {
        const { record, pending } = sync.act('dossier', id, action);
        return { dossier: record, pending };
      },
      'dossiers.allowedActions': ({ id }) => ({
        actions: sync.allowedDossierActions(dossiers.get({ id }).dossier),
      }),
      'session.defaults': () => sync.defaults(),
      'session.login': ({ serverUrl, username, password }) =>
        sync.login(serverUrl, username, password),
      'session.logout': () => sync.logout(),
      'sync.status': () => sync.status(),
      'sync.now': () => sync.syncNow(),
      'sync.notices': ({ includeDismissed }) => sync.notices(includeDismissed),
      'sync.dismissNotice': ({ id }) => ({ dismissed: sync.dismissNotice(id) }),
      'search.query': (input) => search.query(input),
      'complaints.list': (input) => complaints.list(input),
      'complaints.get': (input) => complaints.get(input),
      'complaints.act': (input) => complaints.act(input),
      'complaints.actMany': (input) => complaints.actMany(input),
      'complaints.allowedActions': (input) => complaints.allowedActions(input),
      'dossiers.actMany': (input) => dossiers.actMany(input),
      'queues.list': (input) => queues.list(input),
      'views.save': (input) => queues.saveView(input),
      'views.delete': (input) => queues.deleteView(input),
      'prefs.get': (input) => queues.getPref(input),
      'prefs.set': (input) => queues.setPref(input),
      'directory.list': () => directory.list(),
      'dossiers.seek': (input) => dossiers.seek(input),
      'complaints.seek': (input) => complaints.seek(input),
    },
    { onInternalError: (method, error) => log(`[core] ${method} failed`, error) },
  );

  if (options.startSync !== false) sync.start();

  return {
    db,
    dispatch,
    events,
    sync,
    close: () => {
      sync.close();
      db.close();
    },
  };
}
