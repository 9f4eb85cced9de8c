import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@shared/model';
import { PERIOD_KINDS, type PeriodKind } from '@shared/reports/period';
import { customRange, periodChoice, typedOfIso, type PeriodChoice } from './dashboard-model';

/**
 * The period (this week, month, quarter, year, or chosen dates) and the unit subtree the
 * supervisors' screens show, shared by the dashboard and the reports.
 */
export function PeriodBar({
  choice,
  onChoice,
  units,
  unitId,
  onUnit,
  now,
  mine,
}: Readonly<{
  choice: PeriodChoice;
  onChoice: (choice: PeriodChoice) => void;
  units: readonly Unit[];
  unitId: string | null;
  onUnit: (unitId: string) => void;
  now: number;
  /** The figures are the officer's own (not a leader). */
  mine: boolean;
}>) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(typedOfIso(choice.range.from));
  const [to, setTo] = useState(typedOfIso(choice.range.to));
  const [error, setError] = useState<'invalidDay' | 'endsBeforeStart' | null>(null);
  const pick = (kind: PeriodKind) => {
    setError(null);
    if (kind === 'custom') {
      onChoice({ kind, range: choice.range });
      return;
    }
    const next = periodChoice(kind, now);
    setFrom(typedOfIso(next.range.from));
    setTo(typedOfIso(next.range.to));
    onChoice(next);
  };
  const apply = () => {
    const range = customRange(from, to);
    if (!range.ok) {
      setError(range.error);
      return;
    }
    setError(null);
    onChoice({ kind: 'custom', range: range.range });
  };
  return (
    <div className="period-bar" data-testid="period-bar">
      <div
        className="period-bar__kinds"
        role="radiogroup"
        aria-label={t('supervision.period.label')}
      >
        {PERIOD_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            role="radio"
            aria-checked={choice.kind === kind}
            className={`chip-button${choice.kind === kind ? ' chip-button--on' : ''}`}
            data-testid={`period-${kind}`}
            onClick={() => pick(kind)}
          >
            {t(`supervision.period.${kind}`)}
          </button>
        ))}
      </div>
      {choice.kind === 'custom' ? (
        <form
          className="period-bar__custom"
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <label>
            {t('supervision.period.from')}
            <input
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              data-testid="period-from"
              inputMode="numeric"
              placeholder="01/01/2026"
              aria-invalid={error !== null}
            />
          </label>
          <label>
            {t('supervision.period.to')}
            <input
              value={to}
              onChange={(e) => setTo(e.target.value)}
              data-testid="period-to"
              inputMode="numeric"
              placeholder="31/01/2026"
              aria-invalid={error !== null}
            />
          </label>
          <button type="submit" className="button" data-testid="period-apply">
            {t('supervision.period.apply')}
          </button>
          {error ? (
            <span className="form-error" role="alert" data-testid="period-error">
              {t(`supervision.period.${error}`)}
            </span>
          ) : null}
        </form>
      ) : (
        <span className="period-bar__range" data-testid="period-range">
          {t('supervision.period.range', {
            from: typedOfIso(choice.range.from),
            to: typedOfIso(choice.range.to),
          })}
        </span>
      )}
      <label className="period-bar__unit">
        {t('supervision.unit.label')}
        {mine ? (
          <span data-testid="unit-mine">{t('supervision.unit.mine')}</span>
        ) : (
          <select
            value={unitId ?? ''}
            onChange={(e) => onUnit(e.target.value)}
            data-testid="unit-picker"
          >
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </label>
    </div>
  );
}
