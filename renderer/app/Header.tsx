import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../format/useFormatter';
import { errorCodeKey } from '../i18n/keys';
import { useKnownDirectory } from '../actions/directory';
import { initials, roleLabels } from '../session/session-model';
import { useSession, useSyncStatus } from '../session/SessionProvider';
import { SyncIndicator } from '../sync/SyncIndicator';
import { AlertIcon, AppMark, BellIcon, KeyboardIcon, SignOutIcon } from '../ui/icons';
import { Popover } from '../ui/Popover';
import { LanguageSwitch } from './LanguageSwitch';

type HeaderProps = Readonly<{
  /** The search box, on the workbench. */
  search?: ReactNode;
  /** The switcher between the workbench's main screens (nothing while there is one). */
  screens?: ReactNode;
  /** Workbench-only buttons; absent on the sign-in screen. */
  onNotices?: () => void;
  onHelp?: () => void;
}>;

export function Header({ search, screens, onNotices, onHelp }: HeaderProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const session = useSession();
  const status = useSyncStatus();
  const info = session.info;
  const workbench = onNotices !== undefined;

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
        title={`${t(`app.host.${value.host}`)} · ${t('app.version', { version: value.version })} · ${t(
          'app.storeSummary',
          {
            dossiers: f.number(value.dossierCount),
            complaints: f.number(value.complaintCount),
          },
        )}`}
      >
        <span className="host-chip__dot" aria-hidden="true" />
        <span className="host-chip__label">{t(`app.host.${value.host}`)}</span>
      </span>
    );
  }

  return (
    <header
      className={`app-header${workbench ? ' app-header--workbench' : ''}`}
      data-testid="app-header"
    >
      <div className="app-header__brand">
        <AppMark className="app-header__mark" />
        <div>
          <p className="app-header__name" data-testid="app-title">
            {t('app.name')}
          </p>
          <p className="app-header__tagline">{t('app.tagline')}</p>
        </div>
      </div>
      {search ? <div className="app-header__search">{search}</div> : null}
      {screens}
      <div className="app-header__tools">
        {workbench ? <SyncIndicator /> : null}
        {workbench && status && status.notices > 0 ? (
          <button
            type="button"
            className="header-button header-button--alert"
            onClick={onNotices}
            data-testid="notices-button"
            data-count={status.notices}
            title={t('notices.buttonCount', { count: status.notices, n: f.number(status.notices) })}
          >
            <BellIcon width={16} height={16} />
            <span className="header-button__count">{f.number(status.notices)}</span>
            <span className="visually-hidden">
              {t('notices.buttonCount', { count: status.notices, n: f.number(status.notices) })}
            </span>
          </button>
        ) : null}
        {workbench ? <Officer /> : null}
        <LanguageSwitch />
        {onHelp ? (
          <button
            type="button"
            className="header-icon"
            onClick={onHelp}
            aria-label={t('help.title')}
            title={`${t('help.title')} (?)`}
            data-testid="help-button"
          >
            <KeyboardIcon width={18} height={18} />
          </button>
        ) : null}
        <span data-testid="host-label">{host}</span>
      </div>
    </header>
  );
}

/** The signed-in officer (name, roles, unit) with sign-out; "Đăng nhập" on a demo store. */
function Officer() {
  const { t } = useTranslation();
  const f = useFormatter();
  const session = useSession();
  const status = useSyncStatus();
  const known = useKnownDirectory();
  if (!status) return null;
  const officer = status.officer;
  if (status.state === 'signed_out' || officer === null) {
    return (
      <div className="officer officer--signed-out">
        <button
          type="button"
          className="button button--light"
          onClick={() => session.requestSignIn(true)}
          title={t('session.demoStore')}
          data-testid="sign-in-button"
        >
          {t('session.signIn')}
        </button>
      </div>
    );
  }
  const roles = roleLabels(officer.roles).map((r) => ('key' in r ? t(r.key) : r.text));
  // The unit's name from the synced directory; its id only until the directory has loaded.
  const unitName = known.units.find((u) => u.id === officer.unitId)?.name ?? null;
  return (
    <Popover
      label={t('session.officerMenu', { name: officer.fullName })}
      buttonClassName="officer"
      testId="officer"
      align="end"
      button={
        <>
          <span className="officer__avatar" aria-hidden="true">
            {initials(officer)}
          </span>
          <span className="officer__text">
            <span className="officer__name" data-testid="officer-name">
              {officer.fullName}
            </span>
            <span className="officer__roles">
              <span data-testid="officer-roles">{roles.join(' · ')}</span>
              {unitName !== null ? (
                <span data-testid="officer-unit-name"> · {unitName}</span>
              ) : null}
            </span>
          </span>
        </>
      }
      panelClassName="menu officer-menu"
    >
      {() => (
        <div className="officer-menu__body">
          <p className="officer-menu__name">{officer.fullName}</p>
          <p className="muted">{officer.username}</p>
          <p className="officer-menu__roles">{roles.join(' · ')}</p>
          <p data-testid="officer-units">
            {t('session.unit', { unit: unitName ?? officer.unitId })}
            <br />
            <span className="muted">
              {t('session.scope', {
                count: status.scopeUnitIds.length,
                n: f.number(status.scopeUnitIds.length),
              })}
            </span>
          </p>
          <button
            type="button"
            className="menu__item menu__item--danger"
            onClick={() => void session.logout()}
            data-testid="sign-out"
          >
            <SignOutIcon width={16} height={16} />
            {t('session.signOut')}
          </button>
        </div>
      )}
    </Popover>
  );
}
