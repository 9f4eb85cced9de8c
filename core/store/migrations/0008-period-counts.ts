import type { Migration } from '../migrate';

/**
 * The supervisors' counts as one row per unit, field and assignee in each day, week, month and
 * year, with a column per count (received, online, resolved early / on time / late, handling
 * time, apologised, asked for documents twice), instead of migration 6's row per combination of
 * channel, outcome and flags: a province's month is then a few thousand rows instead of tens of
 * thousands, which is what summing a period reads. The tallies of migrations 6 and 7 and their
 * triggers are replaced; the new counts of the stored dossiers are built here. A change of status
 * alone no longer touches the counts (what they count does not read the status).
 *
 * Frozen copies of migration 6's expressions follow (this migration must not follow later code).
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

const KEY = 'grain, bucket, unit_id, field_code, assignee_id';
const COUNTS = [
  'received',
  'online',
  'received_apologized',
  'received_second',
  'resolved',
  'early',
  'on_time',
  'late',
  'dur',
  'resolved_apologized',
  'resolved_second',
] as const;

const merge = `ON CONFLICT (${KEY}) DO UPDATE SET ${COUNTS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

/** The received half and the finished half of row `r`'s counts, times `sign`. */
function parts(r: string, sign: string) {
  const apologized = `(${r}.apology_count > 0)`;
  const second = `(${r}.supplement_count > 1)`;
  return {
    received: {
      at: 'received_at',
      when: `${r}.received_at IS NOT NULL`,
      values: [
        sign,
        `${sign} * (${r}.channel = 2)`,
        `${sign} * ${apologized}`,
        `${sign} * ${second}`,
        '0',
        '0',
        '0',
        '0',
        '0',
        '0',
        '0',
      ],
    },
    finished: {
      at: 'finished_at',
      when: `${r}.received_at IS NOT NULL AND ${r}.finished_at IS NOT NULL`,
      values: [
        '0',
        '0',
        '0',
        '0',
        sign,
        `${sign} * (${outcome(r)} = 1)`,
        `${sign} * (${outcome(r)} = 2)`,
        `${sign} * (${outcome(r)} = 3)`,
        `${sign} * (${r}.finished_at - ${r}.received_at)`,
        `${sign} * ${apologized}`,
        `${sign} * ${second}`,
      ],
    },
  };
}

/** The statements that add (+1) or take away (−1) row `r`'s counts. */
function count(r: 'new' | 'old', sign: 1 | -1): string {
  const out: string[] = [];
  for (const { grain, bucket } of GRAINS) {
    for (const part of Object.values(parts(r, String(sign)))) {
      out.push(`INSERT INTO dossier_period_counts (${KEY}, ${COUNTS.join(', ')})
        SELECT ${grain}, ${bucket(r, part.at)}, ${r}.unit_id, ${r}.field_code,
          coalesce(${r}.assignee_id, ''), ${part.values.join(', ')}
        WHERE ${part.when}
        ${merge};`);
    }
  }
  return out.join('\n');
}

/** The counts of every stored dossier, as the triggers keep them. */
function rebuild(): string {
  const out: string[] = [];
  for (const { grain, bucket } of GRAINS) {
    for (const part of Object.values(parts('d', '1'))) {
      out.push(`INSERT INTO dossier_period_counts (${KEY}, ${COUNTS.join(', ')})
        SELECT ${grain}, ${bucket('d', part.at)}, d.unit_id, d.field_code,
          coalesce(d.assignee_id, ''), ${part.values.map((v) => `sum(${v})`).join(', ')}
        FROM dossiers d WHERE ${part.when}
        GROUP BY 1, 2, 3, 4, 5
        ${merge};`);
    }
  }
  return out.join('\n');
}

/** Columns whose change moves a dossier's counts. */
const COUNTED = [
  'received_at',
  'finished_at',
  'due_at',
  'late',
  'unit_id',
  'field_code',
  'assignee_id',
  'channel',
  'apology_count',
  'supplement_count',
];

export const periodCounts: Migration = {
  version: 8,
  name: 'period-counts',
  up(db) {
    const changed = COUNTED.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');
    db.exec(`
      DROP TRIGGER dossiers_tally_insert;
      DROP TRIGGER dossiers_tally_delete;
      DROP TRIGGER dossiers_tally_update;
      DROP TABLE dossier_tallies;

      CREATE TABLE dossier_period_counts (
        grain INTEGER NOT NULL,
        bucket INTEGER NOT NULL,
        unit_id TEXT NOT NULL,
        field_code TEXT NOT NULL,
        assignee_id TEXT NOT NULL,
        ${COUNTS.map((c) => `${c} INTEGER NOT NULL`).join(',\n        ')},
        PRIMARY KEY (${KEY})
      ) WITHOUT ROWID, STRICT;

      ${rebuild()}

      CREATE TRIGGER dossiers_counts_insert AFTER INSERT ON dossiers BEGIN
        ${count('new', 1)}
      END;
      CREATE TRIGGER dossiers_counts_delete AFTER DELETE ON dossiers BEGIN
        ${count('old', -1)}
      END;
      CREATE TRIGGER dossiers_counts_update AFTER UPDATE OF ${COUNTED.join(', ')} ON dossiers
        WHEN ${changed}
      BEGIN
        ${count('old', -1)}
        ${count('new', 1)}
      END;
    `);
  },
};
