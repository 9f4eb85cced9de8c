import { isDossierStatus, parseStatus, statusKey } from '../../i18n/keys';
import type { StatusWords } from '../kind';

/** Dossier statuses (TrangThaiHoSo 1–10): each code has its own tone in the badge palette. */
export const dossierStatus: StatusWords = {
  parse: parseStatus,
  labelKey: (status) => (isDossierStatus(status) ? statusKey(status) : null),
  unknownKey: 'status.unknown',
  tone: (status) => status,
};
