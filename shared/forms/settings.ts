import { z } from 'zod';
import type { Unit } from '../model';

/**
 * What an administrator adjusts on the printed forms: the agency's name lines at the top left
 * (the governing body, then the desk), and the place name before the date. Per unit (by id),
 * with a default for every unit; anything left out is derived from the unit and the form set.
 * The core reads it from `forms.json` in the data folder (core/documents/settings.ts).
 */
const Line = z.string().trim().min(1).max(120);

const AgencySettingsSchema = z.strictObject({
  /** Upper case as printed, e.g. ["ỦY BAN NHÂN DÂN XÃ TÂN AN", "BỘ PHẬN MỘT CỬA"]. */
  agencyLines: z.array(Line).min(1).max(3).optional(),
  /** "Tân An" in "Tân An, ngày 23 tháng 02 năm 2026". */
  placeName: Line.optional(),
});
export type AgencySettings = z.output<typeof AgencySettingsSchema>;

export const FormSettingsSchema = z.strictObject({
  default: AgencySettingsSchema.optional(),
  units: z.record(z.string().min(1).max(64), AgencySettingsSchema).optional(),
});
export type FormSettings = z.output<typeof FormSettingsSchema>;

export interface AgencyHeader {
  readonly agencyLines: readonly string[];
  readonly placeName: string;
}

/**
 * The place of a unit's name: what follows its locality word ("Ủy ban nhân dân xã Tân An" →
 * "Tân An", "Sở Tư pháp tỉnh Lâm Đồng" → "Lâm Đồng"); the whole name when it has none.
 */
export function placeOfUnitName(name: string): string {
  const words = name.normalize('NFC').trim();
  const match = /(?:^|\s)(?:tỉnh|thành phố|TP\.|xã|phường|đặc khu)\s+(.+)$/u.exec(words);
  return match?.[1]?.trim() ?? words;
}

/** The header of a unit's forms: its settings, else the unit's name and the set's desk name. */
export function agencyHeader(
  settings: FormSettings,
  unit: Pick<Unit, 'id' | 'name'> | null,
  deskName: string,
): AgencyHeader {
  const own = unit === null ? undefined : settings.units?.[unit.id];
  const fallback = settings.default;
  const unitName = unit?.name.normalize('NFC') ?? '';
  const derivedLines = unitName === '' ? [deskName] : [unitName.toUpperCase(), deskName];
  return {
    agencyLines: own?.agencyLines ?? fallback?.agencyLines ?? derivedLines,
    placeName:
      own?.placeName ?? fallback?.placeName ?? (unitName === '' ? '……' : placeOfUnitName(unitName)),
  };
}
