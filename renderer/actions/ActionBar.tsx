import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { forbiddenKey } from '../i18n/keys';

/** An action a rule forbids now, as `<plural>.allowedActions` answers it. */
export interface ForbiddenActionView {
  readonly action: string;
  readonly rule: string;
  readonly message: string;
}

type ActionBarProps = Readonly<{
  /** Every action of the kind, in its machine's order: the bar follows it. */
  order: readonly string[];
  allowed: readonly string[];
  forbidden: readonly ForbiddenActionView[];
  /** The action whose form is open. */
  openType: string | null;
  label: (type: string) => string;
  onStart: (type: string) => void;
  labelledBy: string;
}>;

/**
 * The record's action buttons: those the officer may take now, and, disabled beside them, those
 * a rule forbids now with that rule in words, so an officer who expected an action learns why
 * it is not available instead of wondering where it went. A forbidden button stays focusable
 * (aria-disabled, not disabled) so a screen reader reaches it and reads its reason.
 */
export function ActionBar({
  order,
  allowed,
  forbidden,
  openType,
  label,
  onStart,
  labelledBy,
}: ActionBarProps) {
  const { t } = useTranslation();
  const reasonPrefix = useId();
  const refusals = new Map(forbidden.map((f) => [f.action, f]));
  const shown = order.filter((type) => allowed.includes(type) || refusals.has(type));
  return (
    <div className="action-bar" role="toolbar" aria-labelledby={labelledBy}>
      {shown.map((type) => {
        const refusal = allowed.includes(type) ? undefined : refusals.get(type);
        if (refusal) {
          const reasonId = `${reasonPrefix}-${type}`;
          const key = forbiddenKey(refusal.rule);
          const reason = key ? t(key) : t('errors.rule', { rule: refusal.rule });
          return (
            <span key={type} className="action-bar__forbidden">
              <button
                type="button"
                className="button button--secondary"
                aria-disabled="true"
                aria-describedby={reasonId}
                data-testid={`action-forbidden-${type}`}
                data-rule={refusal.rule}
              >
                {label(type)}
              </button>
              <span
                id={reasonId}
                className="action-bar__reason"
                data-testid={`action-forbidden-${type}-reason`}
              >
                {reason}
              </span>
            </span>
          );
        }
        return (
          <button
            key={type}
            type="button"
            className={`button ${openType === type ? 'button--primary' : 'button--secondary'}`}
            aria-pressed={openType === type}
            onClick={() => onStart(type)}
            data-testid={`action-${type}`}
          >
            {label(type)}
          </button>
        );
      })}
    </div>
  );
}
