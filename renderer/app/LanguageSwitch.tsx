import { useTranslation } from 'react-i18next';
import { LANGUAGES, storeLanguage, type Language } from '../i18n/language';
import { browserStorage } from './storage';

/** Vietnamese ⇄ English; the choice is remembered on this computer. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage;
  const choose = (language: Language) => {
    storeLanguage(browserStorage(), language);
    void i18n.changeLanguage(language);
  };
  return (
    <div
      className="segmented"
      role="group"
      aria-label={t('language.label')}
      data-testid="language-switch"
    >
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="segmented__option"
          aria-pressed={current === language}
          onClick={() => choose(language)}
          data-testid={`language-${language}`}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}
