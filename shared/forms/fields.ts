import type { FormKind } from './template';

/**
 * The fields each form's values carry (values.ts builds them) and its templates show. Every
 * template of a kind must show each `required` field (a test renders them all); `optional` ones
 * it may show. A template that shows an unknown field, or misses a required one, is refused with
 * an error naming both, before anything is drawn.
 */
export interface FormFields {
  readonly text: readonly string[];
  readonly lists: readonly string[];
  readonly tables: readonly string[];
  readonly optional: readonly string[];
}

const APPLICANT = ['dossierNumber', 'applicantName', 'address', 'phone', 'email', 'procedureName'];

export const FORM_FIELDS: { readonly [K in FormKind]: FormFields } = {
  receipt: {
    text: [
      ...APPLICANT,
      'agencyName',
      'setCount',
      'workingDays',
      'receivedAt',
      'dueAt',
      'returnPlace',
      'receiverName',
      'registerBook',
      'registerEntry',
    ],
    lists: ['documents', 'fees'],
    tables: [],
    optional: ['fees', 'registerBook', 'registerEntry'],
  },
  supplement: {
    text: [...APPLICANT, 'reason', 'contactName', 'contactPhone'],
    lists: ['missingDocuments'],
    tables: [],
    optional: [],
  },
  refusal: {
    text: [...APPLICANT, 'agencyName', 'reason', 'receiverName'],
    lists: [],
    tables: [],
    optional: [],
  },
  apology: {
    text: [
      'dossierNumber',
      'applicantName',
      'procedureName',
      'agencyName',
      'receivedDate',
      'previousDueAt',
      'newDueAt',
      'reason',
    ],
    lists: [],
    tables: [],
    optional: [],
  },
  stop: {
    text: [
      'dossierNumber',
      'applicantName',
      'procedureName',
      'agencyName',
      'receivedDate',
      'stoppedAt',
      'reason',
    ],
    lists: [],
    tables: [],
    optional: [],
  },
  control: {
    text: [
      'dossierNumber',
      'applicantName',
      'procedureName',
      'receivedAt',
      'dueAt',
      'processingUnit',
      'coordinatingUnits',
      'outcome',
    ],
    lists: [],
    tables: ['steps'],
    optional: ['coordinatingUnits'],
  },
  register: {
    text: ['unitName', 'periodFrom', 'periodTo'],
    lists: [],
    tables: ['entries'],
    optional: [],
  },
};
