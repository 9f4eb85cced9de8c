import { FINAL_DOSSIER_STATUSES } from '@shared/model/codes';
import type { Db } from './db';
import type { Repositories } from './repos';

/**
 * Retention of citizens' personal data in this computer's cache (issue 12): a dossier that ended
 * (refused, stopped, returned) more than the retention period ago keeps its number, procedure,
 * dates, statuses and history, but no longer the applicant's name, ID number, phone, e-mail or
 * address. The central API keeps them; an officer who needs them opens the central copy. A later
 * change of the dossier from the feed brings them back until the next pass.
 */

/** What the applicant's name becomes once removed (an empty name would read as missing data). */
export const RETAINED_NAME = '(đã xoá theo thời hạn lưu giữ)';

/** Dossiers treated per transaction: each rewrite also rewrites its search document. */
const BATCH = 500;

/**
 * Removes the personal fields of dossiers that ended before `cutoff`, in transactions of
 * bounded size; dossiers with changes waiting in the outbox are left for a later pass. Returns
 * how many were cleared.
 */
export function removeExpiredPersonalData(db: Db, repos: Repositories, cutoff: number): number {
  const statuses = FINAL_DOSSIER_STATUSES.join(', ');
  const find = db.prepare(
    `SELECT id FROM dossiers
     WHERE status IN (${statuses})
       AND coalesce(returned_at, finished_at, updated_at) < ?
       AND (applicant_id_number <> '' OR phone <> '' OR email <> '' OR address <> ''
            OR applicant_name <> ?)
       AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'dossier' AND o.record_id = dossiers.id)
     LIMIT ${BATCH}`,
  );
  const records = repos.records('dossier');
  let cleared = 0;
  for (;;) {
    const ids = (find.all(cutoff, RETAINED_NAME) as { id: string }[]).map((r) => r.id);
    if (ids.length === 0) return cleared;
    const before = cleared;
    db.transaction(() => {
      for (const id of ids) {
        const dossier = records.get(id);
        if (!dossier) continue;
        records.put({
          ...dossier,
          applicantName: RETAINED_NAME,
          applicantIdNumber: '',
          phone: '',
          email: '',
          address: '',
        });
        cleared++;
      }
    })();
    // A batch that cleared nothing would be found again as it is: stop rather than loop.
    if (ids.length < BATCH || cleared === before) return cleared;
  }
}

/** `WORKBENCH_RETENTION_DAYS`: a whole number of days (0 keeps everything); null when unset. */
export function retentionDaysFromEnv(env: NodeJS.ProcessEnv): number | null {
  const raw = env.WORKBENCH_RETENTION_DAYS;
  if (raw === undefined || raw.trim() === '') return null;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 0) {
    throw new Error(`WORKBENCH_RETENTION_DAYS must be a whole number of days, got "${raw}"`);
  }
  return days;
}
