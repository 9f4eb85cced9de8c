import { localDayOf } from '../domain/calendar/time';
import type { WorkingCalendar } from '../domain/calendar/working-calendar';
import { dossierDeadlineState } from '../domain/deadline';
import type { Dossier, HistoryEntry } from '../model';
import { formDateTime } from './format';
import { stepOf, type DossierStep } from './steps';
import type { DossierFormSource } from './values';

/** What each step of the audit trail is called on the control sheet. */
const STEP_WORDS: Readonly<Record<DossierStep, string>> = {
  accept: 'Tiếp nhận hồ sơ',
  refuse: 'Từ chối tiếp nhận hồ sơ',
  request_supplement: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
  receive_supplement: 'Nhận hồ sơ bổ sung',
  transfer: 'Chuyển xử lý',
  assign: 'Phân công xử lý',
  request_fees: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  receive_fees: 'Đã thực hiện nghĩa vụ tài chính',
  apologize: 'Xin lỗi và hẹn lại ngày trả kết quả',
  finish: 'Hoàn thành xử lý',
  return_result: 'Trả kết quả',
  request_withdrawal: 'Công dân xin rút hồ sơ',
  stop: 'Dừng giải quyết hồ sơ',
  add_note: 'Ghi chú',
};

const EXTRA_WORDS: Readonly<Record<string, string>> = {
  start_processing: 'Nhận xử lý',
  filed: 'Nộp hồ sơ',
};

/** Steps that are not a hand-over: they stay off the control sheet. */
const NOT_HANDOVERS = new Set(['add_note', 'note', 'record_print']);

function wordsOf(entry: HistoryEntry): string {
  const step = stepOf(entry);
  return step !== null ? STEP_WORDS[step] : (EXTRA_WORDS[entry.action] ?? entry.action);
}

function numberIn(data: HistoryEntry['data'], key: string): number | null {
  const value = data?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The mark of one step against the appointment in force when it was taken, by the shared
 * deadline rule (finished at or before the appointment, a dossier marked late stays late):
 * before the appointment's day is early, on its day on time, after it late. Intake steps,
 * before any appointment, get no mark.
 */
export function stepMark(at: number, dueAt: number | null, late: boolean): string {
  if (dueAt === null) return '';
  const state = dossierDeadlineState(
    { status: 9, dueAt, dueSoonAt: null, finishedAt: at, late },
    at,
  );
  if (state === 'finished_late') return 'Quá hạn';
  return localDayOf(at) < localDayOf(dueAt) ? 'Trước hạn' : 'Đúng hạn';
}

/**
 * One row per hand-over of the dossier (Mẫu 05 of 2018, 06 of 2025): the office that took it,
 * when and from whom to whom, its mark, and what the step was. The appointment in force is
 * followed through the history: set at acceptance by the statutory working days, moved by the
 * steps that record a new one (documents received, fees paid, an apology).
 */
export function controlSteps(
  source: DossierFormSource,
  calendar: WorkingCalendar,
): Readonly<Record<string, string>>[] {
  const { dossier: d, history } = source;
  const rows: Record<string, string>[] = [];
  let due: number | null = null;
  let late = false;
  let supplementRequests = 0;
  let previous: HistoryEntry | null = null;
  for (const entry of history) {
    if (NOT_HANDOVERS.has(entry.action)) continue;
    const step = stepOf(entry);
    if (step === 'accept') due = calendar.addWorkingDays(entry.at, d.workingDays);
    const newDue = numberIn(entry.data, 'newDueAt');
    if (newDue !== null) due = newDue;
    if (step === 'apologize') late = true;
    if (step === 'request_supplement' && ++supplementRequests > 1) late = true;
    if (previous !== null) {
      const note = entry.note === null ? '' : `: ${entry.note.normalize('NFC')}`;
      rows.push({
        office: entry.unitName.normalize('NFC'),
        handover: [
          formDateTime(entry.at),
          `Người giao: ${previous.officerName.normalize('NFC') || '……'}`,
          `Người nhận: ${entry.officerName.normalize('NFC') || '……'}`,
        ].join('\n'),
        mark: stepMark(entry.at, due, late),
        note: `${wordsOf(entry)}${note}`.slice(0, 300),
      });
    }
    previous = entry;
  }
  return rows;
}

/** The dossier's result so far, in the scorecard's words (shared deadline rules at `now`). */
export function outcomeWords(d: Dossier, now: number): string {
  if (d.status === 3) return 'Từ chối tiếp nhận hồ sơ';
  if (d.status === 8) return 'Dừng giải quyết hồ sơ';
  switch (dossierDeadlineState(d, now)) {
    case 'on_track':
      return d.receivedAt === null ? 'Chưa tiếp nhận' : 'Đang giải quyết, trong hạn';
    case 'due_soon':
      return 'Đang giải quyết, sắp đến hạn';
    case 'overdue':
      return 'Đang giải quyết, quá hạn';
    case 'paused':
      return 'Tạm dừng, chờ công dân bổ sung hồ sơ hoặc thực hiện nghĩa vụ tài chính';
    case 'finished_on_time': {
      const end = d.finishedAt ?? d.returnedAt;
      const early = end !== null && d.dueAt !== null && localDayOf(end) < localDayOf(d.dueAt);
      return early ? 'Đã giải quyết trước hạn' : 'Đã giải quyết đúng hạn';
    }
    case 'finished_late':
      return 'Đã giải quyết quá hạn';
  }
}
