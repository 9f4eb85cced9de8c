import { complaintDeadline } from '@shared/domain/complaint-machine';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import type { Complaint, Dossier, HistoryEntry } from '@shared/model';

/** A hand-made dossier for tests that need exact values; realistic bulk data comes from shared/synthetic. */
export function makeDossier(overrides: Partial<Dossier> & { id: string }): Dossier {
  const receivedAt =
    overrides.receivedAt === undefined ? Date.UTC(2026, 1, 2, 2, 0) : overrides.receivedAt;
  return {
    number: `000.00.01.H22-260202-${overrides.id.padStart(4, '0').slice(-4)}`,
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    applicantName: 'Nguyễn Văn Đức',
    status: 4,
    filedAt: receivedAt ?? Date.UTC(2026, 1, 1, 2, 0),
    receivedAt,
    dueAt: receivedAt === null ? null : receivedAt + 3 * 86_400_000,
    dueSoonAt: receivedAt === null ? null : receivedAt + 2 * 86_400_000,
    finishedAt: null,
    unitId: 'u1',
    assigneeId: null,
    clockPausedAt: null,
    late: false,
    version: 1,
    fieldCode: 'HT',
    channel: 2,
    applicantIdNumber: '001090012345',
    applicantType: 1,
    phone: '0912345678',
    email: 'duc@example.vn',
    address: '12 Phố Huế, Phường Hai Bà Trưng, Hà Nội',
    summary: 'Đăng ký khai sinh cho con',
    returnedAt: null,
    workingDays: 3,
    clockStartedAt: receivedAt,
    clockRemainingMs: null,
    apologyCount: 0,
    supplementCount: 0,
    documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1, original: true }],
    fees: [],
    supplementRounds: [],
    resultDocuments: [],
    updatedAt: receivedAt ?? 0,
    ...overrides,
  };
}

export function makeHistory(
  id: string,
  at: number,
  action: string,
  overrides: Partial<HistoryEntry> = {},
): HistoryEntry {
  return {
    id,
    at,
    action,
    officerId: 'o1',
    officerName: 'Trần Thị Hạnh',
    unitId: 'u1',
    unitName: 'UBND Phường Hai Bà Trưng',
    fromStatus: null,
    toStatus: null,
    note: null,
    visibility: 'internal',
    data: null,
    ...overrides,
  };
}

/** A hand-made complaint; `dueAt` defaults to its 15-working-day answer deadline on the default calendar. */
export function makeComplaint(overrides: Partial<Complaint> & { id: string }): Complaint {
  const receivedAt = overrides.receivedAt ?? Date.UTC(2026, 1, 2, 2, 0);
  const clockStartedAt = overrides.clockStartedAt ?? receivedAt;
  const base: Complaint = {
    number: `PAKN-260202-${overrides.id.padStart(4, '0').slice(-4)}`,
    senderName: 'Lê Thị Thu',
    senderPhone: '0987654321',
    senderEmail: 'thu@example.vn',
    senderAddress: '5 Lý Thường Kiệt, Phường Cửa Nam, Hà Nội',
    channel: 'online',
    title: 'Phản ánh thời gian chờ đợi tại Bộ phận Một cửa',
    content: 'Tôi phải chờ hơn hai giờ để được tiếp nhận hồ sơ đăng ký khai sinh.',
    receivedAt,
    status: 'processing',
    classification: 'within_authority',
    unitId: 'u1',
    assigneeId: null,
    clockStartedAt,
    dueAt: null,
    answer: null,
    approvedAt: null,
    publishedAt: null,
    version: 1,
    updatedAt: receivedAt,
    ...overrides,
  };
  return {
    ...base,
    dueAt:
      overrides.dueAt !== undefined
        ? overrides.dueAt
        : complaintDeadline(base, new WorkingCalendar()).dueAt,
  };
}
