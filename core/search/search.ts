import { performance } from 'node:perf_hooks';
import type { SearchHit, SearchResult, TextRange } from '@shared/contract/api';
import { isKindName, type KindName } from '@shared/kinds';
import type { Db } from '../store/db';
import { STORAGE, type AnyStorage } from '../store/kinds';
import { SEARCH_ROWID_TOP, numberCompactForms, phoneDigits } from './documents';
import { searchTokens } from './fold';
import { excerpt, highlightRanges } from './highlight';
import {
  anywhereMatch,
  expressionPhrases,
  identityMatch,
  joinedNameMatch,
  parseQuery,
  type ParsedQuery,
} from './query';

/**
 * One search box over dossiers and complaints (README "Search").
 *
 * Each entity is searched with up to three MATCH expressions, cheapest and most specific first,
 * stopping once enough records were found: the name typed from its start (joined-name prefix),
 * every word in numbers / ID numbers / phones / names, then — when those found fewer than
 * TEXT_STEP_BELOW — every word anywhere (summaries, complaint titles and contents too). Each runs in its own subquery that asks FTS5 for the
 * newest `cap` matches only, in index order (no sort, no scoring), joined to the records by
 * rowid. When a step found all its matches (fewer than `cap`), they are ranked by bm25 with
 * column weights, if every phrase is rare enough to weigh cheaply (BM25_PHRASE_LIMIT); when it
 * found more, the newest `cap` are kept and ordered by date, and the result says `truncated`.
 * bm25 must read every posting of every phrase to weigh it (its IDF), 10 to 300 ms at a million
 * records for a common name, while the newest-first scan stops early.
 *
 * Order: exact identifiers first (the whole dossier number or its date-sequence, an ID number, a
 * phone), then names that start with what was typed, then matches in identity fields, then
 * matches elsewhere; within each, bm25 (best first) when known, else the most recent first.
 */

export interface SearchInput {
  text: string;
  limit: number;
  entities: readonly KindName[];
}

export interface SearchOptions {
  /** Most matches each step reads per entity (default 100: twice the usual limit of 50). */
  cap?: number;
}

/** bm25 weights of the columns ref, name, body: a number or ID match outweighs a name match. */
export const SEARCH_WEIGHTS = [10, 4, 1] as const;

/**
 * bm25 is asked for only when every phrase of the expression matches fewer records than this:
 * weighing a phrase (its IDF) reads all of its postings, 10 to 50 ms for "thi", which half the
 * names hold; a lazy probe that stops at this many costs a fraction of a millisecond.
 */
export const BM25_PHRASE_LIMIT = 2000;

/** The words-anywhere step runs when the identity steps found fewer records than this. */
export const TEXT_STEP_BELOW = 10;

interface CandidateRow {
  r: number;
  id: string;
  number: string;
  title: string;
  subtitle: string;
  status: number | string;
  receivedAt: number | null;
  sortAt: number;
  idNumber: string;
  phone: string;
}

interface Candidate extends CandidateRow {
  entity: KindName;
  step: number;
  score: number | null;
  tier: number;
}

/** The newest `cap` matches of a kind's index, joined to their records by rowid. */
function candidatesOf(storage: AnyStorage): string {
  const { hit, table: index } = storage.search;
  return `SELECT m.r AS r, x.id AS id, x.number AS number, ${hit.title} AS title,
      ${hit.subtitle} AS subtitle, x.status AS status, ${hit.receivedAt} AS receivedAt,
      ${hit.sortAt} AS sortAt, ${hit.idNumber} AS idNumber, ${hit.phone} AS phone
    FROM (SELECT rowid AS r FROM ${index} WHERE ${index} MATCH @match
          ORDER BY rowid LIMIT @cap) AS m
    JOIN ${storage.table} AS x ON x.rowid = ${SEARCH_ROWID_TOP} - m.r`;
}

const scoresSql = (table: string) =>
  `SELECT rowid AS r, bm25(${table}, ${SEARCH_WEIGHTS.join(', ')}) AS score
    FROM ${table} WHERE ${table} MATCH @match`;

/** The SQL of the candidate step, exported for the query-plan test. */
export function candidateSql(entity: KindName): string {
  return candidatesOf(STORAGE[entity]);
}

interface KindStatements {
  candidates: ReturnType<Db['prepare']>;
  scores: ReturnType<Db['prepare']>;
  probe: ReturnType<Db['prepare']>;
  body: ReturnType<Db['prepare']>;
}

export interface SearchService {
  query(input: SearchInput): SearchResult;
}

export function createSearchService(db: Db, options: SearchOptions = {}): SearchService {
  const cap = options.cap ?? 100;
  const statements = new Map<KindName, KindStatements>();
  const of = (entity: KindName): KindStatements => {
    let k = statements.get(entity);
    if (!k) {
      const storage = STORAGE[entity];
      const index = storage.search.table;
      k = {
        candidates: db.prepare(candidatesOf(storage)),
        scores: db.prepare(scoresSql(index)),
        probe: db.prepare(
          `SELECT count(*) AS n FROM (SELECT rowid FROM ${index} WHERE ${index} MATCH @p LIMIT ${BM25_PHRASE_LIMIT})`,
        ),
        body: db.prepare(
          `SELECT ${storage.search.body.column} AS body FROM ${storage.table} WHERE id = ?`,
        ),
      };
      statements.set(entity, k);
    }
    return k;
  };
  const affordable = (entity: KindName, match: string): boolean =>
    expressionPhrases(match).every(
      (p) => (of(entity).probe.get({ p }) as { n: number }).n < BM25_PHRASE_LIMIT,
    );

  /**
   * Runs one step for one entity, adding what it finds. Returns whether the step read all of
   * its matches.
   */
  function runStep(
    entity: KindName,
    match: string,
    step: number,
    found: Map<string, Candidate>,
  ): boolean {
    const rows = of(entity).candidates.all({ match, cap }) as CandidateRow[];
    const complete = rows.length < cap;
    const fresh = rows.filter((r) => !found.has(`${entity}:${r.r}`));
    const scored = new Map<number, number>();
    if (complete && fresh.length > 0 && affordable(entity, match)) {
      for (const s of of(entity).scores.all({ match }) as { r: number; score: number }[]) {
        scored.set(s.r, s.score);
      }
    }
    for (const row of fresh) {
      found.set(`${entity}:${row.r}`, {
        ...row,
        entity,
        step,
        score: scored.get(row.r) ?? null,
        tier: 0,
      });
    }
    return complete;
  }

  return {
    query(input) {
      const t0 = performance.now();
      const q = parseQuery(input.text);
      if (!q) return { hits: [], tookMs: performance.now() - t0, truncated: false };
      const expressions = [joinedNameMatch(q), identityMatch(q), anywhereMatch(q)].filter(
        (m): m is string => m !== null,
      );
      const entities = [...new Set(input.entities)].filter(isKindName);
      const found = new Map<string, Candidate>();
      let truncated = false;
      // Step by step over both entities, so that once enough records were found the broader
      // steps are not run for either. Words in summaries and complaint texts are looked for
      // only when names and numbers gave almost nothing: what an officer types is mostly a
      // name or a number, and that last step is the dearest (common words, long texts).
      const anywhere = expressions.length - 1;
      for (let step = 0; step < expressions.length; step++) {
        if (
          found.size >= (step === anywhere ? Math.min(input.limit, TEXT_STEP_BELOW) : input.limit)
        ) {
          break;
        }
        for (const entity of entities) {
          if (!runStep(entity, expressions[step] ?? '', step, found)) truncated = true;
        }
      }
      const identitySteps = expressions.length - 1;
      const joinedStep = joinedNameMatch(q) !== null;
      const all = [...found.values()];
      for (const c of all) c.tier = tierOf(c, q, identitySteps, joinedStep);
      // bm25 orders a tier only when it scored the whole tier (every step behind it found all
      // its matches); otherwise scored and unscored records would not be comparable.
      const unscoredTiers = new Set(all.filter((c) => c.score === null).map((c) => c.tier));
      for (const c of all) if (unscoredTiers.has(c.tier)) c.score = null;
      all.sort(compareCandidates);
      const hits = all
        .slice(0, input.limit)
        .map((c) =>
          toHit(
            c,
            q,
            () => (of(c.entity).body.get(c.id) as { body: string } | undefined)?.body ?? '',
          ),
        );
      return { hits, tookMs: performance.now() - t0, truncated };
    },
  };
}

function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.tier !== b.tier) return a.tier - b.tier;
  if (a.score !== null && b.score !== null && a.score !== b.score) return a.score - b.score;
  if (a.sortAt !== b.sortAt) return b.sortAt - a.sortAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * 0: the query is a whole identifier of the record; 1: the name starts with the query; 2: found
 * in identity fields (numbers, IDs, phones, names); 3: found elsewhere.
 */
function tierOf(c: Candidate, q: ParsedQuery, identitySteps: number, joinedStep: boolean): number {
  const joined = q.allTokens.join('');
  // Identifiers hold digits: a query without any cannot be one (and skips the folding).
  if (/[0-9]/.test(joined)) {
    const identifiers = [...numberCompactForms(c.number), c.idNumber, phoneDigits(c.phone)];
    const typed = [joined];
    if (q.compactDigits?.startsWith('84') && joined.length >= 11) typed.push(`0${joined.slice(2)}`);
    if (typed.some((t) => t.length >= 4 && identifiers.includes(t))) return 0;
  }
  if (!q.digitsOnly) {
    // The joined-name step finds exactly the names that start with the query.
    if (joinedStep && c.step === 0) return 1;
    if (searchTokens(c.title).join('').startsWith(joined)) return 1;
  }
  return c.step < identitySteps ? 2 : 3;
}

function toHit(c: Candidate, q: ParsedQuery, body: () => string): SearchHit {
  const highlights = {
    number: highlightRanges(c.number, q),
    title: highlightRanges(c.title, q),
    subtitle: highlightRanges(c.subtitle, q),
  };
  const shown = highlights.number.length + highlights.title.length + highlights.subtitle.length;
  const detail = shown > 0 ? null : detailOf(c, q, body);
  const base = {
    id: c.id,
    number: c.number,
    title: c.title,
    subtitle: c.subtitle,
    receivedAt: c.receivedAt,
    highlights,
    detail,
  };
  // The status is the stored record's; the contract's union pairs it with the entity.
  return { entity: c.entity, status: c.status, ...base } as SearchHit;
}

function detailOf(c: Candidate, q: ParsedQuery, body: () => string): SearchHit['detail'] {
  const { body: long } = STORAGE[c.entity].search;
  const fields: [NonNullable<SearchHit['detail']>['field'], () => string][] = [
    ...(c.idNumber
      ? [
          ['applicantIdNumber', () => c.idNumber] as [
            NonNullable<SearchHit['detail']>['field'],
            () => string,
          ],
        ]
      : []),
    ['phone', () => c.phone],
    [long.field, body],
  ];
  for (const [field, read] of fields) {
    const text = read();
    const ranges: TextRange[] = highlightRanges(text, q);
    if (ranges.length > 0) return { field, ...excerpt(text, ranges) };
  }
  return null;
}
