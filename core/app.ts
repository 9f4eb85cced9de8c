import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from '@shared/clock';
import { openStore, type Db } from './store/db';
import { createAccessLogger, type AccessLogger } from './access/logger';
import { removeExpiredPersonalData, retentionDaysFromEnv } from './store/retention';
import {
  dataKeyPath,
  deriveKey,
  loadOrCreateDataKey,
  STORE_KEY_PURPOSE,
} from './security/data-key';
import { createWriter } from './store/writer';
import type { KindName } from '@shared/kinds';
import type { MutationTarget } from '@shared/sync/protocol';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import { CoreEvents } from './events';
import { formHandlers } from './documents/handlers';
import { formSettingsReader } from './documents/settings';
import { createReportService } from './reports/service';
import { reportSettingsReader } from './reports/settings';
import { appHandlers } from './services/app-info';
import { createCalendarSource } from './services/calendar';
import { createDirectoryService } from './services/directory';
import { allRecordHandlers } from './services/records';
import type { SessionSource } from './services/session';
import { createSearchService } from './search/search';
import { sessionHandlers } from './sync/handlers';
import { createQueueService, queueHandlers } from './views/service';
import { sandboxHandlers, type SandboxControl } from './sandbox/control';
import {
  memoryTokenStore,
  SyncEngine,
  type SyncEngineOptions,
  type TokenStore,
} from './sync/engine';

export interface CoreOptions {
  /** Folder holding the local store. */
  dataDir: string;
  host: 'electron' | 'browser';
  /** better-sqlite3 binary for this runtime (Electron passes its own ABI's build). */
  nativeBinding?: string;
  /**
   * The local store's key. Absent: derived from the data folder's key file (`<folder>.key`
   * beside it, core/security/data-key.ts), created on first use — the browser host and the
   * command-line tools. The desktop shell passes its own (random, wrapped by safeStorage). null:
   * an unencrypted store, for the benchmark's baseline only.
   */
  storeKey?: Buffer | null;
  /**
   * Days after a dossier ended before its applicant's personal fields leave this computer's
   * cache (store/retention.ts); default `WORKBENCH_RETENTION_DAYS` or 365, 0 keeps them.
   */
  retentionDays?: number;
  /** Injected for tests: the moment deadline states are evaluated at. */
  clock?: Clock;
  log?: (message: string, error?: unknown) => void;
  /**
   * Where the session token lives: safeStorage in Electron, sealed with the data folder's key in
   * the browser host (core/security/data-key.ts); memory when not given (tests, tools).
   */
  tokenStore?: TokenStore;
  /**
   * Sync tuning, the sign-in screen's defaults, offline sign-in (days it stays possible after
   * the last online sign-in) and the embedded central API's new address if it had to move.
   */
  sync?: Pick<
    SyncEngineOptions,
    | 'defaults'
    | 'fetch'
    | 'pageSize'
    | 'retry'
    | 'requestTimeoutMs'
    | 'offlineSignIn'
    | 'serverMoved'
  >;
  /** Resume the saved session at once (false for tools that only read the store). */
  startSync?: boolean;
  /** The trainers' sandbox's controls (scripts/sandbox), when this core runs in one. */
  sandbox?: () => SandboxControl | null;
  /** Printed atop every page of every form (the sandbox's "training data" banner). */
  trainingBanner?: string;
  /** Whether the clock runs between moves (the sandbox's stands still); default yes. */
  clockRunning?: () => boolean;
}

export interface Core {
  readonly db: Db;
  readonly dispatch: Dispatch;
  readonly events: CoreEvents;
  readonly sync: SyncEngine;
  close(): void;
}

export const STORE_FILE = 'workbench.db';
const DAY_MS = 86_400_000;

/**
 * The store's key from the data folder's key file, and the folder made readable by its owner
 * only (an earlier version created it readable by everyone).
 */
export function dataFolderStoreKey(dataDir: string): Buffer {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  return deriveKey(loadOrCreateDataKey(dataKeyPath(dataDir)), STORE_KEY_PURPOSE);
}

/**
 * The methods that show a citizen's record, logged in the access log once they answered
 * (issue 12): opening a dossier or a complaint, a search by ID number, a form exported.
 */
function loggedAccess(handlers: Handlers, access: AccessLogger): Handlers {
  return {
    ...handlers,
    'dossiers.get': async (input) => {
      const value = await handlers['dossiers.get'](input);
      access.opened('dossier', input.id);
      return value;
    },
    'complaints.get': async (input) => {
      const value = await handlers['complaints.get'](input);
      access.opened('complaint', input.id);
      return value;
    },
    'search.query': async (input) => {
      const value = await handlers['search.query'](input);
      access.searched(input.text);
      return value;
    },
    'forms.render': async (input) => {
      const value = await handlers['forms.render'](input);
      if (input.form !== 'register') access.exported('dossier', input.dossierId, input.form);
      return value;
    },
  };
}

/** Everything the hosts need, with no knowledge of which host it runs in beyond a label. */
export function createCore(options: CoreOptions): Core {
  const storeKey =
    options.storeKey === undefined ? dataFolderStoreKey(options.dataDir) : options.storeKey;
  const db = openStore(join(options.dataDir, STORE_FILE), {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    key: storeKey,
  });
  const clock = options.clock ?? systemClock;
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
      ...(storeKey ? { key: storeKey } : {}),
    },
    ...options.sync,
  });
  const repos = sync.cache.repositories;
  const calendar = createCalendarSource(repos.directory);
  const session: SessionSource = () => {
    const status = sync.status();
    return { officer: status.officer, scopeUnitIds: status.scopeUnitIds };
  };
  const records = {
    repos,
    clock,
    calendar,
    session,
    act: (entity: KindName, id: string, action: MutationTarget['action']) =>
      sync.act(entity, id, action),
    pendingCount: () => sync.cache.pendingCount(),
    log,
  };
  const search = createSearchService(db);
  const directory = createDirectoryService(repos.directory, session);
  const queues = createQueueService({ db, clock, calendar, session, events });
  const reports = createReportService({
    db,
    repos,
    clock,
    calendar,
    session,
    events,
    settings: reportSettingsReader(options.dataDir),
  });

  // One handler object per feature of the contract (shared/contract), merged into the table
  // dispatch checks and runs.
  const handlers: Handlers = {
    ...appHandlers({
      host: options.host,
      db,
      repos,
      clock,
      clockRunning: options.clockRunning ?? (() => true),
    }),
    ...allRecordHandlers(records),
    ...sessionHandlers(sync),
    'search.query': (input) => search.query(input),
    ...queueHandlers(queues),
    'directory.list': () => directory.list(),
    ...formHandlers({
      // The forms read records through the contract, as the CLI does (not logged as an opening:
      // the export is logged).
      call: (method, input) => unlogged(method, input),
      clock,
      calendar: () => calendar.get(),
      settings: formSettingsReader(options.dataDir),
      ...(options.trainingBanner ? { banner: options.trainingBanner } : {}),
    }),
    ...reports.handlers,
    ...sandboxHandlers(options.sandbox ?? (() => null)),
  };
  const onInternalError = (method: string, error: unknown) => log(`[core] ${method} failed`, error);
  const unlogged = createDispatch(handlers, { onInternalError });
  const dispatch = createDispatch(
    loggedAccess(
      handlers,
      createAccessLogger({
        queue: sync.accessQueue,
        clock,
        officerId: () => sync.status().officer?.id ?? null,
        queued: () => sync.accessQueued(),
      }),
    ),
    { onInternalError },
  );

  let retentionTimer: ReturnType<typeof setInterval> | null = null;
  if (options.startSync !== false) {
    sync.start();
    const days = options.retentionDays ?? retentionDaysFromEnv(process.env) ?? 365;
    if (days > 0) {
      const pass = () => {
        try {
          removeExpiredPersonalData(db, repos, clock() - days * DAY_MS);
        } catch (error) {
          log('[core] retention pass failed', error);
        }
      };
      // Once soon after the start (not in its way), then daily.
      setTimeout(pass, 5_000).unref();
      retentionTimer = setInterval(pass, DAY_MS);
      retentionTimer.unref();
    }
  }

  return {
    db,
    dispatch,
    events,
    sync,
    close: () => {
      if (retentionTimer) clearInterval(retentionTimer);
      reports.close();
      sync.close();
      db.close();
    },
  };
}
