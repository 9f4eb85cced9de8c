import type { ServiceLevel } from '../../model/codes';
import type { Prng } from '../prng';
import type { Gender } from './names';
import type { DepartmentKey } from './organisation';

/**
 * The procedure catalogue (thủ tục hành chính) of the synthetic province: what citizens and
 * businesses file, how long the law gives the agency, what they bring, what they pay, and how a
 * clerk would summarise the request (TrichYeuHoSo).
 *
 * Codes are in the national format (MaTTHC). Those marked `knownCode: true` were checked against
 * the national or a provincial portal (1.001193 birth, 1.000894 marriage, 2.000815 certified
 * copies, 1.013978 first land certificate…); the others are plausible codes for demos, not
 * references. Durations are the statutory maxima in working days as commonly published; same-day
 * procedures ("trong ngày") count as 1. Fees are in đồng and vary by province: these are typical
 * published amounts, not a tariff.
 */

export interface DocumentSpec {
  readonly name: string;
  /** Number of copies filed (default 1). */
  readonly copies?: number;
  /** Whether the original is filed rather than a copy (default false). */
  readonly original?: boolean;
  /** Filed only in some cases ("nếu có"). */
  readonly optional?: boolean;
}

export interface FeeSpec {
  readonly name: string;
  /** A fixed amount, or a [min, max] range rounded to the thousand. */
  readonly amount: number | readonly [number, number];
  /** Reduced amount when filed online (many fees are halved or waived online). */
  readonly onlineAmount?: number;
}

/** What the summary and result templates may use; the generator provides it per dossier. */
export interface SummaryContext {
  readonly rng: Prng;
  /** Full name of the applicant, or the company name for a business. */
  readonly applicantName: string;
  /** 'ông' or 'bà' for a citizen, '' for a business. */
  readonly honorific: string;
  readonly applicantGender: Gender;
  readonly applicantFamilyName: string;
  readonly applicantBirthYear: number;
  readonly applicantIdNumber: string;
  /** Local calendar year of filing. */
  readonly year: number;
  /** Another person's full name; the family name can be imposed (a child takes the father's). */
  person(gender: Gender, familyName?: string, birthYear?: number): string;
  /** A street or hamlet address in the area of the receiving agency. */
  address(): string;
  companyName(): string;
  /** A new enterprise code (10-digit tax code with a valid check digit). */
  taxCode(): string;
  /** dd/mm/yyyy of a day between `minDays` and `maxDays` calendar days before filing. */
  dateBefore(minDays: number, maxDays: number): string;
  /** dd/mm/yyyy of a day between `minDays` and `maxDays` calendar days after filing. */
  dateAfter(minDays: number, maxDays: number): string;
}

export interface ResultSpec {
  /** Name of the result document (giấy tờ kết quả). */
  readonly name: string;
  readonly number: (ctx: SummaryContext) => string;
}

export interface ProcedureSpec {
  readonly code: string;
  readonly knownCode: boolean;
  readonly name: string;
  readonly fieldCode: string;
  readonly fieldName: string;
  readonly serviceLevel: ServiceLevel;
  readonly workingDays: number;
  /** Who handles it: the commune People's Committee or a provincial department. */
  readonly agency: 'commune' | DepartmentKey;
  /**
   * The office whose officers process it: a COMMUNE_OFFICES key for commune procedures, else the
   * key of one of the department's offices (a test checks that it exists).
   */
  readonly office: string;
  /** Relative share of the province's dossiers. */
  readonly weight: number;
  /** Share of dossiers filed by a business (LoaiDoiTuong 2). */
  readonly businessShare: number;
  /** Applicant age range for citizens. */
  readonly ages: readonly [number, number];
  /** Share of women among citizen applicants (default 0.5). */
  readonly femaleShare?: number;
  readonly documents: readonly DocumentSpec[];
  readonly fees: readonly FeeSpec[];
  /** Financial obligations assessed during processing (status 6: taxes, land levies). */
  readonly obligations?: readonly FeeSpec[];
  /** Share of dossiers the processing unit sends back for missing documents (default 0.06). */
  readonly supplementRate?: number;
  /** Share of finished dossiers that finish after the appointment (default 0.14). */
  readonly lateRate?: number;
  readonly summary: (ctx: SummaryContext) => string;
  readonly result: ResultSpec;
}

const seqYear =
  (suffix = '') =>
  (ctx: SummaryContext): string =>
    `${ctx.rng.range(1, 4999)}/${ctx.year}${suffix}`;
const seqSuffix =
  (suffix: string) =>
  (ctx: SummaryContext): string =>
    `${ctx.rng.range(1, 9999)}/${suffix}`;
const landSerial = (ctx: SummaryContext): string =>
  `${ctx.rng.pick(['AA', 'AB', 'AC', 'AD'])} ${ctx.rng.digits(8)}`;
const parcel = (ctx: SummaryContext): string =>
  `thửa đất số ${ctx.rng.range(12, 980)}, tờ bản đồ số ${ctx.rng.range(1, 64)}`;
const area = (ctx: SummaryContext, min: number, max: number): string => {
  const tenths = ctx.rng.range(min * 10, max * 10);
  return `${Math.floor(tenths / 10)},${tenths % 10}`;
};
const capital = (ctx: SummaryContext): string =>
  ctx.rng.pick([
    '500.000.000',
    '1.000.000.000',
    '2.000.000.000',
    '3.500.000.000',
    '5.000.000.000',
    '10.000.000.000',
  ]);

const APPLICANT_ID_DOC: DocumentSpec = {
  name: 'Căn cước hoặc giấy tờ tùy thân của người nộp hồ sơ',
  original: true,
};

const SHOPS: readonly (readonly [string, string])[] = [
  ['Tạp hóa', 'bán lẻ hàng tạp hóa, đồ uống'],
  ['Quán cà phê', 'dịch vụ ăn uống (cà phê, giải khát)'],
  ['Cơm tấm', 'dịch vụ ăn uống'],
  ['Tiệm bánh mì', 'sản xuất và bán lẻ bánh mì'],
  ['Sửa xe', 'sửa chữa, bảo dưỡng xe máy'],
  ['Salon tóc', 'cắt tóc, gội đầu'],
  ['Nhà thuốc', 'bán lẻ thuốc'],
  ['Văn phòng phẩm', 'bán lẻ văn phòng phẩm, photocopy'],
  ['Phở', 'dịch vụ ăn uống'],
  ['Điện máy', 'bán lẻ đồ điện gia dụng'],
];
const SHOP_NAMES: readonly string[] = [
  'Minh Anh',
  'Hoa Sữa',
  'Phương Nam',
  'Hồng Phát',
  'Thành Đạt',
  'Bảo Ngọc',
  'Cô Ba',
  'Út Hiền',
  'Tâm Đức',
  'An Khang',
  'Lộc Phát',
  'Thu Hà',
];
const BANKS: readonly string[] = [
  'Agribank',
  'Vietcombank',
  'BIDV',
  'VietinBank',
  'Techcombank',
  'MB',
  'ACB',
  'Sacombank',
  'VPBank',
  'SHB',
];
const FOREIGNERS: readonly (readonly [string, string])[] = [
  ['Kim Min-jun', 'Hàn Quốc'],
  ['Park Ji-hoon', 'Hàn Quốc'],
  ['Tanaka Hiroshi', 'Nhật Bản'],
  ['Sato Yuki', 'Nhật Bản'],
  ['Wang Wei', 'Trung Quốc'],
  ['Chen Li', 'Trung Quốc'],
  ['Lin Chia-hao', 'Trung Quốc (Đài Loan)'],
  ['John Smith', 'Anh'],
  ['Michael Brown', 'Hoa Kỳ'],
  ['Somchai Chaiyaporn', 'Thái Lan'],
  ['Rajesh Kumar', 'Ấn Độ'],
  ['Thomas Müller', 'Đức'],
];
const FOREIGN_ROLES: readonly string[] = [
  'giám đốc điều hành',
  'chuyên gia kỹ thuật',
  'quản lý sản xuất',
  'kỹ sư phần mềm',
  'chuyên gia tư vấn',
  'giáo viên tiếng Anh',
];

export const PROCEDURES: readonly ProcedureSpec[] = [
  // ── Commune level: civil status, certification, residence, social, business, land ──────────
  {
    code: '1.001193',
    knownCode: true,
    name: 'Đăng ký khai sinh',
    fieldCode: 'HO_TICH',
    fieldName: 'Hộ tịch',
    serviceLevel: 'full',
    workingDays: 1,
    agency: 'commune',
    office: 'office',
    weight: 8,
    businessShare: 0,
    ages: [20, 42],
    femaleShare: 0.45,
    documents: [
      { name: 'Tờ khai đăng ký khai sinh', original: true },
      { name: 'Giấy chứng sinh', original: true },
      APPLICANT_ID_DOC,
      { name: 'Giấy chứng nhận kết hôn của cha, mẹ', optional: true },
    ],
    fees: [],
    supplementRate: 0.02,
    lateRate: 0.07,
    summary: (ctx) => {
      const isFather = ctx.applicantGender === 'male';
      const childGender: Gender = ctx.rng.chance(0.51) ? 'male' : 'female';
      const child = ctx.person(
        childGender,
        isFather ? ctx.applicantFamilyName : undefined,
        ctx.year,
      );
      return `Đăng ký khai sinh cho cháu ${child}, sinh ngày ${ctx.dateBefore(3, 55)}; người yêu cầu: ${ctx.honorific} ${ctx.applicantName} (${isFather ? 'cha' : 'mẹ'})`;
    },
    result: { name: 'Giấy khai sinh (bản chính)', number: seqYear() },
  },
  {
    code: '1.000894',
    knownCode: true,
    name: 'Đăng ký kết hôn',
    fieldCode: 'HO_TICH',
    fieldName: 'Hộ tịch',
    serviceLevel: 'partial',
    workingDays: 1,
    agency: 'commune',
    office: 'office',
    weight: 3,
    businessShare: 0,
    ages: [20, 45],
    documents: [
      { name: 'Tờ khai đăng ký kết hôn', original: true },
      { name: 'Căn cước của hai bên nam, nữ', copies: 2, original: true },
      { name: 'Giấy xác nhận tình trạng hôn nhân', optional: true, original: true },
    ],
    fees: [],
    supplementRate: 0.03,
    lateRate: 0.07,
    summary: (ctx) => {
      const otherGender: Gender = ctx.applicantGender === 'male' ? 'female' : 'male';
      const other = ctx.person(
        otherGender,
        undefined,
        ctx.applicantBirthYear + ctx.rng.range(-4, 4),
      );
      const [husband, wife] =
        ctx.applicantGender === 'male' ? [ctx.applicantName, other] : [other, ctx.applicantName];
      return `Đăng ký kết hôn giữa ông ${husband} và bà ${wife}`;
    },
    result: { name: 'Giấy chứng nhận kết hôn', number: seqYear() },
  },
  {
    code: '1.000656',
    knownCode: true,
    name: 'Đăng ký khai tử',
    fieldCode: 'HO_TICH',
    fieldName: 'Hộ tịch',
    serviceLevel: 'full',
    workingDays: 1,
    agency: 'commune',
    office: 'office',
    weight: 2.5,
    businessShare: 0,
    ages: [30, 70],
    documents: [
      { name: 'Tờ khai đăng ký khai tử', original: true },
      { name: 'Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử', original: true },
      APPLICANT_ID_DOC,
    ],
    fees: [],
    supplementRate: 0.02,
    lateRate: 0.07,
    summary: (ctx) => {
      const gender: Gender = ctx.rng.chance(0.5) ? 'male' : 'female';
      const deceased = ctx.person(
        gender,
        ctx.rng.chance(0.6) ? ctx.applicantFamilyName : undefined,
        ctx.applicantBirthYear - ctx.rng.range(22, 35),
      );
      return `Đăng ký khai tử cho ${gender === 'male' ? 'ông' : 'bà'} ${deceased}, chết ngày ${ctx.dateBefore(1, 14)}; người đi khai tử: ${ctx.honorific} ${ctx.applicantName} (con)`;
    },
    result: { name: 'Trích lục khai tử', number: seqYear() },
  },
  {
    code: '1.004873',
    knownCode: false,
    name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    fieldCode: 'HO_TICH',
    fieldName: 'Hộ tịch',
    serviceLevel: 'full',
    workingDays: 3,
    agency: 'commune',
    office: 'office',
    weight: 4,
    businessShare: 0,
    ages: [20, 55],
    documents: [
      { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', original: true },
      APPLICANT_ID_DOC,
      { name: 'Bản án, quyết định ly hôn đã có hiệu lực pháp luật', optional: true },
    ],
    fees: [
      { name: 'Lệ phí cấp Giấy xác nhận tình trạng hôn nhân', amount: 15_000, onlineAmount: 7_000 },
    ],
    summary: (ctx) =>
      `Xác nhận tình trạng hôn nhân cho ${ctx.honorific} ${ctx.applicantName} để ${ctx.rng.pick(['đăng ký kết hôn', 'bổ sung hồ sơ vay vốn ngân hàng', 'làm thủ tục mua bán nhà đất', 'bổ sung hồ sơ đi lao động ở nước ngoài', 'làm thủ tục nhận con nuôi'])}`,
    result: { name: 'Giấy xác nhận tình trạng hôn nhân', number: seqSuffix('XNTTHN') },
  },
  {
    code: '2.000635',
    knownCode: false,
    name: 'Cấp bản sao Trích lục hộ tịch',
    fieldCode: 'HO_TICH',
    fieldName: 'Hộ tịch',
    serviceLevel: 'full',
    workingDays: 1,
    agency: 'commune',
    office: 'office',
    weight: 3,
    businessShare: 0,
    ages: [18, 70],
    documents: [
      { name: 'Tờ khai cấp bản sao trích lục hộ tịch', original: true },
      APPLICANT_ID_DOC,
    ],
    fees: [{ name: 'Phí cấp bản sao trích lục hộ tịch', amount: [8_000, 40_000] }],
    supplementRate: 0.01,
    lateRate: 0.06,
    summary: (ctx) =>
      `Cấp ${ctx.rng.range(1, 5)} bản sao trích lục ${ctx.rng.pick(['khai sinh', 'khai sinh', 'kết hôn', 'khai tử'])} cho ${ctx.honorific} ${ctx.applicantName}`,
    result: { name: 'Bản sao trích lục hộ tịch', number: seqSuffix('TLBS') },
  },
  {
    code: '1.004884',
    knownCode: false,
    name: 'Đăng ký lại khai sinh',
    fieldCode: 'HO_TICH',
    fieldName: 'Hộ tịch',
    serviceLevel: 'partial',
    workingDays: 5,
    agency: 'commune',
    office: 'office',
    weight: 0.6,
    businessShare: 0,
    ages: [25, 80],
    documents: [
      { name: 'Tờ khai đăng ký lại khai sinh', original: true },
      { name: 'Bản sao giấy tờ có thông tin về nội dung khai sinh' },
      APPLICANT_ID_DOC,
    ],
    fees: [{ name: 'Lệ phí đăng ký hộ tịch', amount: 5_000 }],
    supplementRate: 0.12,
    summary: (ctx) =>
      `Đăng ký lại khai sinh cho ${ctx.honorific} ${ctx.applicantName}, sinh năm ${ctx.applicantBirthYear}, do bản chính Giấy khai sinh bị ${ctx.rng.pick(['thất lạc', 'hư hỏng', 'mất trong thiên tai'])}`,
    result: { name: 'Giấy khai sinh (đăng ký lại)', number: seqYear() },
  },
  {
    code: '1.004859',
    knownCode: false,
    name: 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch',
    fieldCode: 'HO_TICH',
    fieldName: 'Hộ tịch',
    serviceLevel: 'partial',
    workingDays: 3,
    agency: 'commune',
    office: 'office',
    weight: 1,
    businessShare: 0,
    ages: [18, 70],
    documents: [
      { name: 'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', original: true },
      { name: 'Giấy khai sinh (bản chính)', original: true },
      { name: 'Giấy tờ làm căn cứ cải chính' },
    ],
    fees: [{ name: 'Lệ phí đăng ký hộ tịch', amount: 15_000 }],
    supplementRate: 0.1,
    summary: (ctx) =>
      `Cải chính ${ctx.rng.pick(['ngày, tháng, năm sinh', 'tên đệm', 'quê quán', 'dân tộc', 'họ của cha'])} trong Giấy khai sinh của ${ctx.honorific} ${ctx.applicantName}`,
    result: { name: 'Trích lục thay đổi, cải chính hộ tịch', number: seqSuffix('TLCC') },
  },
  {
    code: '2.000815',
    knownCode: true,
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
    fieldCode: 'CHUNG_THUC',
    fieldName: 'Chứng thực',
    serviceLevel: 'partial',
    workingDays: 1,
    agency: 'commune',
    office: 'office',
    weight: 12,
    businessShare: 0.05,
    ages: [18, 65],
    documents: [
      { name: 'Bản chính giấy tờ, văn bản cần chứng thực', original: true },
      { name: 'Bản sao cần chứng thực', copies: 2 },
    ],
    fees: [{ name: 'Phí chứng thực bản sao từ bản chính', amount: [2_000, 30_000] }],
    supplementRate: 0.01,
    lateRate: 0.06,
    summary: (ctx) =>
      `Chứng thực bản sao từ bản chính: ${ctx.rng.pick(['Giấy khai sinh', 'Bằng tốt nghiệp đại học', 'Bằng tốt nghiệp trung học phổ thông', 'Học bạ trung học phổ thông', 'Giấy chứng nhận quyền sử dụng đất', 'Căn cước', 'Giấy chứng nhận đăng ký xe', 'Giấy chứng nhận đăng ký doanh nghiệp'])} (${ctx.rng.range(1, 10)} bản)`,
    result: { name: 'Bản sao có chứng thực', number: seqYear('-SCT/BS') },
  },
  {
    code: '2.000884',
    knownCode: false,
    name: 'Chứng thực chữ ký trong các giấy tờ, văn bản',
    fieldCode: 'CHUNG_THUC',
    fieldName: 'Chứng thực',
    serviceLevel: 'partial',
    workingDays: 1,
    agency: 'commune',
    office: 'office',
    weight: 3,
    businessShare: 0,
    ages: [18, 75],
    documents: [
      { name: 'Giấy tờ, văn bản cần chứng thực chữ ký', original: true },
      APPLICANT_ID_DOC,
    ],
    fees: [{ name: 'Phí chứng thực chữ ký', amount: 10_000 }],
    supplementRate: 0.01,
    lateRate: 0.06,
    summary: (ctx) =>
      `Chứng thực chữ ký của ${ctx.honorific} ${ctx.applicantName} trên ${ctx.rng.pick(['Giấy ủy quyền', 'Bản cam kết', 'Đơn đề nghị', 'Tờ khai nhận con nuôi', 'Giấy xác nhận thu nhập'])}`,
    result: { name: 'Giấy tờ có chứng thực chữ ký', number: seqYear('-SCT/CK,ĐC') },
  },
  {
    code: '2.001035',
    knownCode: false,
    name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở',
    fieldCode: 'CHUNG_THUC',
    fieldName: 'Chứng thực',
    serviceLevel: 'partial',
    workingDays: 2,
    agency: 'commune',
    office: 'office',
    weight: 2,
    businessShare: 0,
    ages: [25, 75],
    documents: [
      { name: 'Dự thảo hợp đồng, giao dịch', original: true },
      { name: 'Căn cước của các bên tham gia', copies: 2 },
      { name: 'Giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản' },
    ],
    fees: [{ name: 'Phí chứng thực hợp đồng, giao dịch', amount: [50_000, 100_000] }],
    summary: (ctx) =>
      `Chứng thực ${ctx.rng.pick(['hợp đồng tặng cho xe mô tô', 'hợp đồng ủy quyền quản lý nhà ở', `hợp đồng chuyển nhượng quyền sử dụng ${parcel(ctx)}`, 'văn bản thỏa thuận phân chia di sản', 'hợp đồng thuê nhà ở'])} giữa ${ctx.honorific} ${ctx.applicantName} và ${ctx.person(ctx.rng.chance(0.5) ? 'male' : 'female')}`,
    result: { name: 'Hợp đồng, giao dịch đã được chứng thực', number: seqYear('-SCT/HĐGD') },
  },
  {
    code: '1.004194',
    knownCode: false,
    name: 'Đăng ký thường trú',
    fieldCode: 'CU_TRU',
    fieldName: 'Đăng ký, quản lý cư trú',
    serviceLevel: 'full',
    workingDays: 7,
    agency: 'commune',
    office: 'police',
    weight: 6,
    businessShare: 0,
    ages: [18, 70],
    documents: [
      { name: 'Tờ khai thay đổi thông tin cư trú (CT01)', original: true },
      { name: 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp' },
      {
        name: 'Văn bản đồng ý cho đăng ký thường trú của chủ hộ, chủ sở hữu chỗ ở',
        optional: true,
        original: true,
      },
    ],
    fees: [{ name: 'Lệ phí đăng ký thường trú', amount: 20_000, onlineAmount: 10_000 }],
    supplementRate: 0.08,
    summary: (ctx) =>
      `Đăng ký thường trú tại ${ctx.address()} (${ctx.rng.pick(['chỗ ở hợp pháp thuộc quyền sở hữu của công dân', 'nhập vào hộ của cha, mẹ', 'về ở với vợ/chồng', 'thuê nhà ở, được chủ nhà đồng ý', 'nhập vào hộ của con'])})`,
    result: {
      name: 'Thông báo về kết quả giải quyết thủ tục đăng ký cư trú',
      number: seqSuffix('TB-CAX'),
    },
  },
  {
    code: '1.004222',
    knownCode: false,
    name: 'Đăng ký tạm trú',
    fieldCode: 'CU_TRU',
    fieldName: 'Đăng ký, quản lý cư trú',
    serviceLevel: 'full',
    workingDays: 3,
    agency: 'commune',
    office: 'police',
    weight: 4,
    businessShare: 0,
    ages: [18, 60],
    documents: [
      { name: 'Tờ khai thay đổi thông tin cư trú (CT01)', original: true },
      { name: 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp' },
    ],
    fees: [{ name: 'Lệ phí đăng ký tạm trú', amount: 15_000, onlineAmount: 7_000 }],
    supplementRate: 0.05,
    summary: (ctx) =>
      `Đăng ký tạm trú tại ${ctx.address()}, thời hạn ${ctx.rng.pick(['06', '12', '24'])} tháng (${ctx.rng.pick(['đi làm', 'đi học', 'thuê trọ', 'ở nhờ nhà người thân'])})`,
    result: {
      name: 'Thông báo về kết quả giải quyết thủ tục đăng ký cư trú',
      number: seqSuffix('TB-CAX'),
    },
  },
  {
    code: '1.000494',
    knownCode: true,
    name: 'Thực hiện trợ cấp xã hội hàng tháng đối với người cao tuổi',
    fieldCode: 'BAO_TRO_XA_HOI',
    fieldName: 'Bảo trợ xã hội',
    serviceLevel: 'partial',
    workingDays: 7,
    agency: 'commune',
    office: 'social',
    weight: 1.5,
    businessShare: 0,
    ages: [40, 65],
    documents: [
      { name: 'Tờ khai đề nghị trợ giúp xã hội (Mẫu số 1a)', original: true },
      { name: 'Căn cước của người cao tuổi' },
    ],
    fees: [],
    supplementRate: 0.1,
    lateRate: 0.12,
    summary: (ctx) => {
      const gender: Gender = ctx.rng.chance(0.6) ? 'female' : 'male';
      const elder = ctx.person(
        gender,
        ctx.rng.chance(0.5) ? ctx.applicantFamilyName : undefined,
        ctx.year - ctx.rng.range(75, 92),
      );
      return `Đề nghị hưởng trợ cấp xã hội hàng tháng cho người cao tuổi: ${gender === 'male' ? 'ông' : 'bà'} ${elder}; người làm đơn: ${ctx.honorific} ${ctx.applicantName} (con)`;
    },
    result: { name: 'Quyết định trợ cấp xã hội hàng tháng', number: seqSuffix('QĐ-UBND') },
  },
  {
    code: '1.000497',
    knownCode: true,
    name: 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội',
    fieldCode: 'BAO_TRO_XA_HOI',
    fieldName: 'Bảo trợ xã hội',
    serviceLevel: 'partial',
    workingDays: 3,
    agency: 'commune',
    office: 'social',
    weight: 0.5,
    businessShare: 0,
    ages: [30, 70],
    documents: [
      { name: 'Tờ khai đề nghị hỗ trợ chi phí mai táng (Mẫu số 04)', original: true },
      { name: 'Trích lục khai tử' },
    ],
    fees: [],
    summary: (ctx) => {
      const gender: Gender = ctx.rng.chance(0.55) ? 'female' : 'male';
      const deceased = ctx.person(gender, undefined, ctx.year - ctx.rng.range(70, 95));
      return `Đề nghị hỗ trợ chi phí mai táng cho ${gender === 'male' ? 'ông' : 'bà'} ${deceased} (đối tượng bảo trợ xã hội), mất ngày ${ctx.dateBefore(3, 40)}`;
    },
    result: { name: 'Quyết định hỗ trợ chi phí mai táng', number: seqSuffix('QĐ-UBND') },
  },
  {
    code: '2.000720',
    knownCode: false,
    name: 'Đăng ký thành lập hộ kinh doanh',
    fieldCode: 'DKKD',
    fieldName: 'Đăng ký kinh doanh',
    serviceLevel: 'full',
    workingDays: 3,
    agency: 'commune',
    office: 'economy',
    weight: 2.5,
    businessShare: 0,
    ages: [22, 60],
    documents: [
      { name: 'Giấy đề nghị đăng ký hộ kinh doanh', original: true },
      {
        name: 'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh',
        optional: true,
      },
      APPLICANT_ID_DOC,
    ],
    fees: [{ name: 'Lệ phí đăng ký hộ kinh doanh', amount: 100_000, onlineAmount: 50_000 }],
    summary: (ctx) => {
      const [kind, trade] = ctx.rng.pick(SHOPS);
      return `Đăng ký thành lập hộ kinh doanh "${kind} ${ctx.rng.pick(SHOP_NAMES)}", ngành nghề: ${trade}; địa điểm kinh doanh: ${ctx.address()}`;
    },
    result: { name: 'Giấy chứng nhận đăng ký hộ kinh doanh', number: seqYear('/GCN-HKD') },
  },
  {
    code: '1.009994',
    knownCode: false,
    name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
    fieldCode: 'XAY_DUNG',
    fieldName: 'Xây dựng',
    serviceLevel: 'partial',
    workingDays: 15,
    agency: 'commune',
    office: 'economy',
    weight: 2,
    businessShare: 0,
    ages: [28, 65],
    documents: [
      { name: 'Đơn đề nghị cấp giấy phép xây dựng', original: true },
      { name: 'Giấy chứng nhận quyền sử dụng đất' },
      { name: 'Bản vẽ thiết kế xây dựng', copies: 2, original: true },
      { name: 'Cam kết bảo đảm an toàn công trình liền kề', optional: true, original: true },
    ],
    fees: [{ name: 'Lệ phí cấp giấy phép xây dựng', amount: 75_000 }],
    supplementRate: 0.2,
    lateRate: 0.2,
    summary: (ctx) =>
      `Cấp giấy phép xây dựng nhà ở riêng lẻ ${ctx.rng.range(2, 6)} tầng, diện tích xây dựng ${area(ctx, 40, 180)} m², tại ${parcel(ctx)}, ${ctx.address()}`,
    result: { name: 'Giấy phép xây dựng', number: seqSuffix('GPXD') },
  },
  {
    code: '1.013978',
    knownCode: true,
    name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu',
    fieldCode: 'DAT_DAI',
    fieldName: 'Đất đai',
    serviceLevel: 'partial',
    workingDays: 20,
    agency: 'commune',
    office: 'economy',
    weight: 1.5,
    businessShare: 0,
    ages: [30, 75],
    documents: [
      { name: 'Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu số 15)', original: true },
      { name: 'Giấy tờ về quyền sử dụng đất theo Điều 137 Luật Đất đai' },
      { name: 'Mảnh trích đo bản đồ địa chính thửa đất', optional: true, original: true },
      { name: 'Chứng từ thực hiện nghĩa vụ tài chính', optional: true },
    ],
    fees: [
      { name: 'Lệ phí cấp Giấy chứng nhận', amount: 100_000 },
      { name: 'Phí thẩm định hồ sơ cấp Giấy chứng nhận', amount: 300_000 },
    ],
    obligations: [
      { name: 'Tiền sử dụng đất', amount: [15_000_000, 650_000_000] },
      { name: 'Lệ phí trước bạ nhà, đất', amount: [500_000, 12_000_000] },
    ],
    supplementRate: 0.18,
    lateRate: 0.25,
    summary: (ctx) =>
      `Đăng ký, cấp Giấy chứng nhận lần đầu đối với ${parcel(ctx)}, diện tích ${area(ctx, 60, 900)} m² tại ${ctx.address()}`,
    result: {
      name: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
      number: landSerial,
    },
  },
  {
    code: '2.000633',
    knownCode: false,
    name: 'Cấp Giấy phép bán lẻ rượu',
    fieldCode: 'LUU_THONG_HANG_HOA',
    fieldName: 'Lưu thông hàng hóa trong nước',
    serviceLevel: 'partial',
    workingDays: 10,
    agency: 'commune',
    office: 'economy',
    weight: 0.3,
    businessShare: 0.3,
    ages: [25, 60],
    documents: [
      { name: 'Đơn đề nghị cấp Giấy phép bán lẻ rượu', original: true },
      { name: 'Giấy chứng nhận đăng ký kinh doanh' },
      { name: 'Văn bản giới thiệu của tổ chức, cá nhân cung cấp rượu' },
    ],
    fees: [{ name: 'Phí thẩm định cấp Giấy phép bán lẻ rượu', amount: 1_200_000 }],
    summary: (ctx) =>
      `Cấp Giấy phép bán lẻ rượu cho ${ctx.honorific ? `cửa hàng của ${ctx.honorific} ${ctx.applicantName}` : ctx.applicantName} tại ${ctx.address()}`,
    result: { name: 'Giấy phép bán lẻ rượu', number: seqSuffix('GP-UBND') },
  },

  // ── Province level ─────────────────────────────────────────────────────────────────────────
  {
    code: '1.000010',
    knownCode: false,
    name: 'Cấp đổi giấy phép lái xe',
    fieldCode: 'DUONG_BO',
    fieldName: 'Đường bộ',
    serviceLevel: 'full',
    workingDays: 5,
    agency: 'police',
    office: 'traffic',
    weight: 7,
    businessShare: 0,
    ages: [22, 65],
    femaleShare: 0.3,
    documents: [
      { name: 'Đơn đề nghị đổi, cấp lại giấy phép lái xe', original: true },
      { name: 'Giấy khám sức khỏe của người lái xe', original: true },
      { name: 'Giấy phép lái xe đang sử dụng' },
    ],
    fees: [{ name: 'Lệ phí cấp giấy phép lái xe', amount: 135_000, onlineAmount: 115_000 }],
    supplementRate: 0.04,
    summary: (ctx) => {
      const [from, to] = ctx.rng.pick([
        ['B2', 'B'],
        ['B2', 'B'],
        ['B', 'B'],
        ['C', 'C1'],
        ['D', 'D2'],
        ['B1', 'B'],
      ] as const);
      return `Đổi giấy phép lái xe hạng ${from} số ${ctx.applicantIdNumber.slice(0, 3)}${ctx.rng.digits(9)}${from === to ? '' : ` sang hạng ${to}`}, có thời hạn đến ngày ${ctx.dateAfter(5, 80)}`;
    },
    result: { name: 'Giấy phép lái xe', number: (ctx) => ctx.rng.digits(12) },
  },
  {
    code: '1.000025',
    knownCode: false,
    name: 'Cấp lại giấy phép lái xe',
    fieldCode: 'DUONG_BO',
    fieldName: 'Đường bộ',
    serviceLevel: 'partial',
    workingDays: 10,
    agency: 'police',
    office: 'traffic',
    weight: 1.5,
    businessShare: 0,
    ages: [22, 65],
    femaleShare: 0.3,
    documents: [
      { name: 'Đơn đề nghị đổi, cấp lại giấy phép lái xe', original: true },
      { name: 'Giấy khám sức khỏe của người lái xe', original: true },
    ],
    fees: [{ name: 'Lệ phí cấp giấy phép lái xe', amount: 135_000 }],
    summary: (ctx) =>
      `Cấp lại giấy phép lái xe hạng ${ctx.rng.pick(['A1', 'A', 'B', 'C1'])} bị ${ctx.rng.pick(['mất', 'mất', 'hỏng'])}, ngày trúng tuyển ${ctx.dateBefore(700, 4000)}`,
    result: { name: 'Giấy phép lái xe', number: (ctx) => ctx.rng.digits(12) },
  },
  {
    code: '2.000488',
    knownCode: false,
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    fieldCode: 'LY_LICH_TU_PHAP',
    fieldName: 'Lý lịch tư pháp',
    serviceLevel: 'full',
    workingDays: 10,
    agency: 'police',
    office: 'records',
    weight: 5,
    businessShare: 0,
    ages: [18, 45],
    documents: [
      { name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', original: true },
      { name: 'Căn cước của người được cấp Phiếu lý lịch tư pháp' },
      { name: 'Văn bản ủy quyền', optional: true, original: true },
    ],
    fees: [{ name: 'Phí cung cấp thông tin lý lịch tư pháp', amount: 200_000 }],
    supplementRate: 0.03,
    lateRate: 0.12,
    summary: (ctx) =>
      `Cấp Phiếu lý lịch tư pháp số ${ctx.rng.chance(0.85) ? '1' : '2'} cho ${ctx.honorific} ${ctx.applicantName} để ${ctx.rng.pick(['bổ sung hồ sơ xin việc', 'xin thị thực đi nước ngoài', 'đăng ký thành lập doanh nghiệp', 'bổ sung hồ sơ du học', 'bổ sung hồ sơ kết hôn với người nước ngoài'])}`,
    result: { name: 'Phiếu lý lịch tư pháp', number: seqYear('/LLTP') },
  },
  {
    code: '2.002027',
    knownCode: false,
    name: 'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên',
    fieldCode: 'DKKD',
    fieldName: 'Đăng ký kinh doanh',
    serviceLevel: 'full',
    workingDays: 3,
    agency: 'finance',
    office: 'registration',
    weight: 1.2,
    businessShare: 0,
    ages: [24, 60],
    femaleShare: 0.35,
    documents: [
      { name: 'Giấy đề nghị đăng ký doanh nghiệp', original: true },
      { name: 'Điều lệ công ty', original: true },
      { name: 'Giấy tờ pháp lý của chủ sở hữu công ty' },
    ],
    fees: [
      { name: 'Lệ phí đăng ký doanh nghiệp', amount: 50_000, onlineAmount: 0 },
      { name: 'Phí công bố nội dung đăng ký doanh nghiệp', amount: 100_000 },
    ],
    supplementRate: 0.15,
    summary: (ctx) =>
      `Đăng ký thành lập ${ctx.companyName().replace(/^Công ty (TNHH|Cổ phần)/, 'Công ty TNHH Một thành viên')}, vốn điều lệ ${capital(ctx)} đồng; chủ sở hữu: ${ctx.honorific} ${ctx.applicantName}`,
    result: { name: 'Giấy chứng nhận đăng ký doanh nghiệp', number: (ctx) => ctx.taxCode() },
  },
  {
    code: '2.001610',
    knownCode: false,
    name: 'Đăng ký thành lập công ty cổ phần',
    fieldCode: 'DKKD',
    fieldName: 'Đăng ký kinh doanh',
    serviceLevel: 'full',
    workingDays: 3,
    agency: 'finance',
    office: 'registration',
    weight: 0.4,
    businessShare: 0,
    ages: [26, 62],
    femaleShare: 0.3,
    documents: [
      { name: 'Giấy đề nghị đăng ký doanh nghiệp', original: true },
      { name: 'Điều lệ công ty', original: true },
      { name: 'Danh sách cổ đông sáng lập', original: true },
      { name: 'Giấy tờ pháp lý của các cổ đông sáng lập' },
    ],
    fees: [
      { name: 'Lệ phí đăng ký doanh nghiệp', amount: 50_000, onlineAmount: 0 },
      { name: 'Phí công bố nội dung đăng ký doanh nghiệp', amount: 100_000 },
    ],
    supplementRate: 0.18,
    summary: (ctx) =>
      `Đăng ký thành lập ${ctx.companyName().replace(/^Công ty (TNHH|Cổ phần)/, 'Công ty Cổ phần')}, vốn điều lệ ${capital(ctx)} đồng; người đại diện theo pháp luật: ${ctx.honorific} ${ctx.applicantName}`,
    result: { name: 'Giấy chứng nhận đăng ký doanh nghiệp', number: (ctx) => ctx.taxCode() },
  },
  {
    code: '2.001199',
    knownCode: false,
    name: 'Đăng ký thay đổi nội dung đăng ký doanh nghiệp',
    fieldCode: 'DKKD',
    fieldName: 'Đăng ký kinh doanh',
    serviceLevel: 'full',
    workingDays: 3,
    agency: 'finance',
    office: 'registration',
    weight: 2,
    businessShare: 1,
    ages: [25, 60],
    documents: [
      { name: 'Thông báo thay đổi nội dung đăng ký doanh nghiệp', original: true },
      {
        name: 'Nghị quyết, quyết định của chủ sở hữu hoặc Hội đồng thành viên, Đại hội đồng cổ đông',
        original: true,
      },
    ],
    fees: [
      { name: 'Lệ phí đăng ký doanh nghiệp', amount: 50_000, onlineAmount: 0 },
      { name: 'Phí công bố nội dung đăng ký doanh nghiệp', amount: 100_000 },
    ],
    supplementRate: 0.12,
    summary: (ctx) =>
      `Đăng ký thay đổi ${ctx.rng.pick(['địa chỉ trụ sở chính', 'người đại diện theo pháp luật', `vốn điều lệ lên ${capital(ctx)} đồng`, 'ngành, nghề kinh doanh', 'tên doanh nghiệp'])} của ${ctx.applicantName} (mã số doanh nghiệp ${ctx.applicantIdNumber})`,
    result: {
      name: 'Giấy chứng nhận đăng ký doanh nghiệp (đăng ký thay đổi)',
      number: (ctx) => ctx.applicantIdNumber,
    },
  },
  {
    code: '2.001233',
    knownCode: false,
    name: 'Thông báo tạm ngừng kinh doanh',
    fieldCode: 'DKKD',
    fieldName: 'Đăng ký kinh doanh',
    serviceLevel: 'full',
    workingDays: 3,
    agency: 'finance',
    office: 'registration',
    weight: 0.6,
    businessShare: 1,
    ages: [25, 60],
    documents: [{ name: 'Thông báo về việc tạm ngừng kinh doanh', original: true }],
    fees: [],
    summary: (ctx) =>
      `Thông báo tạm ngừng kinh doanh của ${ctx.applicantName} từ ngày ${ctx.dateAfter(3, 20)} đến ngày ${ctx.dateAfter(120, 360)}`,
    result: {
      name: 'Giấy xác nhận về việc doanh nghiệp đăng ký tạm ngừng kinh doanh',
      number: seqSuffix('XN-ĐKKD'),
    },
  },
  {
    code: '1.009974',
    knownCode: false,
    name: 'Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II',
    fieldCode: 'XAY_DUNG',
    fieldName: 'Xây dựng',
    serviceLevel: 'partial',
    workingDays: 20,
    agency: 'construction',
    office: 'permits',
    weight: 0.3,
    businessShare: 0.9,
    ages: [30, 65],
    documents: [
      { name: 'Đơn đề nghị cấp giấy phép xây dựng', original: true },
      { name: 'Giấy tờ hợp pháp về quyền sử dụng đất' },
      { name: 'Quyết định phê duyệt dự án, văn bản thẩm định thiết kế xây dựng' },
      { name: 'Bản vẽ thiết kế xây dựng', copies: 2, original: true },
    ],
    fees: [{ name: 'Lệ phí cấp giấy phép xây dựng', amount: 150_000 }],
    supplementRate: 0.25,
    lateRate: 0.22,
    summary: (ctx) =>
      `Cấp giấy phép xây dựng ${ctx.rng.pick(['nhà xưởng sản xuất', 'tòa nhà văn phòng 12 tầng', 'trường mầm non tư thục', 'khách sạn 15 tầng', 'chung cư 20 tầng', 'trung tâm thương mại'])} (công trình cấp ${ctx.rng.pick(['I', 'II', 'II'])}) tại ${ctx.address()}; chủ đầu tư: ${ctx.applicantName}`,
    result: { name: 'Giấy phép xây dựng', number: seqSuffix('GPXD-SXD') },
  },
  {
    code: '1.002859',
    knownCode: false,
    name: 'Cấp phù hiệu xe ô tô kinh doanh vận tải',
    fieldCode: 'DUONG_BO',
    fieldName: 'Đường bộ',
    serviceLevel: 'full',
    workingDays: 2,
    agency: 'construction',
    office: 'transport',
    weight: 1,
    businessShare: 0.9,
    ages: [25, 60],
    documents: [
      { name: 'Giấy đề nghị cấp phù hiệu', original: true },
      { name: 'Danh sách xe đề nghị cấp phù hiệu', original: true },
      { name: 'Giấy chứng nhận đăng ký xe' },
    ],
    fees: [],
    supplementRate: 0.04,
    summary: (ctx) =>
      `Cấp phù hiệu "${ctx.rng.pick(['XE TAXI', 'XE HỢP ĐỒNG', 'XE TẢI', 'XE CHẠY TUYẾN CỐ ĐỊNH', 'XE CÔNG-TEN-NƠ'])}" cho ${ctx.rng.range(1, 25)} xe ô tô của ${ctx.applicantName}`,
    result: { name: 'Phù hiệu xe ô tô kinh doanh vận tải', number: seqSuffix('PH-SXD') },
  },
  {
    code: '1.013831',
    knownCode: true,
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất trong các trường hợp chuyển đổi, chuyển nhượng, thừa kế, tặng cho, góp vốn',
    fieldCode: 'DAT_DAI',
    fieldName: 'Đất đai',
    serviceLevel: 'partial',
    workingDays: 10,
    agency: 'agriculture',
    office: 'land',
    weight: 5,
    businessShare: 0.1,
    ages: [25, 75],
    documents: [
      {
        name: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 18)',
        original: true,
      },
      { name: 'Hợp đồng, văn bản về chuyển quyền đã công chứng, chứng thực', original: true },
      { name: 'Giấy chứng nhận đã cấp', original: true },
      { name: 'Tờ khai thuế thu nhập cá nhân, tờ khai lệ phí trước bạ', original: true },
    ],
    fees: [{ name: 'Phí thẩm định hồ sơ đăng ký biến động', amount: [300_000, 900_000] }],
    obligations: [
      {
        name: 'Thuế thu nhập cá nhân từ chuyển nhượng bất động sản (2%)',
        amount: [8_000_000, 180_000_000],
      },
      { name: 'Lệ phí trước bạ nhà, đất (0,5%)', amount: [2_000_000, 45_000_000] },
    ],
    supplementRate: 0.12,
    lateRate: 0.18,
    summary: (ctx) =>
      `Đăng ký biến động do ${ctx.rng.pick(['chuyển nhượng', 'chuyển nhượng', 'tặng cho', 'thừa kế'])} quyền sử dụng ${parcel(ctx)}, diện tích ${area(ctx, 40, 600)} m² tại ${ctx.address()}; bên nhận: ${ctx.honorific ? `${ctx.honorific} ` : ''}${ctx.applicantName}`,
    result: {
      name: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
      number: landSerial,
    },
  },
  {
    code: '1.012783',
    knownCode: true,
    name: 'Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    fieldCode: 'DAT_DAI',
    fieldName: 'Đất đai',
    serviceLevel: 'partial',
    workingDays: 5,
    agency: 'agriculture',
    office: 'land',
    weight: 2,
    businessShare: 0.05,
    ages: [30, 75],
    documents: [
      {
        name: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 18)',
        original: true,
      },
      { name: 'Giấy chứng nhận đã cấp', original: true },
    ],
    fees: [{ name: 'Lệ phí cấp đổi Giấy chứng nhận', amount: 50_000 }],
    supplementRate: 0.08,
    lateRate: 0.15,
    summary: (ctx) =>
      `Cấp đổi Giấy chứng nhận số ${landSerial(ctx)} do ${ctx.rng.pick(['bị ố, nhòe, rách, hư hỏng', 'đo đạc lại bản đồ địa chính', 'đổi sang mẫu Giấy chứng nhận mới', 'thay đổi số hiệu thửa đất'])}; ${parcel(ctx)} tại ${ctx.address()}`,
    result: {
      name: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
      number: landSerial,
    },
  },
  {
    code: '1.012784',
    knownCode: true,
    name: 'Tách thửa hoặc hợp thửa đất',
    fieldCode: 'DAT_DAI',
    fieldName: 'Đất đai',
    serviceLevel: 'partial',
    workingDays: 15,
    agency: 'agriculture',
    office: 'land',
    weight: 1.2,
    businessShare: 0.03,
    ages: [30, 75],
    documents: [
      { name: 'Đơn đề nghị tách thửa đất, hợp thửa đất (Mẫu số 11)', original: true },
      { name: 'Giấy chứng nhận đã cấp', original: true },
      { name: 'Bản vẽ tách thửa, hợp thửa', original: true },
    ],
    fees: [
      { name: 'Phí đo đạc, tách thửa', amount: 838_000 },
      { name: 'Lệ phí cấp Giấy chứng nhận', amount: 50_000 },
    ],
    supplementRate: 0.15,
    lateRate: 0.2,
    summary: (ctx) =>
      `Tách ${parcel(ctx)}, diện tích ${area(ctx, 100, 1500)} m² tại ${ctx.address()} thành ${ctx.rng.range(2, 5)} thửa`,
    result: {
      name: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
      number: landSerial,
    },
  },
  {
    code: '1.011441',
    knownCode: true,
    name: 'Đăng ký biện pháp bảo đảm bằng quyền sử dụng đất, tài sản gắn liền với đất',
    fieldCode: 'DANG_KY_BIEN_PHAP_BAO_DAM',
    fieldName: 'Đăng ký biện pháp bảo đảm',
    serviceLevel: 'full',
    workingDays: 3,
    agency: 'agriculture',
    office: 'land',
    weight: 3,
    businessShare: 0.2,
    ages: [25, 65],
    documents: [
      { name: 'Phiếu yêu cầu đăng ký biện pháp bảo đảm', original: true },
      { name: 'Hợp đồng thế chấp đã công chứng', original: true },
      { name: 'Giấy chứng nhận đã cấp', original: true },
    ],
    fees: [{ name: 'Phí đăng ký biện pháp bảo đảm', amount: 80_000 }],
    supplementRate: 0.04,
    summary: (ctx) =>
      `Đăng ký thế chấp quyền sử dụng ${parcel(ctx)} tại ${ctx.address()} để bảo đảm khoản vay tại Ngân hàng ${ctx.rng.pick(BANKS)}`,
    result: { name: 'Văn bản chứng nhận đăng ký biện pháp bảo đảm', number: seqSuffix('ĐKTC') },
  },
  {
    code: '1.000105',
    knownCode: false,
    name: 'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam',
    fieldCode: 'LAO_DONG',
    fieldName: 'Lao động',
    serviceLevel: 'full',
    workingDays: 10,
    agency: 'home',
    office: 'labour',
    weight: 0.6,
    businessShare: 1,
    ages: [30, 60],
    documents: [
      { name: 'Văn bản đề nghị cấp giấy phép lao động của người sử dụng lao động', original: true },
      { name: 'Giấy chứng nhận sức khỏe' },
      { name: 'Phiếu lý lịch tư pháp hoặc văn bản xác nhận không phải là người phạm tội' },
      { name: 'Văn bản chứng minh là nhà quản lý, chuyên gia hoặc lao động kỹ thuật' },
      { name: 'Hộ chiếu' },
    ],
    fees: [{ name: 'Lệ phí cấp giấy phép lao động', amount: 600_000 }],
    supplementRate: 0.2,
    lateRate: 0.1,
    summary: (ctx) => {
      const [name, nationality] = ctx.rng.pick(FOREIGNERS);
      return `Cấp giấy phép lao động cho ông/bà ${name} (quốc tịch ${nationality}), vị trí ${ctx.rng.pick(FOREIGN_ROLES)}, làm việc tại ${ctx.applicantName}`;
    },
    result: { name: 'Giấy phép lao động', number: seqYear('/GPLĐ') },
  },
  {
    code: '1.001978',
    knownCode: false,
    name: 'Giải quyết hưởng trợ cấp thất nghiệp',
    fieldCode: 'VIEC_LAM',
    fieldName: 'Việc làm',
    serviceLevel: 'partial',
    workingDays: 20,
    agency: 'home',
    office: 'employment',
    weight: 2.5,
    businessShare: 0,
    ages: [22, 55],
    documents: [
      { name: 'Đề nghị hưởng trợ cấp thất nghiệp', original: true },
      { name: 'Quyết định thôi việc hoặc văn bản chấm dứt hợp đồng lao động' },
      { name: 'Sổ bảo hiểm xã hội', original: true },
    ],
    fees: [],
    supplementRate: 0.08,
    lateRate: 0.08,
    summary: (ctx) =>
      `Đề nghị hưởng trợ cấp thất nghiệp; chấm dứt hợp đồng lao động với ${ctx.companyName()} ngày ${ctx.dateBefore(10, 85)}, thời gian đóng bảo hiểm thất nghiệp ${ctx.rng.range(12, 144)} tháng`,
    result: {
      name: 'Quyết định về việc hưởng trợ cấp thất nghiệp',
      number: seqSuffix('QĐ-TTDVVL'),
    },
  },
  {
    code: '2.000355',
    knownCode: false,
    name: 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
    fieldCode: 'AN_TOAN_THUC_PHAM',
    fieldName: 'An toàn thực phẩm',
    serviceLevel: 'partial',
    workingDays: 20,
    agency: 'health',
    office: 'food',
    weight: 0.6,
    businessShare: 0.8,
    ages: [25, 60],
    documents: [
      {
        name: 'Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
        original: true,
      },
      { name: 'Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ', original: true },
      { name: 'Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất', copies: 3 },
    ],
    fees: [
      {
        name: 'Phí thẩm định cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
        amount: 700_000,
      },
    ],
    supplementRate: 0.2,
    lateRate: 0.15,
    summary: (ctx) =>
      `Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm cho ${ctx.rng.pick(['bếp ăn tập thể', 'nhà hàng', 'cơ sở sản xuất bánh kẹo', 'cơ sở chế biến thủy sản', 'cơ sở sản xuất nước uống đóng chai'])} của ${ctx.honorific ? `${ctx.honorific} ` : ''}${ctx.applicantName} tại ${ctx.address()}`,
    result: {
      name: 'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
      number: seqYear('/ATTP-CNĐK'),
    },
  },
  {
    code: '1.012261',
    knownCode: false,
    name: 'Cấp mới giấy phép hành nghề khám bệnh, chữa bệnh',
    fieldCode: 'KHAM_CHUA_BENH',
    fieldName: 'Khám bệnh, chữa bệnh',
    serviceLevel: 'partial',
    workingDays: 20,
    agency: 'health',
    office: 'medical',
    weight: 0.3,
    businessShare: 0,
    ages: [24, 50],
    femaleShare: 0.6,
    documents: [
      { name: 'Đơn đề nghị cấp mới giấy phép hành nghề', original: true },
      { name: 'Văn bằng chuyên môn' },
      { name: 'Giấy xác nhận hoàn thành thực hành', original: true },
      { name: 'Giấy chứng nhận đủ sức khỏe để hành nghề', original: true },
    ],
    fees: [{ name: 'Phí thẩm định cấp giấy phép hành nghề', amount: 360_000 }],
    supplementRate: 0.15,
    summary: (ctx) =>
      `Cấp mới giấy phép hành nghề khám bệnh, chữa bệnh chức danh ${ctx.rng.pick(['bác sỹ y khoa', 'điều dưỡng', 'y sỹ', 'kỹ thuật y', 'hộ sinh', 'bác sỹ y học cổ truyền'])} cho ${ctx.honorific} ${ctx.applicantName}`,
    result: {
      name: 'Giấy phép hành nghề khám bệnh, chữa bệnh',
      number: (ctx) => `${ctx.rng.digits(6)}/SYT-GPHN`,
    },
  },
  {
    code: '1.005092',
    knownCode: false,
    name: 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc',
    fieldCode: 'VAN_BANG',
    fieldName: 'Văn bằng, chứng chỉ',
    serviceLevel: 'full',
    workingDays: 1,
    agency: 'education',
    office: 'quality',
    weight: 1.2,
    businessShare: 0,
    ages: [19, 50],
    documents: [
      { name: 'Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc', original: true },
      APPLICANT_ID_DOC,
    ],
    fees: [],
    supplementRate: 0.02,
    lateRate: 0.07,
    summary: (ctx) =>
      `Cấp ${ctx.rng.range(1, 4)} bản sao bằng tốt nghiệp trung học phổ thông năm ${Math.min(ctx.year - 1, ctx.applicantBirthYear + 18)} từ sổ gốc cho ${ctx.honorific} ${ctx.applicantName}`,
    result: { name: 'Bản sao văn bằng từ sổ gốc', number: seqSuffix('SGDĐT-BS') },
  },
  {
    code: '2.000620',
    knownCode: false,
    name: 'Cấp Giấy phép bán buôn rượu',
    fieldCode: 'LUU_THONG_HANG_HOA',
    fieldName: 'Lưu thông hàng hóa trong nước',
    serviceLevel: 'partial',
    workingDays: 10,
    agency: 'industry',
    office: 'trade',
    weight: 0.1,
    businessShare: 1,
    ages: [28, 60],
    documents: [
      { name: 'Đơn đề nghị cấp Giấy phép bán buôn rượu', original: true },
      { name: 'Giấy chứng nhận đăng ký doanh nghiệp' },
      { name: 'Hợp đồng nguyên tắc với nhà cung cấp rượu' },
      { name: 'Giấy tờ chứng minh quyền sử dụng kho hàng' },
    ],
    fees: [{ name: 'Phí thẩm định cấp Giấy phép bán buôn rượu', amount: 2_200_000 }],
    supplementRate: 0.15,
    summary: (ctx) =>
      `Cấp Giấy phép bán buôn sản phẩm rượu cho ${ctx.applicantName}, kho hàng tại ${ctx.address()}`,
    result: { name: 'Giấy phép bán buôn rượu', number: seqSuffix('GP-SCT') },
  },
  {
    code: '1.004628',
    knownCode: false,
    name: 'Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa',
    fieldCode: 'DU_LICH',
    fieldName: 'Du lịch',
    serviceLevel: 'full',
    workingDays: 10,
    agency: 'culture',
    office: 'tourism',
    weight: 0.15,
    businessShare: 1,
    ages: [28, 60],
    documents: [
      { name: 'Đơn đề nghị cấp giấy phép kinh doanh dịch vụ lữ hành', original: true },
      { name: 'Giấy chứng nhận ký quỹ kinh doanh dịch vụ lữ hành', original: true },
      { name: 'Quyết định bổ nhiệm người phụ trách kinh doanh dịch vụ lữ hành' },
    ],
    fees: [
      { name: 'Phí thẩm định cấp giấy phép kinh doanh dịch vụ lữ hành nội địa', amount: 3_000_000 },
    ],
    supplementRate: 0.15,
    summary: (ctx) => `Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa cho ${ctx.applicantName}`,
    result: { name: 'Giấy phép kinh doanh dịch vụ lữ hành nội địa', number: seqYear('/GP-LHNĐ') },
  },
  {
    code: '1.001125',
    knownCode: false,
    name: 'Đăng ký hoạt động Văn phòng công chứng',
    fieldCode: 'CONG_CHUNG',
    fieldName: 'Công chứng',
    serviceLevel: 'partial',
    workingDays: 10,
    agency: 'justice',
    office: 'legal',
    weight: 0.05,
    businessShare: 0,
    ages: [35, 65],
    documents: [
      { name: 'Đơn đăng ký hoạt động Văn phòng công chứng', original: true },
      { name: 'Quyết định cho phép thành lập Văn phòng công chứng' },
      { name: 'Giấy tờ chứng minh trụ sở của Văn phòng công chứng' },
    ],
    fees: [{ name: 'Phí thẩm định điều kiện hoạt động Văn phòng công chứng', amount: 1_000_000 }],
    supplementRate: 0.2,
    summary: (ctx) =>
      `Đăng ký hoạt động Văn phòng công chứng ${ctx.applicantFamilyName} ${ctx.rng.pick(['Gia', 'Minh', 'An', 'Phúc', 'Tâm'])}; trưởng văn phòng: công chứng viên ${ctx.applicantName}; trụ sở: ${ctx.address()}`,
    result: { name: 'Giấy đăng ký hoạt động Văn phòng công chứng', number: seqSuffix('TP-ĐKHĐ') },
  },
];
