import { useTranslation } from 'react-i18next';
import type { ApiError } from '@shared/contract/envelope';
import { errorCodeKey, errorHintKey, ruleKey } from '../i18n/keys';
import { AlertIcon } from './icons';

/**
 * A failed call, in the officer's language: what went wrong (by code), what to do, and the
 * host's own message tucked away for whoever they report it to.
 */
export function ErrorNotice({
  error,
  onRetry,
  compact = false,
}: Readonly<{ error: ApiError; onRetry?: () => void; compact?: boolean }>) {
  const { t } = useTranslation();
  // A refused action names its rule: say it in the officer's words when we know it.
  const ruleText = (rule: string) => {
    const key = ruleKey(rule);
    return key ? t(key) : t('errors.rule', { rule });
  };
  return (
    <div
      className={`error-notice${compact ? ' error-notice--compact' : ''}`}
      role="alert"
      data-testid="error-notice"
      data-error-code={error.code}
    >
      <AlertIcon
        className="error-notice__icon"
        width={compact ? 16 : 22}
        height={compact ? 16 : 22}
      />
      <div className="error-notice__body">
        <p className="error-notice__title">{t(errorCodeKey(error.code))}</p>
        {!compact && <p className="error-notice__hint">{t(errorHintKey(error.code))}</p>}
        {error.path ? (
          <p className="error-notice__meta">{t('errors.field', { path: error.path })}</p>
        ) : null}
        {error.rule ? (
          <p className="error-notice__rule" data-testid="error-rule" data-rule={error.rule}>
            {ruleText(error.rule)}
          </p>
        ) : null}
        {!compact && (
          <details className="error-notice__details">
            <summary>{t('errors.details')}</summary>
            <code>
              {error.code}: {error.message}
            </code>
          </details>
        )}
      </div>
      {onRetry ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={onRetry}
          data-testid="error-retry"
        >
          {t('errors.retry')}
        </button>
      ) : null}
    </div>
  );
}
