import type { Migration } from '../migrate';

/**
 * The supervisors' figures of a whole year, and the complaints' clocks, without reading what
 * they do not need (issue 13's timings at a million dossiers):
 *
 *  - dossier_tallies gains a year grain (3): a province's year is one bucket per group instead of
 *    twelve months, whose groups (unit, field, assignee, channel, outcome, flags) barely repeat
 *    within a year. The triggers of migration 6 are replaced by the same triggers with the year
 *    added, and the year rows of the stored dossiers are built here.
 *  - complaints_by_received_clock: complaints by receipt with every column their clocks read, so
 *    a period's complaints are read from the index alone.
 *  - complaint_history_by_action: the information requests (the 5-day clock) without reading
 *    every history entry.
 *
 * Frozen copies of migration 6's expressions follow (this migration must not follow later code),
 * with the year grain added.
 */

const OFFSET = 25200000;
const DAY = 86400000;

/** The Vietnam day number of an instant column of row `r` (new or old). */
const day = (r: string, column: string) => `((${r}.${column} + ${OFFSET}) / ${DAY})`;
/** Its week, counted from the Monday of 1970-01-05 (day 4). */
const week = (r: string, column: string) => `((${day(r, column)} + 3) / 7)`;
/** Its month as year * 12 + month − 1, Vietnam time. */
const month = (r: string, column: string) =>
  `(CAST(strftime('%Y', (${r}.${column} + ${OFFSET}) / 1000, 'unixepoch') AS INTEGER) * 12 +
    CAST(strftime('%m', (${r}.${column} + ${OFFSET}) / 1000, 'unixepoch') AS INTEGER) - 1)`;

/** Its year, Vietnam time. */
const year = (r: string, column: string) =>
  `CAST(strftime('%Y', (${r}.${column} + ${OFFSET}) / 1000, 'unixepoch') AS INTEGER)`;

const GRAINS = [
  { grain: 0, bucket: day },
  { grain: 1, bucket: week },
  { grain: 2, bucket: month },
  { grain: 3, bucket: year },
] as const;

const outcome = (r: string) => `(CASE
  WHEN ${r}.late = 1 OR (${r}.due_at IS NOT NULL AND ${r}.finished_at > ${r}.due_at) THEN 3
  WHEN ${r}.due_at IS NOT NULL AND ${day(r, 'finished_at')} < ${day(r, 'due_at')} THEN 1
  ELSE 2 END)`;

const flags = (r: string) => `((CASE WHEN ${r}.status IN (5, 6) THEN 1 ELSE 0 END) |
  (CASE WHEN ${r}.apology_count > 0 THEN 2 ELSE 0 END) |
  (CASE WHEN ${r}.supplement_count > 1 THEN 4 ELSE 0 END))`;

const KEY = 'grain, bucket, event, unit_id, field_code, assignee_id, channel, outcome, flags';

/** The statements that add (+1) or take away (−1) row `r`'s counts. */
function tally(r: 'new' | 'old', sign: 1 | -1): string {
  const parts: string[] = [];
  for (const { grain, bucket } of GRAINS) {
    const events = [
      {
        event: 1,
        at: 'received_at',
        when: `${r}.received_at IS NOT NULL`,
        outcome: '0',
        dur: '0',
      },
      {
        event: 2,
        at: 'finished_at',
        when: `${r}.received_at IS NOT NULL AND ${r}.finished_at IS NOT NULL`,
        outcome: outcome(r),
        dur: `(${r}.finished_at - ${r}.received_at)`,
      },
    ];
    for (const e of events) {
      parts.push(`INSERT INTO dossier_tallies (${KEY}, n, dur)
        SELECT ${grain}, ${bucket(r, e.at)}, ${e.event}, ${r}.unit_id, ${r}.field_code,
          coalesce(${r}.assignee_id, ''), ${r}.channel, ${e.outcome}, ${flags(r)},
          ${sign}, ${sign} * ${e.dur}
        WHERE ${e.when}
        ON CONFLICT (${KEY}) DO UPDATE SET n = n + excluded.n, dur = dur + excluded.dur;`);
    }
  }
  return parts.join('\n');
}

/** The year counts of every stored dossier, as the triggers now keep them. */
function rebuildYears(): string {
  const parts: string[] = [];
  for (const { grain, bucket } of GRAINS.filter((g) => g.grain === 3)) {
    parts.push(`INSERT INTO dossier_tallies (${KEY}, n, dur)
      SELECT ${grain}, ${bucket('d', 'received_at')}, 1, d.unit_id, d.field_code,
        coalesce(d.assignee_id, ''), d.channel, 0, ${flags('d')}, count(*), 0
      FROM dossiers d WHERE d.received_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;`);
    parts.push(`INSERT INTO dossier_tallies (${KEY}, n, dur)
      SELECT ${grain}, ${bucket('d', 'finished_at')}, 2, d.unit_id, d.field_code,
        coalesce(d.assignee_id, ''), d.channel, ${outcome('d')}, ${flags('d')}, count(*),
        sum(d.finished_at - d.received_at)
      FROM dossiers d WHERE d.received_at IS NOT NULL AND d.finished_at IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;`);
  }
  return parts.join('\n');
}

/** Columns whose change moves a dossier's counts. */
const TALLIED = [
  'received_at',
  'finished_at',
  'due_at',
  'late',
  'unit_id',
  'field_code',
  'assignee_id',
  'channel',
  'status',
  'apology_count',
  'supplement_count',
];

export const supervisionYears: Migration = {
  version: 7,
  name: 'supervision-years',
  up(db) {
    const changed = TALLIED.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');
    db.exec(`
      DROP TRIGGER dossiers_tally_insert;
      DROP TRIGGER dossiers_tally_delete;
      DROP TRIGGER dossiers_tally_update;

      ${rebuildYears()}

      CREATE TRIGGER dossiers_tally_insert AFTER INSERT ON dossiers BEGIN
        ${tally('new', 1)}
      END;
      CREATE TRIGGER dossiers_tally_delete AFTER DELETE ON dossiers BEGIN
        ${tally('old', -1)}
      END;
      CREATE TRIGGER dossiers_tally_update AFTER UPDATE OF ${TALLIED.join(', ')} ON dossiers
        WHEN ${changed}
      BEGIN
        ${tally('old', -1)}
        ${tally('new', 1)}
      END;

      CREATE INDEX complaints_by_received_clock ON complaints (received_at, unit_id, assignee_id,
        status, clock_started_at, approved_at, published_at, updated_at, id);
      CREATE INDEX complaint_history_by_action ON complaint_history (action, complaint_id, at);
    `);
  },
};
