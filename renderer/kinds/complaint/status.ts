import type { ComplaintStatus } from '@shared/model/codes';
import { complaintStatusKey } from '../../i18n/keys';
import type { StatusWords } from '../kind';

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

/** Complaint statuses are words ("processing"), not the portal's numeric dossier codes. */
export const complaintStatus: StatusWords = {
  parse: (raw) => (typeof raw === 'string' && complaintStatusKey(raw) ? raw : null),
  labelKey: (status) => complaintStatusKey(String(status)),
  unknownKey: 'complaintStatus.unknown',
  tone: (status) => TONE[status as ComplaintStatus],
};
