import { describe, expect, it } from 'vitest';
import type { AppInfo, SyncStatus } from '@shared/contract/api';
import type { Result } from '../api/result';
import {
  decideScreen,
  initials,
  initialServerUrl,
  roleLabels,
  signInError,
  signInErrorKey,
  sortDemoAccounts,
  waitingChanges,
  type SessionDefaults,
} from './session-model';

const status = (
  state: SyncStatus['state'],
  serverUrl: string | null = null,
): Result<SyncStatus> => ({
  ok: true,
  value: {
    state,
    serverUrl,
    officer: null,
    scopeUnitIds: [],
    pending: 0,
    notices: 0,
    lastSyncAt: null,
    progress: null,
    lastError: null,
    offlineSignIn: false,
  },
});
const info = (dossiers: number): Result<AppInfo> => ({
  ok: true,
  value: {
    name: 'x',
    version: '1',
    host: 'browser',
    schemaVersion: 4,
    dossierCount: dossiers,
    complaintCount: 0,
  },
});
const defaults = (value: SessionDefaults): Result<SessionDefaults> => ({ ok: true, value });
const none = defaults({ serverUrl: null, demoAccounts: [] });
const demo = defaults({
  serverUrl: 'http://127.0.0.1:4000',
  demoAccounts: [{ username: 'desk', password: 'demo', fullName: 'A', role: 'desk_officer' }],
});

describe('decideScreen', () => {
  it('waits for the session before deciding anything', () => {
    expect(
      decideScreen({ status: null, defaults: none, info: info(1), signInRequested: false }),
    ).toEqual({
      kind: 'loading',
    });
  });

  it('shows the host’s refusal instead of a blank page', () => {
    const refused: Result<SyncStatus> = {
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'no token' },
    };
    expect(
      decideScreen({ status: refused, defaults: null, info: null, signInRequested: false }),
    ).toEqual({
      kind: 'error',
      error: { code: 'UNAUTHORIZED', message: 'no token' },
    });
  });

  it('opens the workbench whenever an officer is signed in, offline included', () => {
    for (const state of ['online', 'offline', 'syncing'] as const) {
      expect(
        decideScreen({
          status: status(state),
          defaults: demo,
          info: info(0),
          signInRequested: false,
        }),
      ).toEqual({ kind: 'workbench', signedIn: true });
    }
  });

  it('asks to sign in when there is a server to sign in to', () => {
    expect(
      decideScreen({
        status: status('signed_out'),
        defaults: demo,
        info: info(500),
        signInRequested: false,
      }),
    ).toEqual({ kind: 'sign-in', canCancel: false });
  });

  it('keeps a demo store browsable when no server is configured', () => {
    expect(
      decideScreen({
        status: status('signed_out'),
        defaults: none,
        info: info(400),
        signInRequested: false,
      }),
    ).toEqual({ kind: 'workbench', signedIn: false });
    expect(
      decideScreen({
        status: status('signed_out'),
        defaults: none,
        info: info(400),
        signInRequested: true,
      }),
    ).toEqual({ kind: 'sign-in', canCancel: true });
  });

  it('asks to sign in on an empty store with nothing configured', () => {
    expect(
      decideScreen({
        status: status('signed_out'),
        defaults: none,
        info: info(0),
        signInRequested: false,
      }),
    ).toEqual({ kind: 'sign-in', canCancel: false });
  });

  it('treats defaults that failed as no server', () => {
    const failed: Result<SessionDefaults> = {
      ok: false,
      error: { code: 'INTERNAL', message: 'x' },
    };
    expect(
      decideScreen({
        status: status('signed_out'),
        defaults: failed,
        info: info(3),
        signInRequested: false,
      }),
    ).toEqual({ kind: 'workbench', signedIn: false });
  });
});

describe('sign-in helpers', () => {
  it('starts from the configured server, else the last one used', () => {
    expect(initialServerUrl({ serverUrl: 'http://a', demoAccounts: [] }, null)).toBe('http://a');
    const last = status('signed_out', 'http://b');
    expect(
      initialServerUrl({ serverUrl: null, demoAccounts: [] }, last.ok ? last.value : null),
    ).toBe('http://b');
    expect(initialServerUrl(null, null)).toBe('');
  });

  it('explains each refusal of session.login', () => {
    expect(signInErrorKey('UNAUTHORIZED')).toBe('session.errors.UNAUTHORIZED');
    expect(signInErrorKey('UNAVAILABLE')).toBe('session.errors.UNAVAILABLE');
    expect(signInErrorKey('CONFLICT')).toBe('session.errors.CONFLICT');
    expect(signInErrorKey('INTERNAL')).toBe('session.errors.other');
  });

  it('names whose changes wait on this computer, how many, and who must sign in', () => {
    const lan = { id: 'o7', username: 'desk', fullName: 'Nguyễn Thị Lan', unitId: 'u1', roles: [] };
    const held = status('signed_out');
    const waiting = held.ok ? { ...held.value, pending: 3, officer: lan } : null;
    expect(waitingChanges(waiting)).toEqual({ count: 3, name: 'Nguyễn Thị Lan', username: 'desk' });
    expect(signInError({ code: 'CONFLICT', message: 'x' }, waiting)).toEqual({
      key: 'session.errors.conflictOf',
      values: { count: 3, name: 'Nguyễn Thị Lan', username: 'desk' },
    });
    // Nothing waiting, or the officer signed in: nothing to say.
    expect(waitingChanges(held.ok ? { ...held.value, officer: lan } : null)).toBeNull();
    expect(waitingChanges(waiting ? { ...waiting, state: 'offline' } : null)).toBeNull();
  });

  it('says why an offline sign-in is not possible', () => {
    const none = status('signed_out');
    const s = none.ok ? none.value : null;
    for (const rule of [
      'OFFLINE_SIGN_IN_UNKNOWN',
      'OFFLINE_SIGN_IN_EXPIRED',
      'OFFLINE_SIGN_IN_OTHER_DATA',
    ] as const) {
      expect(signInError({ code: 'UNAVAILABLE', message: 'x', rule }, s)).toEqual({
        key: `session.errors.${rule}`,
      });
    }
    expect(signInError({ code: 'UNAVAILABLE', message: 'x' }, s)).toEqual({
      key: 'session.errors.UNAVAILABLE',
    });
  });

  it('orders demo accounts desk, processing, leader', () => {
    const accounts = ['leader', 'processing_officer', 'desk_officer'].map((role) => ({
      username: role,
      password: 'demo',
      fullName: role,
      role,
    }));
    expect(sortDemoAccounts(accounts).map((a) => a.role)).toEqual([
      'desk_officer',
      'processing_officer',
      'leader',
    ]);
  });

  it('labels roles, keeping unknown ones readable', () => {
    expect(roleLabels(['leader', 'desk_officer', 'auditor', 'leader'])).toEqual([
      { key: 'roles.desk_officer' },
      { key: 'roles.leader' },
      { text: 'auditor' },
    ]);
  });

  it('makes initials from the family and given names', () => {
    expect(initials({ fullName: 'Nguyễn Thị Mai', username: 'mai' })).toBe('NM');
    expect(initials({ fullName: 'đặng', username: 'd' })).toBe('Đ');
    expect(initials({ fullName: ' ', username: 'leader' })).toBe('LE');
  });
});
