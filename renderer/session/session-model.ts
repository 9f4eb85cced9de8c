import type { AppInfo, DemoAccount, SyncStatus } from '@shared/contract/api';
import type { ApiError, ErrorCode } from '@shared/contract/envelope';
import type { Officer } from '@shared/model';
import type { Result } from '../api/result';
import { roleKey, type RoleKey } from '../i18n/keys';

/**
 * Which screen the app shows, from what the host says about the session. Signed in (online,
 * offline or syncing alike): the workbench. Signed out: the sign-in screen when there is a server
 * to sign in to (configured, or the embedded demo server with its accounts), or when the store is
 * empty; otherwise the local data stays browsable (a demo store), with a "sign in" button.
 */

export interface SessionDefaults {
  readonly serverUrl: string | null;
  readonly demoAccounts: readonly DemoAccount[];
}

export type Screen =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly error: ApiError }
  | { readonly kind: 'sign-in'; readonly canCancel: boolean }
  | { readonly kind: 'workbench'; readonly signedIn: boolean };

export interface ScreenInputs {
  readonly status: Result<SyncStatus> | null;
  readonly defaults: Result<SessionDefaults> | null;
  readonly info: Result<AppInfo> | null;
  /** The officer pressed "sign in" on the demo workbench. */
  readonly signInRequested: boolean;
}

export function hasServer(defaults: SessionDefaults): boolean {
  return (defaults.serverUrl ?? '').trim() !== '' || defaults.demoAccounts.length > 0;
}

export function decideScreen({ status, defaults, info, signInRequested }: ScreenInputs): Screen {
  if (status === null) return { kind: 'loading' };
  if (!status.ok) return { kind: 'error', error: status.error };
  if (status.value.state !== 'signed_out') return { kind: 'workbench', signedIn: true };
  const hasData =
    info !== null && info.ok && info.value.dossierCount + info.value.complaintCount > 0;
  if (signInRequested) return { kind: 'sign-in', canCancel: hasData };
  if (defaults === null) return { kind: 'loading' };
  if (defaults.ok && hasServer(defaults.value)) return { kind: 'sign-in', canCancel: false };
  if (info === null) return { kind: 'loading' };
  // A host that cannot describe its store still gets the workbench, whose grid shows the error.
  if (!info.ok || hasData) return { kind: 'workbench', signedIn: false };
  return { kind: 'sign-in', canCancel: false };
}

/** The address the sign-in form starts with: the configured one, else the last one used. */
export function initialServerUrl(
  defaults: SessionDefaults | null,
  status: SyncStatus | null,
): string {
  return defaults?.serverUrl ?? status?.serverUrl ?? '';
}

export type SignInErrorKey =
  | 'session.errors.UNAUTHORIZED'
  | 'session.errors.UNAVAILABLE'
  | 'session.errors.CONFLICT'
  | 'session.errors.BAD_REQUEST'
  | 'session.errors.other';

/** What a failed session.login means to the officer. */
export function signInErrorKey(code: ErrorCode): SignInErrorKey {
  switch (code) {
    case 'UNAUTHORIZED':
    case 'UNAVAILABLE':
    case 'CONFLICT':
    case 'BAD_REQUEST':
      return `session.errors.${code}`;
    case 'UNKNOWN_METHOD':
    case 'NOT_FOUND':
    case 'FORBIDDEN':
    case 'RULE_VIOLATION':
    case 'INTERNAL':
      return 'session.errors.other';
  }
}

/** A message of the sign-in screen: a UI string and what goes into it. */
export type SignInMessage =
  | { readonly key: SignInErrorKey | OfflineSignInKey }
  | {
      readonly key: 'session.errors.conflictOf' | 'session.waiting';
      readonly values: {
        readonly count: number;
        readonly name: string;
        readonly username: string;
      };
    };

type OfflineSignInKey =
  | 'session.errors.OFFLINE_SIGN_IN_UNKNOWN'
  | 'session.errors.OFFLINE_SIGN_IN_EXPIRED'
  | 'session.errors.OFFLINE_SIGN_IN_OTHER_DATA';

const OFFLINE_RULES: Readonly<Record<string, OfflineSignInKey>> = {
  OFFLINE_SIGN_IN_UNKNOWN: 'session.errors.OFFLINE_SIGN_IN_UNKNOWN',
  OFFLINE_SIGN_IN_EXPIRED: 'session.errors.OFFLINE_SIGN_IN_EXPIRED',
  OFFLINE_SIGN_IN_OTHER_DATA: 'session.errors.OFFLINE_SIGN_IN_OTHER_DATA',
};

/**
 * Changes made here by an officer who is not signed in, and still waiting: whose, how many. The
 * host keeps the officer whose cache this is after sign-out, so it can say so.
 */
export function waitingChanges(
  status: SyncStatus | null,
): { count: number; name: string; username: string } | null {
  if (!status || status.state !== 'signed_out' || status.pending === 0 || !status.officer)
    return null;
  return {
    count: status.pending,
    name: status.officer.fullName,
    username: status.officer.username,
  };
}

/**
 * What a failed session.login means to the officer: whose changes are waiting and what to do,
 * why an offline sign-in is not possible, or the code's general meaning.
 */
export function signInError(error: ApiError, status: SyncStatus | null): SignInMessage {
  if (error.code === 'CONFLICT' && status && status.pending > 0 && status.officer) {
    return {
      key: 'session.errors.conflictOf',
      values: {
        count: status.pending,
        name: status.officer.fullName,
        username: status.officer.username,
      },
    };
  }
  const offline =
    error.code === 'UNAVAILABLE' && error.rule ? OFFLINE_RULES[error.rule] : undefined;
  if (offline) return { key: offline };
  return { key: signInErrorKey(error.code) };
}

/** Demo accounts in the order officers meet them at work: desk, processing, leader. */
const ROLE_ORDER = ['desk_officer', 'processing_officer', 'leader', 'administrator', 'trainer'];

export function sortDemoAccounts(accounts: readonly DemoAccount[]): DemoAccount[] {
  const rank = (role: string) => {
    const at = ROLE_ORDER.indexOf(role);
    return at < 0 ? ROLE_ORDER.length : at;
  };
  return [...accounts].sort((a, b) => rank(a.role) - rank(b.role));
}

/** Role labels the officer reads ("Lãnh đạo"), in a fixed order; unknown roles as written. */
export function roleLabels(
  roles: readonly string[],
): ({ readonly key: RoleKey } | { readonly text: string })[] {
  const ordered = [...new Set(roles)].sort((a, b) => {
    const ra = ROLE_ORDER.indexOf(a);
    const rb = ROLE_ORDER.indexOf(b);
    return (ra < 0 ? 99 : ra) - (rb < 0 ? 99 : rb);
  });
  return ordered.map((role) => {
    const key = roleKey(role);
    return key ? { key } : { text: role };
  });
}

/** Initials for the officer's badge: "Nguyễn Thị Mai" → "NM" (family and given name). */
export function initials(officer: Pick<Officer, 'fullName' | 'username'>): string {
  const words = officer.fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return officer.username.slice(0, 2).toUpperCase();
  const first = words[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1] ?? '') : '';
  return (first.charAt(0) + last.charAt(0)).toLocaleUpperCase('vi');
}
