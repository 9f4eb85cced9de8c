import { DAY_MS, VIETNAM_OFFSET_MS, dayOfIsoDate, isoDateOfDay } from '../domain/calendar/time';
import type { Unit } from '../model';
import { FormError } from './errors';
import { formDate, shortDate } from './format';
import { formSetAt } from './sets';
import { stepOf } from './steps';
import type { DossierFormSource, PreparedForm } from './values';

/** A register's period: whole local days, both ends included. */
export interface RegisterPeriod {
  /** YYYY-MM-DD */
  readonly from: string;
  readonly to: string;
}

/** The instants [start, end) of a period, or an error naming the bad date. */
export function periodRange(period: RegisterPeriod): { start: number; end: number } {
  const from = dayOfIsoDate(period.from);
  const to = dayOfIsoDate(period.to);
  if (from === null) throw new RangeError(`--from: not a date (YYYY-MM-DD): ${period.from}`);
  if (to === null) throw new RangeError(`--to: not a date (YYYY-MM-DD): ${period.to}`);
  if (to < from)
    throw new RangeError(`the period ends (${period.to}) before it starts (${period.from})`);
  if (to - from > 366) throw new RangeError('a register covers at most a year');
  return { start: from * DAY_MS - VIETNAM_OFFSET_MS, end: (to + 1) * DAY_MS - VIETNAM_OFFSET_MS };
}

function statusNote(source: DossierFormSource): string {
  const d = source.dossier;
  switch (d.status) {
    case 3:
      return 'Từ chối tiếp nhận';
    case 5:
      return 'Chờ bổ sung hồ sơ';
    case 6:
      return 'Chờ thực hiện nghĩa vụ tài chính';
    case 7:
      return 'Công dân xin rút hồ sơ';
    case 8:
      return 'Dừng giải quyết';
    case 1:
    case 2:
    case 4:
    case 9:
    case 10:
      return d.late ? 'Quá hạn' : '';
  }
}

const day = (t: number | null): string => (t === null ? '' : shortDate(t));

/**
 * The register (Sổ theo dõi hồ sơ) of a unit for a period: every dossier it received in those
 * days, oldest first, in the set in force on the period's first day.
 */
export function prepareRegister(
  unit: Pick<Unit, 'id' | 'name'>,
  period: RegisterPeriod,
  sources: readonly DossierFormSource[],
  now: number,
): PreparedForm {
  const { start, end } = periodRange(period);
  const set = formSetAt(start);
  const template = set.templates.register;
  if (template === undefined) {
    throw new FormError('FORM_NOT_IN_SET', `${set.basis} has no register (register)`);
  }
  const received = sources
    .filter(
      (s) =>
        s.dossier.receivedAt !== null &&
        s.dossier.receivedAt >= start &&
        s.dossier.receivedAt < end,
    )
    .sort(
      (a, b) =>
        (a.dossier.receivedAt ?? 0) - (b.dossier.receivedAt ?? 0) ||
        (a.dossier.number < b.dossier.number ? -1 : 1),
    );
  const entries = received.map((source, i) => {
    const d = source.dossier;
    const handedOn = source.history.find((e) => {
      const step = stepOf(e);
      return step === 'transfer' || step === 'assign' || e.action === 'start_processing';
    });
    return {
      index: String(i + 1),
      number: d.number,
      procedure: (source.procedure?.name ?? d.procedureName).normalize('NFC'),
      sets: '01',
      applicant: d.applicantName.normalize('NFC'),
      contact: [d.address.normalize('NFC'), d.phone].filter((x) => x !== '').join('\n'),
      unit: (source.unit?.name ?? unit.name).normalize('NFC'),
      received: day(d.receivedAt),
      due: day(d.dueAt),
      transferred: day(handedOn?.at ?? null),
      finished: day(d.finishedAt),
      returned: day(d.returnedAt),
      signature: '',
      note: statusNote(source),
    };
  });
  const lastDay = dayOfIsoDate(period.to) ?? 0;
  return {
    set,
    template,
    values: {
      unitName: unit.name.normalize('NFC'),
      periodFrom: formDate(start),
      periodTo: formDate(lastDay * DAY_MS - VIETNAM_OFFSET_MS),
      entries,
    },
    // Dated when printed, or at the period's end for a register of days gone by.
    datedAt: Math.min(now, end - 1),
    unit,
    fileName:
      `register-${unit.id}-${isoDateOfDay(Math.floor((start + VIETNAM_OFFSET_MS) / DAY_MS))}-${period.to}.pdf`.replace(
        /[^A-Za-z0-9.-]+/g,
        '_',
      ),
  };
}
