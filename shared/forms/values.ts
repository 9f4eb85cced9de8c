import type { WorkingCalendar } from '../domain/calendar/working-calendar';
import type { Dossier, HistoryEntry, Procedure, Unit } from '../model';
import { controlSteps, outcomeWords } from './control';
import { FormError } from './errors';
import { formDate, formDateTime, formatDong, twoDigits } from './format';
import { formSetAt } from './sets';
import { stepOf, type DossierStep } from './steps';
import type { DossierForm, FormSet, FormTemplate } from './template';

/** What a dossier's forms are made from: what `dossiers.get` answers. */
export interface DossierFormSource {
  readonly dossier: Dossier;
  readonly history: readonly HistoryEntry[];
  readonly procedure: Procedure | null;
  readonly unit: Unit | null;
}

export interface DossierFormContext {
  /** The moment of printing: the date line of the control sheet. */
  readonly now: number;
  /** The synced working calendar: the control sheet's on-time marks. */
  readonly calendar: WorkingCalendar;
}

/** A field's value: text, a list of lines, or the rows of a table. */
export type FieldValue = string | readonly string[] | readonly Readonly<Record<string, string>>[];
export type FormValues = Readonly<Record<string, FieldValue>>;

/** One form ready to draw: its set and template, its values, and the moment it is dated. */
export interface PreparedForm {
  readonly set: FormSet;
  readonly template: FormTemplate;
  readonly values: FormValues;
  /** The date under the motto: the step that produced the paper, or the printing. */
  readonly datedAt: number;
  /** The unit whose name heads the form. */
  readonly unit: Pick<Unit, 'id' | 'name'> | null;
  readonly fileName: string;
}

const FORM_WORDS: Readonly<Record<DossierForm, string>> = {
  receipt: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  supplement: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  refusal: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  apology: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
  stop: 'Thông báo dừng giải quyết hồ sơ',
  control: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
};

function lastStep(history: readonly HistoryEntry[], step: DossierStep): HistoryEntry | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i];
    if (entry !== undefined && stepOf(entry) === step) return entry;
  }
  return null;
}

function firstStep(history: readonly HistoryEntry[], step: DossierStep): HistoryEntry | null {
  return history.find((entry) => stepOf(entry) === step) ?? null;
}

function numberIn(data: HistoryEntry['data'], key: string): number | null {
  const value = data?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The date that picks a dossier's form set: its receipt, else its filing. */
export function dossierDate(dossier: Pick<Dossier, 'receivedAt' | 'filedAt'>): number {
  return dossier.receivedAt ?? dossier.filedAt;
}

/** Why `form` does not apply to the dossier now, or null when it does. */
function notApplicable(form: DossierForm, source: DossierFormSource): string | null {
  const { dossier: d, history } = source;
  switch (form) {
    case 'receipt':
      return d.receivedAt === null || firstStep(history, 'accept') === null
        ? 'the dossier was never accepted'
        : null;
    case 'supplement':
      return d.supplementRounds.length === 0 ? 'no missing documents were requested' : null;
    case 'refusal':
      return d.status === 3 ? null : `the dossier was not refused (status ${d.status})`;
    case 'apology':
      return d.apologyCount === 0 || lastStep(history, 'apologize') === null
        ? 'no new appointment was set'
        : null;
    case 'stop':
      return d.status === 8 ? null : `processing was not stopped (status ${d.status})`;
    case 'control':
      return null;
  }
}

/** The set and template of `form` for the dossier, or the error that names why there is none. */
export function dossierTemplate(
  form: DossierForm,
  source: DossierFormSource,
): { set: FormSet; template: FormTemplate } {
  const reason = notApplicable(form, source);
  if (reason !== null) {
    throw new FormError(
      'FORM_NOT_APPLICABLE',
      `${FORM_WORDS[form]} (${form}) does not apply to dossier ${source.dossier.number}: ${reason}`,
    );
  }
  const set = formSetAt(dossierDate(source.dossier));
  const template = set.templates[form];
  if (template === undefined) {
    throw new FormError(
      'FORM_NOT_IN_SET',
      `${set.basis} has no ${FORM_WORDS[form]} (${form}); dossier ${source.dossier.number} is printed with that set`,
    );
  }
  return { set, template };
}

export interface AvailableForm {
  readonly form: DossierForm;
  readonly setId: string;
  readonly code: string;
  readonly title: string;
}

/** The forms the dossier can be printed with now, in the order of DOSSIER_FORMS. */
export function availableForms(source: DossierFormSource): AvailableForm[] {
  const forms: AvailableForm[] = [];
  for (const form of Object.keys(FORM_WORDS) as DossierForm[]) {
    if (notApplicable(form, source) !== null) continue;
    const set = formSetAt(dossierDate(source.dossier));
    const template = set.templates[form];
    if (template === undefined) continue;
    forms.push({ form, setId: set.id, code: template.code, title: template.title });
  }
  return forms;
}

const nfc = (text: string): string => text.normalize('NFC');

/** "Giấy đề nghị (bản chính: 01)" */
function documentLine(d: Dossier['documents'][number]): string {
  return `${nfc(d.name)} (${d.original ? 'bản chính' : 'bản sao'}: ${twoDigits(d.copies)})`;
}

function returnPlace(d: Dossier, set: FormSet, unit: Unit | null): string {
  if (d.channel === 2) return 'Cổng Dịch vụ công quốc gia (nhận kết quả trực tuyến)';
  if (d.channel === 3) return 'Địa chỉ của Ông/Bà, qua dịch vụ bưu chính công ích';
  const desk = set.deskName.charAt(0) + set.deskName.slice(1).toLowerCase();
  const deskName = desk.replace('một cửa', 'Một cửa');
  return unit === null ? deskName : `${deskName}, ${nfc(unit.name)}`;
}

/**
 * The appointment the receipt gave: the first one a later step replaced (apology, documents
 * received, fees paid), else the current one.
 */
function receiptAppointment(source: DossierFormSource): number | null {
  for (const entry of source.history) {
    const step = stepOf(entry);
    if (step === 'apologize' || step === 'receive_supplement' || step === 'receive_fees') {
      const previous = numberIn(entry.data, 'previousDueAt');
      if (previous !== null) return previous;
    }
  }
  return source.dossier.dueAt;
}

const when = (t: number | null): string => (t === null ? '' : formDateTime(t));

/** Prepares one of the dossier's forms: the set in force on its date, the template, the values. */
export function prepareDossierForm(
  form: DossierForm,
  source: DossierFormSource,
  context: DossierFormContext,
): PreparedForm {
  const { set, template } = dossierTemplate(form, source);
  const { dossier: d, history, procedure, unit } = source;
  const applicant = {
    dossierNumber: d.number,
    applicantName: nfc(d.applicantName),
    address: nfc(d.address),
    phone: d.phone,
    email: d.email,
    procedureName: nfc(procedure?.name ?? d.procedureName),
  };
  const agencyName = unit === null ? '' : nfc(unit.name);
  let values: FormValues;
  let datedAt: number;
  switch (form) {
    case 'receipt': {
      const accepted = firstStep(history, 'accept');
      datedAt = accepted?.at ?? d.receivedAt ?? context.now;
      values = {
        ...applicant,
        agencyName,
        documents: d.documents.map(documentLine),
        setCount: '01',
        workingDays: twoDigits(procedure?.workingDays ?? d.workingDays),
        receivedAt: when(d.receivedAt),
        dueAt: when(receiptAppointment(source)),
        returnPlace: returnPlace(d, set, unit),
        receiverName: nfc(accepted?.officerName ?? ''),
        registerBook: '',
        registerEntry: '',
        fees: d.fees.map(
          (f) => `${nfc(f.name)}: ${formatDong(f.amount)}${f.paid ? ' (đã nộp)' : ''}`,
        ),
      };
      break;
    }
    case 'supplement': {
      const round = d.supplementRounds[d.supplementRounds.length - 1];
      const requested = lastStep(history, 'request_supplement');
      datedAt = round?.requestedAt ?? requested?.at ?? context.now;
      values = {
        ...applicant,
        missingDocuments: (round?.missingDocuments ?? []).map(nfc),
        reason: nfc(round?.reason ?? requested?.note ?? ''),
        contactName: nfc(requested?.officerName ?? ''),
        contactPhone: '',
      };
      break;
    }
    case 'refusal': {
      const refused = lastStep(history, 'refuse');
      datedAt = refused?.at ?? d.finishedAt ?? context.now;
      values = {
        ...applicant,
        agencyName,
        reason: nfc(refused?.note ?? ''),
        receiverName: nfc(refused?.officerName ?? ''),
      };
      break;
    }
    case 'apology': {
      const apologized = lastStep(history, 'apologize');
      datedAt = apologized?.at ?? context.now;
      values = {
        ...applicant,
        agencyName,
        receivedDate: d.receivedAt === null ? '' : formDate(d.receivedAt),
        previousDueAt: when(numberIn(apologized?.data ?? null, 'previousDueAt')),
        newDueAt: when(numberIn(apologized?.data ?? null, 'newDueAt') ?? d.dueAt),
        reason: nfc(apologized?.note ?? ''),
      };
      break;
    }
    case 'stop': {
      const stopped = lastStep(history, 'stop');
      datedAt = stopped?.at ?? d.finishedAt ?? context.now;
      values = {
        ...applicant,
        agencyName,
        receivedDate: formDate(dossierDate(d)),
        stoppedAt: formDate(datedAt),
        reason: nfc(stopped?.note ?? ''),
      };
      break;
    }
    case 'control': {
      datedAt = context.now;
      values = {
        ...applicant,
        receivedAt: when(d.receivedAt),
        dueAt: when(d.dueAt),
        processingUnit: agencyName,
        coordinatingUnits: '',
        steps: controlSteps(source, context.calendar),
        outcome: outcomeWords(d, context.now),
      };
      break;
    }
  }
  return {
    set,
    template,
    values,
    datedAt,
    unit,
    fileName: `${d.number}-${form}.pdf`.replace(/[^A-Za-z0-9.-]+/g, '_'),
  };
}
