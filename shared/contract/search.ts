import { z } from 'zod';
import { complaintKind, dossierKind, KIND_NAMES } from '../kinds';
import { DossierStatusSchema, Id, Millis } from '../model/schemas';
import { ComplaintStatusSchema } from './complaints';
import type { EventTable, MethodTable } from './table';

/** Full-text search over every kind of record (`search.query`). */

/** [start, end) offsets in UTF-16 code units of the original text (with its diacritics). */
export const TextRangeSchema = z.tuple([z.number().int().min(0), z.number().int().min(0)]);
export type TextRange = z.infer<typeof TextRangeSchema>;

export const SEARCH_DETAIL_FIELDS = [
  'applicantIdNumber',
  'phone',
  'email',
  'summary',
  'content',
] as const;

const searchHitBase = {
  id: Id,
  number: z.string(),
  /** The applicant's or sender's name. */
  title: z.string(),
  /** The procedure's name (dossier) or the complaint's title. */
  subtitle: z.string(),
  receivedAt: Millis.nullable(),
  /** Highlight ranges in number, title and subtitle, on the original text. */
  highlights: z.object({
    number: z.array(TextRangeSchema),
    title: z.array(TextRangeSchema),
    subtitle: z.array(TextRangeSchema),
  }),
  /**
   * Where else the query matched (ID number, phone, summary…), when the shown fields do not
   * explain the hit: the field, its text (an excerpt with "…" for long text) and the ranges.
   */
  detail: z
    .object({
      field: z.enum(SEARCH_DETAIL_FIELDS),
      text: z.string(),
      ranges: z.array(TextRangeSchema),
    })
    .nullable(),
};

/** A hit on a record of one kind: the kind's name and its status, then what every hit has. */
const hitOf = <N extends string, S extends z.ZodType>(kind: { readonly name: N }, status: S) =>
  z.object({ entity: z.literal(kind.name), status, ...searchHitBase });

export const SearchHitSchema = z.discriminatedUnion('entity', [
  hitOf(dossierKind, DossierStatusSchema),
  hitOf(complaintKind, ComplaintStatusSchema),
]);
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchQueryInputSchema = z
  .object({
    /** What the officer typed; any text is safe (it never reaches FTS5 as syntax). */
    text: z.string().max(200),
    limit: z.number().int().min(1).max(100).default(50),
    entities: z
      .array(z.enum(KIND_NAMES))
      .min(1)
      .max(KIND_NAMES.length)
      .default([...KIND_NAMES]),
  })
  .strict();

export const SearchResultSchema = z.object({
  hits: z.array(SearchHitSchema),
  /** Time spent in the store, for the status line and the benchmark. */
  tookMs: z.number().min(0),
  /**
   * True when more records matched than were ranked: ranking then covers the most recently
   * stored matches only, and the officer should type more.
   */
  truncated: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const methods = {
  /**
   * Finds dossiers and complaints by number, name, ID number, phone or text, typed with or
   * without diacritics; ranked, with highlight ranges on the original text.
   */
  'search.query': { input: SearchQueryInputSchema, output: SearchResultSchema },
} as const satisfies MethodTable;

export const events = {} as const satisfies EventTable;
