import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../session/SessionProvider';
import { CloudOffIcon } from '../ui/icons';

/**
 * Says, for as long as it lasts, that the officer signed in while the central API was out of
 * reach: the data is this computer's copy, and their changes wait here until the central API
 * confirms the sign-in.
 */
export function OfflineSessionBanner() {
  const { t } = useTranslation();
  const status = useSyncStatus();
  if (!status?.offlineSignIn) return null;
  return (
    <div className="banner banner--offline" role="status" data-testid="offline-session">
      <CloudOffIcon width={16} height={16} />
      <strong>{t('session.offlineSession')}</strong>
      <span>{t('session.offlineSessionHint')}</span>
    </div>
  );
}
