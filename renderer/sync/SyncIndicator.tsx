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

/** The first sync's real progress (rows stored / rows to come), under the header. */
export function SyncProgress() {
  const { t } = useTranslation();
  const f = useFormatter();
  const status = useSyncStatus();
  const progress = status ? describeSync(status).progress : null;
  if (!progress) return null;
  const { done, total, percent } = progress;
  return (
    <div className="sync-progress" data-testid="sync-progress-panel">
      <div className="sync-progress__text">
        <strong>{t('sync.initialTitle')}</strong>
        <span data-testid="sync-progress-count">
          {t('sync.initialProgress', { done: f.number(done), total: f.number(total) })}
        </span>
        {percent !== null ? <span>{t('sync.initialPercent', { percent })}</span> : null}
        <span className="muted">{t('sync.initialHint')}</span>
      </div>
      <div
        className={`progress${percent === null ? ' progress--indeterminate' : ''}`}
        role="progressbar"
        aria-label={t('sync.initialTitle')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        data-testid="sync-progress"
        data-done={done}
        data-total={total}
      >
        <div className="progress__bar" style={{ width: `${percent ?? 30}%` }} />
      </div>
    </div>
  );
}
