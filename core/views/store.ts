import { randomUUID } from 'node:crypto';
import { ViewDefinitionSchema, type ViewDefinition } from '@shared/contract/api';
import { ApiFailure } from '@shared/contract/envelope';
import type { Db } from '../store/db';
import { isBuiltinQueueId } from './queues';

/**
 * Officers' own views and preferences, in the local store (migration 4), keyed by officer id
 * ('' for nobody signed in). They belong to this computer and are never synced; another
 * officer signing in here sees their own.
 */

export interface SavedView {
  id: string;
  name: string;
  view: ViewDefinition;
}

/** Most views one officer may save (a guard against a runaway client, not a product limit). */
export const MAX_VIEWS_PER_OFFICER = 100;

export interface ViewStore {
  list(officer: string): SavedView[];
  save(
    officer: string,
    input: { id?: string | undefined; name: string; view: ViewDefinition },
  ): SavedView;
  delete(officer: string, id: string): boolean;
  getPref(officer: string, key: string): unknown;
  setPref(officer: string, key: string, value: unknown): void;
}

interface ViewRecord {
  id: string;
  officer_id: string;
  name: string;
  definition: string;
}

export function createViewStore(db: Db, clock: () => number): ViewStore {
  const list = db.prepare(
    'SELECT id, officer_id, name, definition FROM views WHERE officer_id = ? ORDER BY position, id',
  );
  const byId = db.prepare('SELECT id, officer_id, name, definition FROM views WHERE id = ?');
  const count = db.prepare(
    'SELECT count(*) AS n, coalesce(max(position), 0) AS last FROM views WHERE officer_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO views (id, officer_id, name, entity, definition, position, created_at, updated_at)
     VALUES (@id, @officer, @name, @entity, @definition, @position, @now, @now)`,
  );
  const update = db.prepare(
    `UPDATE views SET name = @name, entity = @entity, definition = @definition, updated_at = @now
     WHERE id = @id AND officer_id = @officer`,
  );
  const remove = db.prepare('DELETE FROM views WHERE id = ? AND officer_id = ?');
  const prefGet = db.prepare('SELECT value FROM preferences WHERE officer_id = ? AND key = ?');
  const prefSet = db.prepare(
    `INSERT INTO preferences (officer_id, key, value, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (officer_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const prefDelete = db.prepare('DELETE FROM preferences WHERE officer_id = ? AND key = ?');

  /** A stored view the current contract no longer accepts is skipped, not fatal. */
  const decode = (r: ViewRecord): SavedView | null => {
    const parsed = ViewDefinitionSchema.safeParse(JSON.parse(r.definition) as unknown);
    return parsed.success ? { id: r.id, name: r.name, view: parsed.data } : null;
  };

  return {
    list: (officer) =>
      (list.all(officer) as ViewRecord[]).map(decode).filter((v): v is SavedView => v !== null),

    save(officer, input) {
      if (input.id !== undefined && isBuiltinQueueId(input.id)) {
        throw new ApiFailure(
          'BAD_REQUEST',
          `id: ${input.id} is a built-in queue; save your changes as a view of your own`,
        );
      }
      const params = {
        officer,
        name: input.name,
        entity: input.view.entity,
        definition: JSON.stringify(input.view),
        now: clock(),
      };
      return db.transaction(() => {
        if (input.id !== undefined) {
          const existing = byId.get(input.id) as ViewRecord | undefined;
          if (existing && existing.officer_id !== officer) {
            throw new ApiFailure('NOT_FOUND', `view ${input.id} does not exist`);
          }
          if (existing) {
            update.run({ ...params, id: input.id });
            return { id: input.id, name: input.name, view: input.view };
          }
        }
        const { n, last } = count.get(officer) as { n: number; last: number };
        if (n >= MAX_VIEWS_PER_OFFICER) {
          throw new ApiFailure('CONFLICT', `at most ${MAX_VIEWS_PER_OFFICER} views per officer`);
        }
        const id = input.id ?? `view-${randomUUID()}`;
        insert.run({ ...params, id, position: last + 1 });
        return { id, name: input.name, view: input.view };
      })();
    },

    delete: (officer, id) => remove.run(id, officer).changes > 0,

    getPref(officer, key) {
      const row = prefGet.get(officer, key) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as unknown) : null;
    },

    setPref(officer, key, value) {
      if (value === null) prefDelete.run(officer, key);
      else prefSet.run(officer, key, JSON.stringify(value), clock());
    },
  };
}
