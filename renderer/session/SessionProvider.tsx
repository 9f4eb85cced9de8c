import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { AppInfo, SyncStatus } from '@shared/contract/api';
import { call } from '../api/call';
import { useApi } from '../api/context';
import type { Result } from '../api/result';
import { answerIsCurrent } from '../sync/sync-model';
import type { SessionDefaults } from './session-model';

export interface Session {
  /** The latest sync status: from the first call, then from every 'sync.status' event. */
  readonly status: Result<SyncStatus> | null;
  readonly defaults: Result<SessionDefaults> | null;
  readonly info: Result<AppInfo> | null;
  /** The officer pressed "sign in" on the demo workbench (or cancelled it). */
  readonly signInRequested: boolean;
  requestSignIn(wanted: boolean): void;
  login(serverUrl: string, username: string, password: string): Promise<Result<SyncStatus>>;
  logout(): Promise<Result<SyncStatus>>;
  syncNow(): Promise<Result<SyncStatus>>;
  /** Asks the host again (the retry of a failed start). */
  reload(): void;
}

const SessionContext = createContext<Session | null>(null);

/**
 * The session as every screen sees it. The status is pushed by the host ('sync.status') on every
 * change; answers to our own calls are applied too, unless an event came in after the call was
 * made (an older answer must not roll a newer event back).
 */
export function SessionProvider({ children }: Readonly<{ children: ReactNode }>) {
  const client = useApi();
  const [status, setStatus] = useState<Result<SyncStatus> | null>(null);
  const [defaults, setDefaults] = useState<Result<SessionDefaults> | null>(null);
  const [info, setInfo] = useState<Result<AppInfo> | null>(null);
  const [signInRequested, setSignInRequested] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const clock = useRef(0);
  const lastEventAt = useRef<number | null>(null);

  const apply = useCallback((result: Result<SyncStatus>, askedAt: number) => {
    if (!answerIsCurrent(lastEventAt.current, askedAt)) return;
    // A failed answer to an action leaves the known status alone; only a failed start shows.
    setStatus((current) => (result.ok || current === null || !current.ok ? result : current));
  }, []);

  useEffect(() => {
    let current = true;
    const askedAt = ++clock.current;
    void call(client, 'sync.status', {}).then((result) => {
      if (current) apply(result, askedAt);
    });
    void call(client, 'session.defaults', {}).then((result) => {
      if (current) setDefaults(result);
    });
    void call(client, 'app.info', {}).then((result) => {
      if (current) setInfo(result);
    });
    const unsubscribe = client.on('sync.status', (payload) => {
      lastEventAt.current = ++clock.current;
      setStatus({ ok: true, value: payload });
    });
    return () => {
      current = false;
      unsubscribe();
    };
  }, [client, apply, attempt]);

  // The store's size changes with the first sync: the header's summary follows it.
  const state = status?.ok ? status.value.state : null;
  useEffect(() => {
    if (state === null) return;
    let current = true;
    void call(client, 'app.info', {}).then((result) => {
      if (current && result.ok) setInfo(result);
    });
    return () => {
      current = false;
    };
  }, [client, state]);

  const login = useCallback(
    async (serverUrl: string, username: string, password: string) => {
      const askedAt = ++clock.current;
      const result = await call(client, 'session.login', { serverUrl, username, password });
      if (result.ok) {
        apply(result, askedAt);
        setSignInRequested(false);
      }
      return result;
    },
    [client, apply],
  );

  const logout = useCallback(async () => {
    const askedAt = ++clock.current;
    const result = await call(client, 'session.logout', {});
    apply(result, askedAt);
    return result;
  }, [client, apply]);

  const syncNow = useCallback(async () => {
    const askedAt = ++clock.current;
    const result = await call(client, 'sync.now', {});
    apply(result, askedAt);
    return result;
  }, [client, apply]);

  const value = useMemo<Session>(
    () => ({
      status,
      defaults,
      info,
      signInRequested,
      requestSignIn: setSignInRequested,
      login,
      logout,
      syncNow,
      reload: () => setAttempt((n) => n + 1),
    }),
    [status, defaults, info, signInRequested, login, logout, syncNow],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() needs a <SessionProvider> above it');
  return session;
}

/** The signed-in officer's status, or null (signed out, or not known yet). */
export function useSyncStatus(): SyncStatus | null {
  const { status } = useSession();
  return status?.ok ? status.value : null;
}
