import { useTranslation } from 'react-i18next';
import type { ComplaintStatus } from '@shared/model/codes';
import { complaintStatusKey } from '../i18n/keys';

/**
 * The palette of dossier statuses carries over by meaning: new, received, waiting for the
 * citizen, processing, refused, closed… so an officer reads both lists with the same colours.
 */
const TONE: Readonly<Record<ComplaintStatus, number>> = {
  new: 1,
  received: 2,
  info_requested: 5,
  info_supplied: 2,
  processing: 4,
  answer_drafted: 7,
  waiting_to_publish: 6,
  published: 9,
  returned: 6,
  refused: 3,
  transferred: 8,
};

export function ComplaintStatusBadge({ status }: Readonly<{ status: string }>) {
  const { t } = useTranslation();
  const key = complaintStatusKey(status);
  const label = key ? t(key) : t('complaintStatus.unknown', { code: status });
  const tone = key ? TONE[status as ComplaintStatus] : 'unknown';
  return (
    <span
      className={`status-badge status-badge--${tone}`}
      data-testid="status-badge"
      data-status={status}
      title={label}
    >
      <span className="status-badge__dot" aria-hidden="true" />
      <span className="status-badge__label">{label}</span>
    </span>
  );
}
