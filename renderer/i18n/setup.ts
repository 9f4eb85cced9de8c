import { createInstance, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './resources/en';
import { vi } from './resources/vi';
import { DEFAULT_LANGUAGE, type Language } from './language';

export const resources = {
  vi: { translation: vi },
  en: { translation: en },
} as const;

/**
 * One i18next instance per app (not the global singleton), so tests and a future second window
 * cannot leak language state into each other. Resources are bundled, so init is synchronous and
 * the first paint is already translated.
 */
export function createI18n(language: Language): i18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['vi', 'en'],
    defaultNS: 'translation',
    // React escapes text itself; escaping here would double-escape names like "Đức & Con".
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}
