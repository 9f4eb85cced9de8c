import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../session/SessionProvider';
import { useSandbox } from './SandboxProvider';

/**
 * On every screen of the sandbox, the sign-in screen included: a banner nobody can miss that
 * this is training data, and the demo accounts one click away, so a trainer plays the desk,
 * the processing officer and the leader in turn.
 */
export function TrainingStrip() {
  const { t } = useTranslation();
  const sandbox = useSandbox();
  const status = useSyncStatus();
  if (!sandbox.state?.active) return null;
  const current = status?.state !== 'signed_out' ? (status?.officer?.username ?? null) : null;
  return (
    <div
      className="training-strip"
      role="region"
      aria-label={t('sandbox.strip')}
      data-testid="training-strip"
    >
      <strong className="training-strip__banner" data-testid="training-banner">
        {t('sandbox.banner')}
      </strong>
      <span className="training-strip__accounts" role="group" aria-label={t('sandbox.switchAs')}>
        {sandbox.state.accounts.map((account) => {
          const key = account.username as 'desk' | 'officer' | 'leader';
          return (
            <button
              key={account.username}
              type="button"
              className="training-strip__account"
              aria-pressed={current === account.username}
              disabled={sandbox.busy}
              data-testid={`sandbox-account-${account.username}`}
              title={account.fullName}
              onClick={() =>
                void sandbox.run('sandbox.switchAccount', { username: account.username })
              }
            >
              {t(`sandbox.accounts.${key}`)}
            </button>
          );
        })}
      </span>
    </div>
  );
}
