import { useTranslation } from 'react-i18next';
import { isDossierStatus, statusKey } from '../i18n/keys';

/** A dossier status (TrangThaiHoSo 1–10) as a coloured, translated badge. */
export function StatusBadge({ status }: Readonly<{ status: number }>) {
  const { t } = useTranslation();
  const known = isDossierStatus(status);
  const label = known ? t(statusKey(status)) : t('status.unknown', { code: status });
  return (
    <span
      className={`status-badge status-badge--${known ? status : 'unknown'}`}
      data-testid="status-badge"
      data-status={status}
      title={label}
    >
      <span className="status-badge__dot" aria-hidden="true" />
      <span className="status-badge__label">{label}</span>
    </span>
  );
}
