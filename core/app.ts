import { join } from 'node:path';
import { openStore, type Db } from './store/db';
import { schemaVersion } from './store/migrate';
import { createDispatch, type Dispatch } from './dispatch';
import { CoreEvents } from './events';
import { createDossierService } from './services/dossiers';
import { APP_NAME, APP_VERSION } from './version';

export interface CoreOptions {
  /** Folder holding the local store (and later the sync state). */
  dataDir: string;
  host: 'electron' | 'browser';
  /** better-sqlite3 binary for this runtime (Electron passes its own ABI's build). */
  nativeBinding?: string;
  /** Injected for tests: the moment deadline states are evaluated at. */
  clock?: () => number;
  log?: (message: string, error?: unknown) => void;
}

export interface Core {
  readonly db: Db;
  readonly dispatch: Dispatch;
  readonly events: CoreEvents;
  close(): void;
}

export const STORE_FILE = 'workbench.db';

/** Everything the hosts need, with no knowledge of which host it runs in beyond a label. */
export function createCore(options: CoreOptions): Core {
  const db = openStore(join(options.dataDir, STORE_FILE), {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const clock = options.clock ?? Date.now;
  const events = new CoreEvents();
  const dossiers = createDossierService(db, clock);
  const counts = db.prepare(
    'SELECT (SELECT count(*) FROM dossiers) AS dossiers, (SELECT count(*) FROM complaints) AS complaints',
  );
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error));

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
    },
    { onInternalError: (method, error) => log(`[core] ${method} failed`, error) },
  );

  return {
    db,
    dispatch,
    events,
    close: () => db.close(),
  };
}
