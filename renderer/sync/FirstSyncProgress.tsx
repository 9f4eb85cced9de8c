import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { useFormatter } from '../format/useFormatter';
import { useSyncStatus } from '../session/SessionProvider';
import { addSample, timeLeftMs, timeLeftWords, type ProgressSample } from './first-sync';
import { describeSync } from './sync-model';

/**
 * The first sync's real progress where the records will be: records stored so far out of the
 * total, the share done, and the time left at the pace so far. `placement` is `rows` in place of
 * an empty grid, `band` above a grid that already shows some.
 */
export function FirstSyncProgress({ placement }: Readonly<{ placement: 'rows' | 'band' }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  const status = useSyncStatus();
  const progress = status ? describeSync(status).progress : null;
  const client = useApi();
  const [samples, setSamples] = useState<ProgressSample[]>([]);
  // The pace, from the engine's reports as they arrive.
  useEffect(
    () =>
      client.on('sync.status', (next) => {
        const done = next.progress?.done;
        if (done !== undefined)
          // The pace is a duration: measured on the monotonic timer, not the (movable) clock.
          setSamples((current) => addSample(current, { at: performance.now(), done }));
      }),
    [client],
  );
  if (!progress) return null;
  const { total, percent } = progress;
  const left = timeLeftMs(samples, total);
  const words = left === null ? null : timeLeftWords(left);
  return (
    <div
      className={`sync-progress sync-progress--${placement}`}
      data-testid="sync-progress-panel"
      data-placement={placement}
    >
      <div className="sync-progress__text">
        <strong>{t('sync.initialTitle')}</strong>
        <span data-testid="sync-progress-count">
          {total > 0
            ? t('sync.initialProgress', { done: f.number(progress.done), total: f.number(total) })
            : t('sync.initialWaiting')}
        </span>
        {percent !== null ? <span>{t('sync.initialPercent', { percent })}</span> : null}
        {words ? (
          <span data-testid="sync-progress-time-left">
            {t('sync.initialTimeLeft', {
              time:
                words.key === 'sync.initialMinutes'
                  ? t(words.key, { count: words.count, n: f.number(words.count) })
                  : t(words.key),
            })}
          </span>
        ) : null}
      </div>
      <div
        className={`progress${percent === null ? ' progress--indeterminate' : ''}`}
        role="progressbar"
        aria-label={t('sync.initialTitle')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        data-testid="sync-progress"
        data-done={progress.done}
        data-total={total}
      >
        <div className="progress__bar" style={{ width: `${percent ?? 30}%` }} />
      </div>
      <span className="muted">{t('sync.initialHint')}</span>
    </div>
  );
}
