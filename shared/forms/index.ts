/**
 * The one-stop legal forms: templates as data, versioned by the date they take effect (sets/),
 * a dossier's or a register's values (values.ts, register.ts), and the document definition that
 * the core turns into PDF (document.ts). See shared/README.md, "forms/".
 */
export { FORM_KINDS, isFormKind, placeholdersOf, templateFields } from './template';
export type { Block, FormKind, FormSet, FormTemplate, Paper, DossierForm } from './template';
export {
  FORM_SETS,
  CIRCULAR_01_2018,
  CIRCULAR_03_2025,
  formSetAt,
  formSetById,
  effectiveInstant,
} from './sets';
export { FORM_FIELDS } from './fields';
export { FORM_ERROR_CODES, FormError, type FormErrorCode } from './errors';
export { FormSettingsSchema, agencyHeader, placeOfUnitName, type FormSettings } from './settings';
export {
  availableForms,
  dossierDate,
  dossierTemplate,
  prepareDossierForm,
  type AvailableForm,
  type DossierFormContext,
  type DossierFormSource,
  type FieldValue,
  type FormValues,
  type PreparedForm,
} from './values';
export { stepOf } from './steps';
export { controlSteps, outcomeWords, stepMark } from './control';
export { periodRange, prepareRegister, type RegisterPeriod } from './register';
export {
  BLANK,
  FORM_FONT,
  checkTemplate,
  documentText,
  formDocument,
  type DocContent,
  type DocNode,
  type DocumentDefinition,
  type DocumentOptions,
} from './document';
export { formDate, formDateTime, formatDong, placeDate, shortDate, shortDateTime } from './format';
