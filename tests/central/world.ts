import type { Complaint, Dossier, HistoryEntry, Officer, Unit } from '@shared/model';
import type { SeedData } from '../../central/seed';
import { DEFAULT_CALENDARS } from '../../central/seed';
import { makeDossier, makeHistory } from '../support/fixtures';

/**
 * A small hand-made world for the central API's suites, where every expectation is known:
 *
 *   p  province ─┬─ a  department ─┬─ a1 office
 *                │                 └─ a2 office
 *                ├─ b  commune ──── b1 office
 *                └─ c  department
 *
 * Dossiers and complaints live in the agencies (a, b, c), as in the synthetic world. Each test
 * file starts on a fresh database, and tests within a file use distinct records.
 */

export const DAY = 86_400_000;
/** Around the test run: the state machines check appointments against the real clock. */
export const T0 = Math.floor((Date.now() - 10 * DAY) / 60_000) * 60_000;

export const UNITS: Unit[] = [
  { id: 'p', parentId: null, code: '000.00.00.T01', name: 'UBND tỉnh Thử', kind: 'province' },
  { id: 'a', parentId: 'p', code: '000.00.01.T01', name: 'Sở Tư pháp', kind: 'department' },
  { id: 'a1', parentId: 'a', code: '000.01.01.T01', name: 'Phòng Hộ tịch', kind: 'office' },
  { id: 'a2', parentId: 'a', code: '000.02.01.T01', name: 'Phòng Bổ trợ', kind: 'office' },
  { id: 'b', parentId: 'p', code: '000.00.20.T01', name: 'UBND phường Một', kind: 'commune' },
  { id: 'b1', parentId: 'b', code: '000.01.20.T01', name: 'Phòng Kinh tế', kind: 'office' },
  { id: 'c', parentId: 'p', code: '000.00.02.T01', name: 'Sở Xây dựng', kind: 'department' },
];

function officer(id: string, unitId: string, roles: Officer['roles']): Officer {
  return { id, username: id, fullName: `Cán bộ ${id}`, unitId, roles };
}

export const OFFICERS: Officer[] = [
  officer('desk_a', 'a', ['desk_officer']),
  officer('desk_a_2', 'a', ['desk_officer']),
  officer('proc_a1', 'a1', ['processing_officer']),
  officer('proc_a1_2', 'a1', ['processing_officer']),
  officer('lead_a', 'a', ['leader']),
  officer('lead_a1', 'a1', ['leader']),
  officer('desk_b', 'b', ['desk_officer']),
  officer('lead_b', 'b', ['leader']),
  officer('proc_b1', 'b1', ['processing_officer']),
  officer('desk_c', 'c', ['desk_officer']),
  officer('lead_p', 'p', ['leader']),
  officer('admin_p', 'p', ['administrator']),
];

export const passwordOf = (username: string): string => `pw-${username}-secret`;

function newDossier(id: string, unitId: string, i: number): Dossier {
  const filedAt = T0 + i * 60_000;
  return makeDossier({
    id,
    number: `000.00.01.T01-${id}`,
    unitId,
    status: 1,
    filedAt,
    receivedAt: null,
    dueAt: null,
    dueSoonAt: null,
    clockStartedAt: null,
    assigneeId: null,
    version: 1,
    updatedAt: filedAt,
  });
}

function processingDossier(id: string, unitId: string, assigneeId: string, i: number): Dossier {
  const receivedAt = T0 + i * 60_000;
  return makeDossier({
    id,
    number: `000.00.01.T01-${id}`,
    unitId,
    status: 4,
    filedAt: receivedAt - 3_600_000,
    receivedAt,
    clockStartedAt: receivedAt,
    // Far enough ahead for an apology (at least one working day before it).
    dueAt: Date.now() + 40 * DAY,
    dueSoonAt: Date.now() + 39 * DAY,
    workingDays: 30,
    assigneeId,
    version: 3,
    updatedAt: receivedAt + 3_600_000,
  });
}

function acceptedDossier(id: string, unitId: string, i: number): Dossier {
  const receivedAt = T0 + i * 60_000;
  return makeDossier({
    id,
    number: `000.00.01.T01-${id}`,
    unitId,
    status: 2,
    filedAt: receivedAt - 3_600_000,
    receivedAt,
    clockStartedAt: receivedAt,
    dueAt: Date.now() + 20 * DAY,
    dueSoonAt: Date.now() + 19 * DAY,
    workingDays: 15,
    assigneeId: null,
    version: 2,
    updatedAt: receivedAt,
  });
}

function historyOf(d: Dossier): HistoryEntry[] {
  const entries = [
    makeHistory(`${d.id}-h1`, d.filedAt, 'filed', {
      officerId: null,
      officerName: d.applicantName,
      unitId: null,
      unitName: 'Cổng Dịch vụ công quốc gia',
      toStatus: '1',
      visibility: 'citizen',
    }),
  ];
  if (d.status !== 1 && d.receivedAt !== null) {
    entries.push(
      makeHistory(`${d.id}-h2`, d.receivedAt, 'accepted', {
        officerId: 'desk_a',
        officerName: 'Cán bộ desk_a',
        unitId: d.unitId,
        unitName: 'Một cửa',
        fromStatus: '1',
        toStatus: '2',
      }),
    );
  }
  return entries;
}

function complaint(id: string, unitId: string, i: number): Complaint {
  const receivedAt = T0 + i * 60_000;
  return {
    id,
    number: `PAKN-${id}`,
    senderName: 'Phạm Thị Mai',
    senderPhone: '0912000111',
    senderEmail: '',
    senderAddress: '1 Lê Lợi',
    channel: 'online',
    title: 'Phản ánh về thời gian giải quyết',
    content: 'Hồ sơ của tôi bị chậm.',
    receivedAt,
    status: 'new',
    classification: null,
    unitId,
    assigneeId: null,
    clockStartedAt: receivedAt,
    dueAt: null,
    answer: null,
    approvedAt: null,
    publishedAt: null,
    version: 1,
    updatedAt: receivedAt,
  };
}

export interface WorldRecords {
  readonly dossiers: { dossier: Dossier; history: HistoryEntry[] }[];
  readonly complaints: { complaint: Complaint; history: HistoryEntry[] }[];
}

export function worldRecords(): WorldRecords {
  const dossiers: Dossier[] = [];
  let i = 0;
  for (let n = 1; n <= 30; n++) dossiers.push(newDossier(`a-new-${n}`, 'a', i++));
  for (let n = 1; n <= 12; n++)
    dossiers.push(processingDossier(`a-proc-${n}`, 'a', 'proc_a1', i++));
  for (let n = 1; n <= 10; n++) dossiers.push(acceptedDossier(`a-acc-${n}`, 'a', i++));
  for (let n = 1; n <= 12; n++) dossiers.push(newDossier(`b-new-${n}`, 'b', i++));
  for (let n = 1; n <= 8; n++) dossiers.push(newDossier(`c-new-${n}`, 'c', i++));
  const complaints: Complaint[] = [];
  for (let n = 1; n <= 6; n++) complaints.push(complaint(`ca-${n}`, 'a', i++));
  for (let n = 1; n <= 4; n++) complaints.push(complaint(`cb-${n}`, 'b', i++));
  return {
    dossiers: dossiers.map((dossier) => ({ dossier, history: historyOf(dossier) })),
    complaints: complaints.map((c) => ({
      complaint: c,
      history: [
        makeHistory(`${c.id}-h1`, c.receivedAt, 'received', {
          officerId: null,
          officerName: c.senderName,
          unitId: null,
          unitName: 'Cổng Dịch vụ công quốc gia',
          toStatus: 'new',
        }),
      ],
    })),
  };
}

export function worldSeed(): SeedData {
  const records = worldRecords();
  return {
    units: UNITS,
    officers: OFFICERS.map((o) => ({ officer: o, password: passwordOf(o.username) })),
    procedures: [
      {
        code: '1.001193',
        name: 'Đăng ký khai sinh',
        fieldCode: 'HT',
        fieldName: 'Hộ tịch',
        serviceLevel: 'full',
        workingDays: 3,
      },
    ],
    calendars: DEFAULT_CALENDARS,
    dossiers: records.dossiers,
    complaints: records.complaints,
  };
}

/** Which agency's records each officer must see (their scope's units holding records). */
export const UNITS_WITH_RECORDS = ['a', 'b', 'c'] as const;
