/**
 * The provincial administration after the 2025 reorganisation, as far as one-stop dossiers go:
 * departments (Sở, plus the provincial police, which since 2025 issues driving licences and
 * judicial-record certificates) and, in every commune or ward, the People's Committee with its
 * offices. Keys are stable code identifiers; names are what officers and citizens read.
 */

export type DepartmentKey =
  | 'police'
  | 'finance'
  | 'construction'
  | 'agriculture'
  | 'home'
  | 'health'
  | 'education'
  | 'industry'
  | 'culture'
  | 'justice';

export type CommuneOfficeKey = 'office' | 'economy' | 'social' | 'police';

export interface OfficeSpec {
  readonly key: string;
  readonly name: string;
}

export interface DepartmentSpec {
  readonly key: DepartmentKey;
  /** Name before the province: 'Sở Tài chính' + ' thành phố Hà Nội'. */
  readonly name: string;
  readonly offices: readonly OfficeSpec[];
}

export const DEPARTMENTS: readonly DepartmentSpec[] = [
  {
    key: 'police',
    name: 'Công an',
    offices: [
      { key: 'traffic', name: 'Phòng Cảnh sát giao thông' },
      { key: 'records', name: 'Phòng Hồ sơ nghiệp vụ' },
    ],
  },
  {
    key: 'finance',
    name: 'Sở Tài chính',
    offices: [{ key: 'registration', name: 'Phòng Đăng ký kinh doanh' }],
  },
  {
    key: 'construction',
    name: 'Sở Xây dựng',
    offices: [
      { key: 'permits', name: 'Phòng Quản lý hoạt động xây dựng' },
      { key: 'transport', name: 'Phòng Quản lý vận tải, phương tiện và người lái' },
    ],
  },
  {
    key: 'agriculture',
    name: 'Sở Nông nghiệp và Môi trường',
    offices: [
      { key: 'land', name: 'Văn phòng Đăng ký đất đai' },
      { key: 'environment', name: 'Chi cục Bảo vệ môi trường' },
    ],
  },
  {
    key: 'home',
    name: 'Sở Nội vụ',
    offices: [
      { key: 'labour', name: 'Phòng Lao động - Việc làm' },
      { key: 'employment', name: 'Trung tâm Dịch vụ việc làm' },
    ],
  },
  {
    key: 'health',
    name: 'Sở Y tế',
    offices: [
      { key: 'medical', name: 'Phòng Nghiệp vụ Y' },
      { key: 'food', name: 'Chi cục An toàn vệ sinh thực phẩm' },
    ],
  },
  {
    key: 'education',
    name: 'Sở Giáo dục và Đào tạo',
    offices: [{ key: 'quality', name: 'Phòng Quản lý chất lượng' }],
  },
  {
    key: 'industry',
    name: 'Sở Công Thương',
    offices: [{ key: 'trade', name: 'Phòng Quản lý thương mại' }],
  },
  {
    key: 'culture',
    name: 'Sở Văn hóa, Thể thao và Du lịch',
    offices: [{ key: 'tourism', name: 'Phòng Quản lý du lịch' }],
  },
  {
    key: 'justice',
    name: 'Sở Tư pháp',
    offices: [{ key: 'legal', name: 'Phòng Bổ trợ tư pháp' }],
  },
];

/**
 * Offices of a commune People's Committee (two-level government, from 1 July 2025). Wards name
 * their economic office 'Phòng Kinh tế, Hạ tầng và Đô thị'; communes call it 'Phòng Kinh tế'.
 * The commune police is not part of the committee, but receives residence dossiers through the
 * commune's one-stop centre (Trung tâm Phục vụ hành chính công), so it sits here as a processing
 * team. Desk officers and leaders sit in the commune unit itself.
 */
export const COMMUNE_OFFICES: readonly {
  key: CommuneOfficeKey;
  name: (kind: string, place: string) => string;
}[] = [
  { key: 'office', name: () => 'Văn phòng HĐND và UBND' },
  {
    key: 'economy',
    name: (kind) => (kind === 'phường' ? 'Phòng Kinh tế, Hạ tầng và Đô thị' : 'Phòng Kinh tế'),
  },
  { key: 'social', name: () => 'Phòng Văn hóa - Xã hội' },
  { key: 'police', name: (kind, place) => `Công an ${kind} ${place}` },
];
