import type { Clock } from '@shared/clock';
import type { Handlers } from '../dispatch';
import type { Db } from '../store/db';
import { schemaVersion } from '../store/migrate';
import type { Repositories } from '../store/repos';
import { APP_NAME, APP_VERSION } from '../version';

/** What the app is and holds: the about box, the start screen's "empty store" hint. */
export function appHandlers(deps: {
  host: 'electron' | 'browser';
  db: Db;
  repos: Repositories;
  clock: Clock;
  clockRunning: () => boolean;
}): Pick<Handlers, 'app.info' | 'app.clock'> {
  return {
    'app.info': () => ({
      name: APP_NAME,
      version: APP_VERSION,
      host: deps.host,
      schemaVersion: schemaVersion(deps.db),
      dossierCount: deps.repos.records('dossier').count(),
      complaintCount: deps.repos.records('complaint').count(),
    }),
    'app.clock': () => ({ now: Math.round(deps.clock()), running: deps.clockRunning() }),
  };
}
