import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../format/useFormatter';
import { useSession, useSyncStatus } from '../session/SessionProvider';
import { CloudOffIcon, RefreshIcon, UploadCloudIcon } from '../ui/icons';
import { useNow } from '../ui/useNow';
import { describeSync } from './sync-model';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Always in the header: online / offline / syncing (or signed out), how many changes wait to be
 * sent, when the last sync finished, and "sync now".
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const f = useFormatter();
  const session = useSession();
  const status = useSyncStatus();
  const [busy, setBusy] = useState(false);
  const now = useNow();
  if (!status) return null;
  const view = describeSync(status);
  const last =
    view.lastSyncAt === null
      ? t('sync.never')
      : t('sync.lastSync', {
          time:
            f.date(view.lastSyncAt) === f.date(now) && now - view.lastSyncAt < DAY_MS
              ? f.time(view.lastSyncAt)
              : f.dateTime(view.lastSyncAt),
        });
  const title = [
    t(`sync.states.${view.state}`),
    t('sync.pending', { count: view.pending, n: f.number(view.pending) }),
    last,
    view.lastError ? t('sync.lastError', { message: view.lastError }) : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <div
      className={`sync sync--${view.state}`}
      data-testid="sync-indicator"
      data-state={view.state}
      role="group"
      aria-label={t('sync.label')}
      title={title}
    >
      <span className="sync__state" role="status" aria-live="polite">
        {view.state === 'offline' ? (
          <CloudOffIcon width={14} height={14} />
        ) : (
          <span className="sync__dot" aria-hidden="true" />
        )}
        <span data-testid="sync-state-label">{t(`sync.states.${view.state}`)}</span>
      </span>
      {view.state === 'signed_out' && view.pending === 0 ? null : (
        <>
          <span
            className={`sync__pending${view.pending > 0 ? ' has-pending' : ''}`}
            data-testid="sync-pending"
            data-count={view.pending}
            aria-label={t('sync.pending', { count: view.pending, n: f.number(view.pending) })}
          >
            <UploadCloudIcon width={14} height={14} />
            {f.number(view.pending)}
          </span>
          <span className="sync__last" data-testid="sync-last" data-at={view.lastSyncAt ?? ''}>
            {view.lastSyncAt === null ? t('sync.never') : f.time(view.lastSyncAt)}
          </span>
        </>
      )}
      {view.canSyncNow ? (
        <button
          type="button"
          className="sync__now"
          onClick={() => {
            setBusy(true);
            void session.syncNow().finally(() => setBusy(false));
          }}
          disabled={busy}
          aria-label={t('sync.now')}
          title={t('sync.now')}
          data-testid="sync-now"
        >
          <RefreshIcon
            width={14}
            height={14}
            className={busy || view.state === 'syncing' ? 'spin' : undefined}
          />
        </button>
      ) : null}
    </div>
  );
}
