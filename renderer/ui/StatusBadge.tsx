import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StatusWords } from '../kinds/kind';

/** A status in the officer's words; one the resources do not know reads as its code. */
export function statusText(t: TFunction, words: StatusWords, status: string | number): string {
  const key = words.labelKey(status);
  return key ? t(key) : t(words.unknownKey, { code: status });
}

/** A record's status as a coloured, translated badge, in its kind's words and tones. */
export function StatusBadge({
  status,
  words,
}: Readonly<{ status: string | number; words: StatusWords }>) {
  const { t } = useTranslation();
  return <StatusBadgeMark status={status} words={words} t={t} />;
}

/**
 * The same badge with the translation handed in: a grid draws one per row, and a hook per row
 * (a subscription to the language each) is what made rows dear to draw while scrolling.
 */
export function StatusBadgeMark({
  status,
  words,
  t,
}: Readonly<{ status: string | number; words: StatusWords; t: TFunction }>) {
  const known = words.labelKey(status) !== null;
  const label = statusText(t, words, status);
  return (
    <span
      className={`status-badge status-badge--${known ? words.tone(status) : 'unknown'}`}
      data-testid="status-badge"
      data-status={status}
      title={label}
    >
      <span className="status-badge__dot" aria-hidden="true" />
      <span className="status-badge__label">{label}</span>
    </span>
  );
}
