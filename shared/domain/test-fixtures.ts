import type { Complaint, Dossier } from '../model';
import { parseInstant } from './calendar/time';
import type { ActingOfficer } from './rules';

/**
 * Records and officers for the domain's tests. Kept out of the public index: tests import it
 * directly. Not named *.test.ts so that several test files can share it.
 */

/** An instant written in Vietnamese local time, e.g. vn('2026-02-13T10:00'). */
export function vn(local: string): number {
  const t = parseInstant(`${local.length === 16 ? `${local}:00` : local}+07:00`);
  if (t === null) throw new Error(`bad test instant ${local}`);
  return t;
}

export const officers = {
  desk: { id: 'desk-1', roles: ['desk_officer'], unitIds: ['u1'] },
  processing: { id: 'proc-1', roles: ['processing_officer'], unitIds: ['u1'] },
  otherProcessing: { id: 'proc-2', roles: ['processing_officer'], unitIds: ['u1'] },
  leader: { id: 'lead-1', roles: ['leader'], unitIds: ['u1', 'u2'] },
  administrator: { id: 'admin-1', roles: ['administrator'], unitIds: ['u1', 'u2'] },
  trainer: { id: 'trainer-1', roles: ['trainer'], unitIds: ['u1', 'u2'] },
  outsider: {
    id: 'lead-9',
    roles: ['leader', 'desk_officer', 'processing_officer'],
    unitIds: ['u9'],
  },
} as const satisfies Record<string, ActingOfficer>;

export function newDossier(overrides: Partial<Dossier> = {}): Dossier {
  const filedAt = overrides.filedAt ?? vn('2026-02-12T09:00');
  return {
    id: 'd1',
    number: '000.00.01.H22-260212-0001',
    procedureCode: '1.001234',
    procedureName: 'Cấp giấy phép xây dựng',
    applicantName: 'Nguyễn Văn Đức',
    status: 1,
    filedAt,
    receivedAt: null,
    dueAt: null,
    dueSoonAt: null,
    finishedAt: null,
    unitId: 'u1',
    assigneeId: null,
    clockPausedAt: null,
    late: false,
    version: 0,
    fieldCode: 'XD',
    channel: 2,
    applicantIdNumber: '001090012345',
    applicantType: 1,
    phone: '0912345678',
    email: 'duc@example.vn',
    address: 'Hà Nội',
    summary: 'Xin cấp giấy phép xây dựng nhà ở riêng lẻ',
    returnedAt: null,
    workingDays: 3,
    clockStartedAt: null,
    clockRemainingMs: null,
    apologyCount: 0,
    supplementCount: 0,
    documents: [{ name: 'Đơn đề nghị', copies: 1, original: true }],
    fees: [],
    supplementRounds: [],
    resultDocuments: [],
    updatedAt: filedAt,
    ...overrides,
  };
}

export function newComplaint(overrides: Partial<Complaint> = {}): Complaint {
  const receivedAt = overrides.receivedAt ?? vn('2026-03-02T09:00');
  return {
    id: 'c1',
    number: 'PAKN-260302-0001',
    senderName: 'Trần Thị Bích',
    senderPhone: '0987654321',
    senderEmail: '',
    senderAddress: 'Đà Nẵng',
    channel: 'online',
    title: 'Phản ánh thời gian giải quyết hồ sơ',
    content: 'Hồ sơ của tôi quá hạn mà chưa có thư xin lỗi.',
    receivedAt,
    status: 'new',
    classification: null,
    unitId: 'u1',
    assigneeId: null,
    clockStartedAt: receivedAt,
    dueAt: null,
    answer: null,
    approvedAt: null,
    publishedAt: null,
    version: 0,
    updatedAt: receivedAt,
    ...overrides,
  };
}
