import { useTranslation } from 'react-i18next';
import { useFormatter } from '../format/useFormatter';
import { errorCodeKey } from '../i18n/keys';
import { AlertIcon, AppMark } from '../ui/icons';
import { LanguageSwitch } from './LanguageSwitch';
import { useAppInfo } from './useAppInfo';

export function Header() {
  const { t } = useTranslation();
  const f = useFormatter();
  const info = useAppInfo();

  let host;
  if (info === null) {
    host = <span className="host-chip host-chip--pending">{t('app.host.unknown')}</span>;
  } else if (!info.ok) {
    host = (
      <span className="host-chip host-chip--error" title={info.error.message} role="status">
        <AlertIcon width={14} height={14} />
        {t(errorCodeKey(info.error.code))}
      </span>
    );
  } else {
    const { value } = info;
    host = (
      <span
        className="host-chip"
        data-host={value.host}
        title={t('app.storeSummary', {
          dossiers: f.number(value.dossierCount),
          complaints: f.number(value.complaintCount),
        })}
      >
        <span className="host-chip__dot" aria-hidden="true" />
        {t(`app.host.${value.host}`)}
        <span className="host-chip__version">{t('app.version', { version: value.version })}</span>
      </span>
    );
  }

  return (
    <header className="app-header" data-testid="app-header">
      <div className="app-header__brand">
        <AppMark className="app-header__mark" />
        <div>
          <p className="app-header__name" data-testid="app-title">
            {t('app.name')}
          </p>
          <p className="app-header__tagline">{t('app.tagline')}</p>
        </div>
      </div>
      <div className="app-header__tools">
        <span data-testid="host-label">{host}</span>
        <LanguageSwitch />
      </div>
    </header>
  );
}
