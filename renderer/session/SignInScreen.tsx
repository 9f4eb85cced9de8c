import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DemoAccount } from '@shared/contract/api';
import type { ApiError } from '@shared/contract/envelope';
import { useFormatter } from '../format/useFormatter';
import { roleKey } from '../i18n/keys';
import { AlertIcon, AppMark, UploadCloudIcon, UserIcon } from '../ui/icons';
import {
  initialServerUrl,
  signInError,
  sortDemoAccounts,
  waitingChanges,
  type SignInMessage,
} from './session-model';
import { useSession, useSyncStatus } from './SessionProvider';

/** A sign-in message in the officer's words, with its numbers formatted. */
function useSignInText(): (message: SignInMessage) => string {
  const { t } = useTranslation();
  const f = useFormatter();
  return (message) =>
    'values' in message
      ? t(message.key, { ...message.values, n: f.number(message.values.count) })
      : t(message.key);
}

/**
 * Server address, username and password; with the embedded demo server, one click per demo
 * account (desk officer, processing officer, leader). Failures say what to do in the officer's
 * words: a wrong password, a server out of reach, another officer's unsent changes on this
 * computer.
 */
export function SignInScreen({ canCancel }: Readonly<{ canCancel: boolean }>) {
  const { t } = useTranslation();
  const text = useSignInText();
  const session = useSession();
  const status = useSyncStatus();
  const waiting = waitingChanges(status);
  const defaults = session.defaults?.ok ? session.defaults.value : null;
  const [serverUrl, setServerUrl] = useState<string | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const errorId = useId();
  const accounts = sortDemoAccounts(defaults?.demoAccounts ?? []);
  // Until the officer edits it, the address follows the configured one (which may arrive late).
  const url = serverUrl ?? initialServerUrl(defaults, status);

  const signIn = async (as: { username: string; password: string }, busyKey: string) => {
    setBusy(busyKey);
    setError(null);
    const result = await session.login(url.trim(), as.username.trim(), as.password);
    setBusy(null);
    if (!result.ok) setError(result.error);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void signIn({ username, password }, 'form');
  };

  return (
    <div className="sign-in" data-testid="sign-in">
      <div className="sign-in__card">
        <div className="sign-in__brand">
          <AppMark className="sign-in__mark" width={40} height={40} />
          <div>
            <h1 className="sign-in__title">{t('session.title')}</h1>
            <p className="sign-in__subtitle">{t('session.subtitle')}</p>
          </div>
        </div>

        {error ? (
          <div
            className="form-error"
            role="alert"
            id={errorId}
            data-testid="sign-in-error"
            data-error-code={error.code}
          >
            <AlertIcon width={16} height={16} />
            <span>{text(signInError(error, status))}</span>
          </div>
        ) : waiting ? (
          <div className="form-info sign-in__waiting" role="status" data-testid="sign-in-waiting">
            <UploadCloudIcon width={16} height={16} />
            <span>{text({ key: 'session.waiting', values: waiting })}</span>
          </div>
        ) : null}

        <form className="form" onSubmit={onSubmit} aria-describedby={error ? errorId : undefined}>
          <label className="form__field">
            <span className="form__label">{t('session.serverUrl')}</span>
            <input
              className="input"
              type="url"
              inputMode="url"
              autoComplete="url"
              required
              value={url}
              placeholder={t('session.serverUrlHint')}
              onChange={(event) => setServerUrl(event.target.value)}
              data-testid="sign-in-server"
            />
          </label>
          <label className="form__field">
            <span className="form__label">{t('session.username')}</span>
            <input
              className="input"
              autoComplete="username"
              required
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              data-testid="sign-in-username"
              autoFocus
            />
          </label>
          <label className="form__field">
            <span className="form__label">{t('session.password')}</span>
            <input
              className="input"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              data-testid="sign-in-password"
            />
          </label>
          <div className="form__actions">
            {canCancel ? (
              <button
                type="button"
                className="button button--ghost"
                onClick={() => session.requestSignIn(false)}
                data-testid="sign-in-cancel"
              >
                {t('session.cancel')}
              </button>
            ) : null}
            <button
              type="submit"
              className="button button--primary"
              disabled={busy !== null}
              data-testid="sign-in-submit"
            >
              {busy === 'form' ? (
                <span className="spinner spinner--light" aria-hidden="true" />
              ) : null}
              {busy === 'form' ? t('session.submitting') : t('session.submit')}
            </button>
          </div>
        </form>

        {accounts.length > 0 ? (
          <section className="sign-in__demo" aria-labelledby={`${errorId}-demo`}>
            <h2 id={`${errorId}-demo`} className="sign-in__demo-title">
              {t('session.demoTitle')}
            </h2>
            <p className="sign-in__demo-hint">{t('session.demoHint')}</p>
            <ul className="demo-accounts">
              {accounts.map((account) => (
                <li key={account.username}>
                  <DemoButton
                    account={account}
                    busy={busy === account.username}
                    disabled={busy !== null}
                    onClick={() => void signIn(account, account.username)}
                  />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </div>
  );
}

function DemoButton({
  account,
  busy,
  disabled,
  onClick,
}: Readonly<{ account: DemoAccount; busy: boolean; disabled: boolean; onClick: () => void }>) {
  const { t } = useTranslation();
  const key = roleKey(account.role);
  const role = key ? t(key) : account.role;
  return (
    <button
      type="button"
      className="demo-account"
      onClick={onClick}
      disabled={disabled}
      aria-label={t('session.demoAs', { name: account.fullName, role })}
      data-testid={`sign-in-demo-${account.role}`}
      data-username={account.username}
    >
      <span className="demo-account__icon" aria-hidden="true">
        {busy ? <span className="spinner" /> : <UserIcon width={18} height={18} />}
      </span>
      <span className="demo-account__text">
        <span className="demo-account__role">{role}</span>
        <span className="demo-account__name">{account.fullName}</span>
      </span>
    </button>
  );
}
