import type { Gender } from './data/names';
import type { Province } from './data/places';
import type { SummaryContext } from './data/procedures';
import type { Area, PeopleFactory } from './people';
import type { Prng } from './prng';
import { DAY, formatDate } from './time';

/**
 * The SummaryContext handed to procedure templates. One instance is reused for every dossier
 * (fields are reset per dossier), so templates cost no closures or context objects per row.
 */
export class TemplateContext implements SummaryContext {
  applicantName = '';
  honorific = '';
  applicantGender: Gender = 'male';
  applicantFamilyName = '';
  applicantBirthYear = 1980;
  applicantIdNumber = '';
  year = 2025;
  filedAt = 0;
  area: Area;

  constructor(
    readonly rng: Prng,
    private readonly people: PeopleFactory,
    province: Province,
  ) {
    this.area = { province, commune: -1 };
  }

  person(gender: Gender, familyName?: string, birthYear?: number): string {
    return this.people.name(
      this.rng,
      gender,
      birthYear ?? this.applicantBirthYear,
      this.area.province.region,
      familyName,
    ).full;
  }

  address(): string {
    return this.people.address(this.rng, this.area, 1);
  }

  companyName(): string {
    return this.people.company(this.rng).name;
  }

  taxCode(): string {
    return this.people.taxCode(this.rng);
  }

  dateBefore(minDays: number, maxDays: number): string {
    return formatDate(this.filedAt - this.rng.range(minDays, maxDays) * DAY);
  }

  dateAfter(minDays: number, maxDays: number): string {
    return formatDate(this.filedAt + this.rng.range(minDays, maxDays) * DAY);
  }
}
