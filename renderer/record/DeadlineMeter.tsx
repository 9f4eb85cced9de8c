import { useTranslation } from 'react-i18next';
import type { DeadlineState } from '@shared/model/codes';
import { useFormatter } from '../format/useFormatter';
import { splitWorkingTime, spanText, timeLeft, timeLeftText } from '../format/time-left';
import { ClockIcon } from '../ui/icons';
import { deadlineMeter } from './deadline-meter';

export type DeadlineMeterProps = Readonly<{
  state: DeadlineState;
  workingMsLeft: number | null;
  /** The statutory working time, in ms of office time. */
  totalMs: number;
  /** The appointment (dossier) or the governing deadline (complaint). */
  dueAt: number | null;
  /** Label of the due moment; "Hẹn trả kết quả" by default. */
  dueLabel?: string;
  pausedAt?: number | null;
  /** Why the clock stopped: fees keep the time left, a supplement restarts it from zero. */
  pauseKind?: 'fees' | 'supplement' | null;
  /** False before the dossier is accepted: no clock yet. */
  started?: boolean;
  testId: string;
}>;

/**
 * Working time used against the statutory total, in the colour of the deadline state, with the
 * appointment and, while the citizen is waited for, since when the clock has stopped.
 */
export function DeadlineMeter({
  state,
  workingMsLeft,
  totalMs,
  dueAt,
  dueLabel,
  pausedAt = null,
  pauseKind = null,
  started = true,
  testId,
}: DeadlineMeterProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const meter = deadlineMeter(state, workingMsLeft, totalMs);
  const left = timeLeft(workingMsLeft);
  const finished = state === 'finished_on_time' || state === 'finished_late';
  return (
    <section
      className={`meter meter--${state}`}
      data-testid={testId}
      data-state={state}
      data-paused={pausedAt !== null ? 'true' : undefined}
      aria-label={t('meter.title')}
    >
      <div className="meter__head">
        <span className="meter__title">
          <ClockIcon width={14} height={14} />
          {t('meter.title')}
        </span>
        {started ? (
          <span className={`deadline-chip deadline-chip--${state}`} data-testid={`${testId}-state`}>
            {t(`deadline.${state}`)}
          </span>
        ) : null}
      </div>
      {meter ? (
        <>
          <div
            className="meter__track"
            role="meter"
            aria-valuemin={0}
            aria-valuemax={Math.round(meter.totalMs / 60_000)}
            aria-valuenow={Math.max(0, Math.round(Math.min(meter.usedMs, meter.totalMs) / 60_000))}
            aria-valuetext={t('meter.label', {
              used: spanText(t, splitWorkingTime(Math.max(0, meter.usedMs)), f.number),
              total: spanText(t, splitWorkingTime(meter.totalMs), f.number),
            })}
          >
            <div className="meter__used" style={{ width: `${meter.usedFraction * 100}%` }} />
            {meter.overFraction > 0 ? (
              <div className="meter__over" style={{ width: `${meter.overFraction * 100}%` }} />
            ) : null}
          </div>
          <p className="meter__legend">
            <span>
              {t('meter.label', {
                used: spanText(t, splitWorkingTime(Math.max(0, meter.usedMs)), f.number),
                total: spanText(t, splitWorkingTime(meter.totalMs), f.number),
              })}
            </span>
            {left ? (
              <strong className="meter__left" data-testid={`${testId}-left`}>
                {timeLeftText(t, left, f.number)}
              </strong>
            ) : null}
          </p>
        </>
      ) : null}
      {!started ? <p className="meter__note">{t('meter.noClock')}</p> : null}
      {pausedAt !== null ? (
        <p className="meter__note meter__note--paused" data-testid={`${testId}-paused`}>
          {t('meter.paused', { time: f.dateTime(pausedAt) })}.{' '}
          {pauseKind === 'fees' ? t('meter.pausedKept') : null}
          {pauseKind === 'supplement' ? t('meter.pausedRestart') : null}
        </p>
      ) : null}
      {finished ? <p className="meter__note">{t('meter.finished')}</p> : null}
      {dueAt !== null ? (
        <p className="meter__due">
          <span className="muted">{dueLabel ?? t('meter.appointment')}: </span>
          <strong data-testid={`${testId}-due`}>{f.longDateTime(dueAt)}</strong>
        </p>
      ) : null}
    </section>
  );
}
