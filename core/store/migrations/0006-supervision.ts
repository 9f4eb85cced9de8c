import type { Migration } from '../migrate';

/**
 * The supervisors' desk (issue 13): what its figures are counted from, and the leaders' sign-off.
 *
 *  - dossier_tallies: dossiers counted by the day, week (from Monday) and month (Vietnam time) in
 *    which they were received for processing (event 1) and in which processing ended (event 2),
 *    per unit, field, assignee, channel, outcome (early / on time / late, for event 2) and flags
 *    (waiting for the citizen, apologised, asked for documents more than once). Kept by triggers
 *    in the same transaction as every write, like dossier_counts. A period's figures are sums over
 *    a few months, weeks and days of it instead of a scan of every dossier it touches; the
 *    figures that span the period's edges (carried over, handled) follow from the same sums and
 *    the dossiers still open (see core/reports/tallies.ts). `dur` sums the time from receipt to
 *    the end of processing, for the average handling time.
 *  - dossiers_open_clock: the dossiers received and not finished, covering everything their
 *    clock state and grouping read, so the in-progress figures read a few thousand index entries.
 *  - dossiers_finished_late: dossiers whose processing ended after their appointment, for the
 *    dossiers that were overdue at the end of a period that is over.
 *  - dossiers_by_received_at, dossiers_by_finished_at: the grid's period filters (a figure's
 *    drill-down) range over these.
 *  - units.sign_off: a unit's sign-off setting (UnitSchema.signOff) as JSON, synced reference data.
 *  - dossiers.sign_off_state: the state of the result's sign-off, from the record's details, and
 *    its partial index for the queue of results waiting for a leader.
 *
 * Frozen copies (this migration must not follow later code): Vietnam's offset from UTC in
 * milliseconds, 25200000; a day, 86400000; the finished outcome rule of shared/reports (late when
 * marked late or ended after the appointment, early when ended on an earlier Vietnam day than the
 * appointment, else on time).
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

const GRAINS = [
  { grain: 0, bucket: day },
  { grain: 1, bucket: week },
  { grain: 2, bucket: month },
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

/** The counts of every stored dossier, as the triggers would have kept them. */
function rebuild(): string {
  const parts: string[] = [];
  for (const { grain, bucket } of GRAINS) {
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

export const supervision: Migration = {
  version: 6,
  name: 'supervision',
  up(db) {
    const changed = TALLIED.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');
    db.exec(`
      CREATE TABLE dossier_tallies (
        grain INTEGER NOT NULL,
        bucket INTEGER NOT NULL,
        event INTEGER NOT NULL,
        unit_id TEXT NOT NULL,
        field_code TEXT NOT NULL,
        assignee_id TEXT NOT NULL,
        channel INTEGER NOT NULL,
        outcome INTEGER NOT NULL,
        flags INTEGER NOT NULL,
        n INTEGER NOT NULL,
        dur INTEGER NOT NULL,
        PRIMARY KEY (${KEY})
      ) WITHOUT ROWID, STRICT;

      ${rebuild()}

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

      CREATE INDEX dossiers_open_clock ON dossiers (unit_id, field_code, assignee_id,
        procedure_code, status, due_at, due_soon_at, received_at, apology_count, supplement_count,
        finished_at)
        WHERE received_at IS NOT NULL AND finished_at IS NULL;
      CREATE INDEX dossiers_finished_late ON dossiers (finished_at, due_at, received_at, unit_id,
        field_code, assignee_id) WHERE finished_at > due_at;
      CREATE INDEX dossiers_by_received_at ON dossiers (received_at, id)
        WHERE received_at IS NOT NULL;
      CREATE INDEX dossiers_by_finished_at ON dossiers (finished_at, id)
        WHERE finished_at IS NOT NULL;

      ALTER TABLE units ADD COLUMN sign_off TEXT;
      ALTER TABLE dossiers ADD COLUMN sign_off_state TEXT
        GENERATED ALWAYS AS (json_extract(details, '$.signOff.state')) VIRTUAL;
      CREATE INDEX dossiers_by_sign_off ON dossiers (sign_off_state, unit_id, assignee_id)
        WHERE sign_off_state IS NOT NULL;
    `);
  },
};
