import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE, isLanguage } from '../i18n/language';
import { getFormatter, type Formatter } from './format';

/** Dates and numbers follow the UI language the officer picked. */
export function useFormatter(): Formatter {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  return getFormatter(isLanguage(language) ? language : DEFAULT_LANGUAGE);
}
