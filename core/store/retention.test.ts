import { describe, expect, it } from 'vitest';
import { SearchQueryInputSchema } from '@shared/contract/api';
import { FINAL_DOSSIER_STATUSES } from '@shared/model/codes';
import { rebuildSearchIndex } from '../search/index-writer';
import { createSearchService } from '../search/search';
import { seedStore } from '../seed';
import { openStore } from './db';
import { createRepositories } from './repos';
import { RETAINED_NAME, removeExpiredPersonalData, retentionDaysFromEnv } from './retention';
import { createWriter } from './writer';

const NOW = Date.UTC(2026, 10, 24, 3, 0);
const DAY = 86_400_000;

interface Row {
  id: string;
  status: number;
  ended: number;
  name: string;
  idn: string;
  phone: string;
  email: string;
  address: string;
}

describe('retention of personal data in the local cache', () => {
  it('removes only the personal fields of dossiers that ended before the period, and their search words', () => {
    const db = openStore(':memory:');
    seedStore(db, { dossiers: 600, complaints: 0, now: NOW, seed: 12 });
    rebuildSearchIndex(db);
    const rows = () =>
      db
        .prepare(
          `SELECT id, status, coalesce(returned_at, finished_at, updated_at) AS ended,
                  applicant_name AS name, applicant_id_number AS idn, phone, email, address
           FROM dossiers`,
        )
        .all() as Row[];
    const cutoff = NOW - 90 * DAY;
    const before = new Map(rows().map((r) => [r.id, r]));
    const expired = [...before.values()].filter(
      (r) => FINAL_DOSSIER_STATUSES.includes(r.status as never) && r.ended < cutoff,
    );
    expect(expired.length).toBeGreaterThan(10);
    // One expired dossier has a change waiting to be sent: it is left for a later pass.
    const waiting = expired[0] as Row;
    db.prepare(
      `INSERT INTO outbox (client_seq, id, entity, record_id, base_version, at, action, status)
       VALUES (1, 'm-1', 'dossier', ?, 1, ?, '{"type":"add_note"}', 'pending')`,
    ).run(waiting.id, NOW);
    const search = createSearchService(db);
    const found = (text: string) =>
      search
        .query(SearchQueryInputSchema.parse({ text }))
        .hits.some((h) => h.id === expired[1]?.id);
    expect(found((expired[1] as Row).idn)).toBe(true);

    const repos = createRepositories(db, createWriter(db));
    expect(removeExpiredPersonalData(db, repos, cutoff)).toBe(expired.length - 1);
    for (const r of rows()) {
      const old = before.get(r.id) as Row;
      const cleared = expired.includes(old) && r.id !== waiting.id;
      if (cleared) {
        expect(r).toMatchObject({
          name: RETAINED_NAME,
          idn: '',
          phone: '',
          email: '',
          address: '',
        });
        expect(r.status).toBe(old.status);
      } else {
        expect(r).toEqual(old);
      }
    }
    // Not found by the ID number or the name any more; still by its number.
    expect(found((expired[1] as Row).idn)).toBe(false);
    const number = (
      db.prepare('SELECT number FROM dossiers WHERE id = ?').get(expired[1]?.id) as {
        number: string;
      }
    ).number;
    expect(found(number)).toBe(true);
    // A second pass finds nothing more to do.
    expect(removeExpiredPersonalData(db, repos, cutoff)).toBe(0);
    db.close();
  });

  it('reads WORKBENCH_RETENTION_DAYS as whole days and refuses anything else by name', () => {
    expect(retentionDaysFromEnv({})).toBeNull();
    expect(retentionDaysFromEnv({ WORKBENCH_RETENTION_DAYS: ' ' })).toBeNull();
    expect(retentionDaysFromEnv({ WORKBENCH_RETENTION_DAYS: '0' })).toBe(0);
    expect(retentionDaysFromEnv({ WORKBENCH_RETENTION_DAYS: '30' })).toBe(30);
    for (const bad of ['-1', '2.5', 'a year', '1e999']) {
      expect(() => retentionDaysFromEnv({ WORKBENCH_RETENTION_DAYS: bad })).toThrow(
        /WORKBENCH_RETENTION_DAYS must be a whole number of days/,
      );
    }
  });
});
