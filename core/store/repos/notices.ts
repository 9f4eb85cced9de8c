import type { Notice } from '@shared/contract/api';
import type { KindName } from '@shared/kinds';
import type { Db } from '../db';

/** The cap on notices listed at once: far more than an officer reads. */
const MAX_LISTED = 500;

interface NoticeRow {
  id: string;
  created_at: number;
  entity: KindName;
  record_id: string;
  action: string;
  code: string;
  message: string;
  current: string | null;
  dismissed_at: number | null;
}

/** Changes the central API refused, kept until the officer dismisses them (migration 2). */
export interface NoticeRepository {
  insert(n: {
    id: string;
    createdAt: number;
    entity: KindName;
    recordId: string;
    /** The refused action as JSON text. */
    action: string;
    code: string;
    message: string;
    /** The server's record as JSON text, if it sent one. */
    current: string | null;
  }): void;
  /** Newest first. */
  list(includeDismissed: boolean): Notice[];
  /** Whether a notice not yet dismissed was dismissed now. */
  dismiss(id: string, at: number): boolean;
  /** Notices not dismissed. */
  count(): number;
}

export function createNoticeRepository(db: Db): NoticeRepository {
  const insert = db.prepare(
    `INSERT INTO notices (id, created_at, entity, record_id, action, code, message, current)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const active = db.prepare(
    `SELECT * FROM notices WHERE dismissed_at IS NULL ORDER BY created_at DESC LIMIT ${MAX_LISTED}`,
  );
  const all = db.prepare(`SELECT * FROM notices ORDER BY created_at DESC LIMIT ${MAX_LISTED}`);
  const dismiss = db.prepare(
    'UPDATE notices SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL',
  );
  const count = db.prepare('SELECT count(*) AS n FROM notices WHERE dismissed_at IS NULL');
  return {
    insert: (n) =>
      insert.run(n.id, n.createdAt, n.entity, n.recordId, n.action, n.code, n.message, n.current),
    list: (includeDismissed) =>
      ((includeDismissed ? all : active).all() as NoticeRow[]).map((r) => ({
        id: r.id,
        createdAt: r.created_at,
        entity: r.entity,
        recordId: r.record_id,
        action: JSON.parse(r.action) as Record<string, unknown>,
        code: r.code,
        message: r.message,
        current: r.current ? (JSON.parse(r.current) as Record<string, unknown>) : null,
        dismissedAt: r.dismissed_at,
      })),
    dismiss: (id, at) => dismiss.run(at, id).changes > 0,
    count: () => (count.get() as { n: number }).n,
  };
}
