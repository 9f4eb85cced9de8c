import {
  FAMILY_NAMES,
  GIVEN_NAMES,
  MIDDLE_NAMES,
  REGIONAL_FAMILY_FACTORS,
  TRADITIONAL_MIDDLE,
  traditionalMiddleShare,
  type Gender,
  type Region,
} from './data/names';
import { COMMON_STREETS, PROVINCES, type CommuneKind, type Province } from './data/places';
import { type Prng, WeightedTable } from './prng';
import { slugAscii } from './text';

/**
 * People, companies, identity numbers, phones, e-mails and addresses. Every table is prepared
 * once (weights, ascii folds), so generating a person costs a few table picks and string joins.
 */

interface NamePart {
  readonly text: string;
  /** Lower-case ascii fold, for usernames and e-mail addresses. */
  readonly ascii: string;
}

export interface PersonName {
  readonly full: string;
  readonly family: NamePart;
  readonly middle: NamePart;
  readonly given: NamePart;
  readonly gender: Gender;
}

const part = (text: string): NamePart => ({ text, ascii: slugAscii(text) });

/** Mobile prefixes of Vietnamese carriers (10-digit numbers since the 2018 renumbering). */
const MOBILE_PREFIXES = new WeightedTable<string>([
  // Viettel
  ...(
    ['032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098'] as const
  ).map((p) => [p, 4.2] as const),
  // VinaPhone
  ...(['081', '082', '083', '084', '085', '088', '091', '094'] as const).map(
    (p) => [p, 3.1] as const,
  ),
  // MobiFone
  ...(['070', '076', '077', '078', '079', '089', '090', '093'] as const).map(
    (p) => [p, 2.5] as const,
  ),
  // Vietnamobile, Gmobile, Itel
  ...(['052', '056', '058', '092', '059', '099', '087'] as const).map((p) => [p, 0.6] as const),
]);

const EMAIL_DOMAINS = new WeightedTable<string>([
  ['gmail.com', 82],
  ['yahoo.com', 5],
  ['outlook.com', 4],
  ['icloud.com', 3],
  ['hotmail.com', 3],
  ['yahoo.com.vn', 3],
]);

const COMPANY_TYPES = new WeightedTable<string>([
  ['Công ty TNHH', 55],
  ['Công ty Cổ phần', 35],
  ['Doanh nghiệp tư nhân', 6],
  ['Hợp tác xã', 4],
]);

const COMPANY_SECTORS: readonly string[] = [
  'Thương mại và Dịch vụ',
  'Xây dựng',
  'Đầu tư và Phát triển',
  'Sản xuất',
  'Vận tải',
  'Công nghệ',
  'Thực phẩm',
  'Du lịch',
  'Bất động sản',
  'Kỹ thuật',
  'Nông sản',
  'Môi trường',
  'Giáo dục',
  'Dược phẩm',
  'Xuất nhập khẩu',
  'Nội thất',
  'Cơ khí',
  'Điện tử',
  'Giao nhận Vận tải',
  'Xây dựng và Thương mại',
];

const COMPANY_BRANDS: readonly NamePart[] = [
  'Hoàng Phát',
  'Minh Long',
  'An Khang',
  'Thành Công',
  'Phú Thịnh',
  'Việt Hưng',
  'Đại Phát',
  'Tân Tiến',
  'Hưng Thịnh',
  'Phương Nam',
  'Bình Minh',
  'Sao Việt',
  'Kim Ngân',
  'Đông Á',
  'Thiên Long',
  'Hải Đăng',
  'Trường Sơn',
  'Nam Việt',
  'Phúc An',
  'Đức Tài',
  'Hòa Bình',
  'Trí Việt',
  'Gia Phát',
  'Vạn Xuân',
  'Thái Sơn',
  'Hồng Hà',
  'Quang Minh',
  'Ánh Dương',
  'Đất Việt',
  'Tâm Anh',
  'Đông Dương',
  'Lộc Phát',
].map(part);

const HAMLET_NAMES: readonly string[] = [
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Trung',
  'Tân Lập',
  'Phú Hòa',
  'Bình An',
  'Hòa Thuận',
  'Thượng',
  'Hạ',
  'Mới',
];

/** The address area of an agency: a commune, or the whole province for a department. */
export interface Area {
  readonly province: Province;
  /** Index into province.communes, or -1 for any commune of the province. */
  readonly commune: number;
}

export interface Company {
  readonly name: string;
  readonly taxCode: string;
  readonly slug: string;
}

export class PeopleFactory {
  private readonly families: Record<Region, WeightedTable<NamePart>>;
  private readonly middles: Record<Gender, WeightedTable<NamePart>>;
  private readonly givens: Record<Gender, WeightedTable<NamePart>>;
  private readonly traditional: Record<Gender, NamePart>;
  private readonly familyByText: Map<string, NamePart>;
  private readonly otherProvinces: readonly Province[];

  constructor(private readonly home: Province) {
    const parts = new Map(FAMILY_NAMES.map(([name]) => [name, part(name)] as const));
    this.familyByText = parts;
    const regional = (region: Region) =>
      new WeightedTable(
        FAMILY_NAMES.map(([name, weight]) => [
          parts.get(name) as NamePart,
          weight * (REGIONAL_FAMILY_FACTORS[region][name] ?? 1),
        ]),
      );
    this.families = {
      north: regional('north'),
      central: regional('central'),
      south: regional('south'),
    };
    const table = (entries: readonly (readonly [string, number])[]) =>
      new WeightedTable(entries.map(([name, weight]) => [part(name), weight] as const));
    this.middles = { male: table(MIDDLE_NAMES.male), female: table(MIDDLE_NAMES.female) };
    this.givens = { male: table(GIVEN_NAMES.male), female: table(GIVEN_NAMES.female) };
    this.traditional = {
      male: part(TRADITIONAL_MIDDLE.male),
      female: part(TRADITIONAL_MIDDLE.female),
    };
    this.otherProvinces = PROVINCES.filter((p) => p !== home);
  }

  name(
    rng: Prng,
    gender: Gender,
    birthYear: number,
    region: Region,
    familyName?: string,
  ): PersonName {
    const family =
      (familyName === undefined ? undefined : this.familyByText.get(familyName)) ??
      (familyName === undefined ? this.families[region].pick(rng) : part(familyName));
    const middle = rng.chance(traditionalMiddleShare(birthYear, gender))
      ? this.traditional[gender]
      : this.middles[gender].pick(rng);
    let given = this.givens[gender].pick(rng);
    // 'Minh Minh' or 'Anh Anh' reads as a mistake; draw once more.
    if (given.text === middle.text) given = this.givens[gender].pick(rng);
    return { full: `${family.text} ${middle.text} ${given.text}`, family, middle, given, gender };
  }

  /**
   * 12-digit citizen ID: province of birth registration (3) + century/gender (0/1 for men/women
   * born 1900–1999, 2/3 for 2000–2099) + year of birth (2) + a random 6-digit serial.
   */
  citizenId(rng: Prng, gender: Gender, birthYear: number, livesInHome: boolean): string {
    const province = livesInHome && rng.chance(0.7) ? this.home : rng.pick(PROVINCES);
    const idCodes = province.idCodes;
    const code =
      idCodes.length === 1 || rng.chance(0.6) ? (idCodes[0] as string) : rng.pick(idCodes);
    const century = birthYear >= 2000 ? 2 : 0;
    const digit = century + (gender === 'female' ? 1 : 0);
    const yy = birthYear % 100;
    return `${code}${digit}${yy < 10 ? '0' : ''}${yy}${rng.digits(6)}`;
  }

  mobile(rng: Prng): string {
    return MOBILE_PREFIXES.pick(rng) + rng.digits(7);
  }

  personalEmail(rng: Prng, name: PersonName, birthYear: number): string {
    const yy = String(birthYear % 100).padStart(2, '0');
    const f = name.family.ascii;
    const m = name.middle.ascii;
    const g = name.given.ascii;
    let local: string;
    switch (rng.int(6)) {
      case 0:
        local = `${g}${f}${yy}`;
        break;
      case 1:
        local = `${f}${m}${g}${birthYear}`;
        break;
      case 2:
        local = `${g}.${f}${rng.range(1, 99)}`;
        break;
      case 3:
        local = `${g}${f.charAt(0)}${m.charAt(0)}${yy}`;
        break;
      case 4:
        local = `${f}${g}${rng.range(100, 999)}`;
        break;
      default:
        local = `${g}${m}${f}.${yy}`;
    }
    return `${local}@${EMAIL_DOMAINS.pick(rng)}`;
  }

  company(rng: Prng): Company {
    const type = COMPANY_TYPES.pick(rng);
    const brand = rng.pick(COMPANY_BRANDS);
    const name =
      type === 'Doanh nghiệp tư nhân' || type === 'Hợp tác xã'
        ? `${type} ${brand.text}`
        : `${type} ${rng.pick(COMPANY_SECTORS)} ${brand.text}`;
    return { name, taxCode: this.taxCode(rng), slug: brand.ascii };
  }

  businessEmail(rng: Prng, company: Company): string {
    switch (rng.int(4)) {
      case 0:
        return `info@${company.slug}.vn`;
      case 1:
        return `ketoan.${company.slug}@gmail.com`;
      case 2:
        return `contact@${company.slug}.com.vn`;
      default:
        return `${company.slug}${rng.range(1, 99)}@gmail.com`;
    }
  }

  /**
   * A 10-digit enterprise code (mã số doanh nghiệp = tax code): 2-digit province prefix, 7
   * serial digits and the check digit N10 = 10 − (31·N1 + 29·N2 + 23·N3 + 19·N4 + 17·N5 + 13·N6
   * + 7·N7 + 5·N8 + 3·N9) mod 11; serials whose check would be 10 are never issued.
   */
  taxCode(rng: Prng): string {
    const prefix = rng.chance(0.85) ? this.home.taxPrefix : rng.pick(PROVINCES).taxPrefix;
    for (;;) {
      const body = prefix + (rng.chance(0.6) ? '0' : String(rng.range(1, 9))) + rng.digits(6);
      const check = taxCheckDigit(body);
      if (check !== null) return body + String(check);
    }
  }

  /**
   * An address: house number and street in a ward, or a hamlet in a rural commune, then the
   * commune and the province, as Vietnamese write them.
   */
  address(rng: Prng, area: Area, local = 0.85): string {
    const province = rng.chance(local) ? area.province : rng.pick(this.otherProvinces);
    const communes = province.communes;
    const index =
      province === area.province && area.commune >= 0 ? area.commune : rng.int(communes.length);
    const commune = communes[index] ?? communes[0];
    if (!commune) return province.name;
    const [kind, communeName] = commune;
    return `${this.streetPart(rng, province, kind)}, ${kind} ${communeName}, ${province.name}`;
  }

  private streetPart(rng: Prng, province: Province, kind: CommuneKind): string {
    if (kind !== 'phường' && rng.chance(0.7)) {
      return `${province.hamlet} ${rng.pick(HAMLET_NAMES)}`;
    }
    const streets = province.streets;
    const street = streets && rng.chance(0.6) ? rng.pick(streets) : rng.pick(COMMON_STREETS);
    const word =
      province.alley === 'ngõ' && province.formalName.endsWith('Hà Nội') && rng.chance(0.6)
        ? 'phố'
        : 'đường';
    const number = rng.range(1, 480);
    if (rng.chance(0.3)) {
      return `Số ${rng.range(1, 120)}, ${province.alley} ${number} ${word} ${street}`;
    }
    return `Số ${number} ${word} ${street}`;
  }
}

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/** Check digit of a 9-digit tax-code body, or null when the body is never issued. */
export function taxCheckDigit(body: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (body.charCodeAt(i) - 48) * (TAX_WEIGHTS[i] as number);
  const check = 10 - (sum % 11);
  return check === 10 ? null : check;
}
