import { ApiFailure } from '@shared/contract/envelope';
import type { Handlers } from '../dispatch';
import { normalizeBaseUrl } from './central-client';
import type { SyncEngine } from './engine';

type SessionMethod =
  | 'session.defaults'
  | 'session.login'
  | 'session.logout'
  | 'sync.status'
  | 'sync.now'
  | 'sync.notices'
  | 'sync.dismissNotice';

/** Session and sync: signing in and out, the sync indicator, refused changes as notices. */
export function sessionHandlers(sync: SyncEngine): Pick<Handlers, SessionMethod> {
  return {
    'session.defaults': () => sync.defaults(),
    'session.login': ({ serverUrl, username, password }) => {
      // An address the client cannot use is the officer's typing, answered with the reason.
      try {
        normalizeBaseUrl(serverUrl);
      } catch (error) {
        throw new ApiFailure('BAD_REQUEST', `serverUrl: ${(error as Error).message}`);
      }
      return sync.login(serverUrl, username, password);
    },
    'session.logout': () => sync.logout(),
    'sync.status': () => sync.status(),
    'sync.now': () => sync.syncNow(),
    'sync.notices': ({ includeDismissed }) => sync.notices(includeDismissed),
    'sync.dismissNotice': ({ id }) => ({ dismissed: sync.dismissNotice(id) }),
  };
}
