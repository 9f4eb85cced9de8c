import { WorkingCalendar } from '../domain/calendar/working-calendar';
import { applyDossierAction, type DossierActionInput } from '../domain/dossier-machine';
import type { ActingOfficer } from '../domain/rules';
import { newDossier, officers, vn } from '../domain/test-fixtures';
import type { Dossier, HistoryEntry, Unit } from '../model';
import type { DossierFormSource } from './values';

/**
 * Dossiers for the forms' tests and benchmark, lived through the real dossier machine so that
 * their histories are what the workbench records. Kept out of the public index.
 */

export const calendar = new WorkingCalendar();

export const commune: Unit = {
  id: 'u1',
  parentId: null,
  code: '000.00.01.H22',
  name: 'Ủy ban nhân dân xã Tân An',
  kind: 'commune',
};

const NAMES: Readonly<Record<string, string>> = {
  'desk-1': 'Trần Thị Ánh',
  'proc-1': 'Lê Hoàng Dũng',
  'lead-1': 'Phạm Quốc Hưng',
};

type Step = readonly [at: string, officer: ActingOfficer, action: DossierActionInput];

/** A dossier filed at `filedAt` that went through `steps` (local times, "2026-02-23T10:30"). */
export function livedDossier(
  steps: readonly Step[],
  overrides: Partial<Dossier> = {},
): DossierFormSource {
  let dossier = newDossier({
    applicantName: 'Nguyễn Thị Hương Giang',
    address: 'Số 12 đường Lê Lợi, ấp Phú Hữu, xã Tân An',
    procedureName: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    documents: [
      { name: 'Đơn đề nghị cấp giấy phép xây dựng', copies: 1, original: true },
      { name: 'Bản vẽ thiết kế xây dựng', copies: 2, original: false },
    ],
    fees: [{ name: 'Lệ phí cấp giấy phép xây dựng', amount: 1_250_000, paid: true }],
    ...overrides,
  });
  const history: HistoryEntry[] = [
    {
      id: 'h0',
      at: dossier.filedAt,
      action: 'filed',
      officerId: null,
      officerName: '',
      unitId: null,
      unitName: 'Cổng Dịch vụ công quốc gia',
      fromStatus: null,
      toStatus: '1',
      note: null,
      visibility: 'citizen',
      data: null,
    },
  ];
  for (const [at, officer, action] of steps) {
    const result = applyDossierAction(dossier, action, { officer, now: vn(at), calendar });
    if (!result.ok) throw new Error(`${action.type} at ${at} refused: ${result.message}`);
    // The machine's result names the new dossier `dossier` or, after the lifecycle change under
    // way, `record`: read whichever it has.
    const next = result as unknown as { readonly dossier?: Dossier; readonly record?: Dossier };
    dossier = next.record ?? next.dossier ?? dossier;
    history.push({
      ...result.history,
      id: `h${history.length}`,
      officerName: NAMES[officer.id] ?? officer.id,
      unitId: commune.id,
      unitName: commune.name,
    });
  }
  return { dossier, history, procedure: null, unit: commune };
}

export { officers, vn };

const { desk, processing, leader } = officers;

/** Accepted at the desk on Monday 23 February 2026, 10:30 (3 working days: due Thursday). */
export const accepted2026 = (): DossierFormSource =>
  livedDossier([['2026-02-23T10:30', desk, { type: 'accept' }]], {
    filedAt: vn('2026-02-23T09:00'),
  });

/** The same, accepted on 12 March 2025: printed with the 2018 forms. */
export const accepted2025 = (): DossierFormSource =>
  livedDossier([['2025-03-12T14:05', desk, { type: 'accept' }]], {
    number: '000.00.01.H22-250312-0007',
    filedAt: vn('2025-03-12T08:00'),
  });

export const refused2026 = (): DossierFormSource =>
  livedDossier(
    [
      [
        '2026-02-23T10:30',
        desk,
        { type: 'refuse', reason: 'Thủ tục không thuộc thẩm quyền giải quyết của xã' },
      ],
    ],
    { filedAt: vn('2026-02-23T09:00') },
  );

export const supplement2026 = (): DossierFormSource =>
  livedDossier(
    [
      [
        '2026-02-23T10:30',
        desk,
        {
          type: 'request_supplement',
          missingDocuments: ['Bản sao Giấy chứng nhận quyền sử dụng đất', 'Ảnh chụp hiện trạng'],
          reason: 'Hồ sơ thiếu giấy tờ về quyền sử dụng đất',
        },
      ],
    ],
    { filedAt: vn('2026-02-23T09:00'), workingDays: 10 },
  );

/** Accepted, taken by an officer, apologised for with a new appointment. */
export const apologized2026 = (): DossierFormSource =>
  livedDossier(
    [
      ['2026-03-02T08:30', desk, { type: 'accept' }],
      ['2026-03-02T09:00', processing, { type: 'start_processing' }],
      [
        '2026-03-04T15:00',
        processing,
        {
          type: 'apologize',
          newDueAt: vn('2026-03-20T17:00'),
          reason: 'Cần lấy ý kiến của cơ quan quản lý đất đai',
        },
      ],
    ],
    { filedAt: vn('2026-03-02T08:00'), workingDays: 10 },
  );

/** Withdrawn by the citizen and stopped. */
export const stopped2026 = (): DossierFormSource =>
  livedDossier(
    [
      ['2026-03-02T08:30', desk, { type: 'accept' }],
      [
        '2026-03-03T10:00',
        desk,
        { type: 'request_withdrawal', reason: 'Công dân có đơn xin rút hồ sơ' },
      ],
      ['2026-03-03T10:15', leader, { type: 'stop', reason: 'Công dân rút hồ sơ theo đơn' }],
    ],
    { filedAt: vn('2026-03-02T08:00') },
  );

/** Accepted, processed and returned: a full control sheet. */
export const returned2026 = (): DossierFormSource =>
  livedDossier(
    [
      ['2026-02-23T10:30', desk, { type: 'accept' }],
      ['2026-02-23T14:00', processing, { type: 'start_processing' }],
      [
        '2026-02-25T16:00',
        processing,
        {
          type: 'finish',
          result: 'approved',
          resultDocuments: [{ name: 'Giấy phép xây dựng', number: '15/GPXD' }],
        },
      ],
      ['2026-02-27T09:00', desk, { type: 'return_result' }],
    ],
    { filedAt: vn('2026-02-23T09:00') },
  );
