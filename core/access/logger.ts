import { hostname } from 'node:os';
import type { Clock } from '@shared/clock';
import type { KindName } from '@shared/kinds';
import { IdNumberSchema, type AccessEntry } from '@shared/sync/protocol';
import type { AccessQueue } from '../store/repos/access-queue';

/**
 * What the access log records on this computer (issue 12): an officer opening a dossier or a
 * complaint, searching by a citizen's ID number, exporting a record's form. Logged at once in
 * the local store (offline too) and sent to the central API by the sync engine, exactly once.
 * Nothing is logged without a signed-in officer: there is nobody to name.
 */
export interface AccessLogger {
  opened(entity: KindName, id: string): void;
  /** A search: logged only when the text is an ID number. */
  searched(text: string): void;
  exported(entity: KindName, id: string, detail: string): void;
}

export function createAccessLogger(options: {
  queue: AccessQueue;
  clock: Clock;
  /** The signed-in officer, or null. */
  officerId: () => string | null;
  /** Sends what waits (the sync engine's nudge). */
  queued?: () => void;
  computer?: string;
}): AccessLogger {
  const computer = (options.computer ?? hostname()).slice(0, 120) || 'unknown';
  const log = (entry: Omit<AccessEntry, 'seq' | 'at' | 'computer'>) => {
    const officerId = options.officerId();
    if (!officerId) return;
    options.queue.add(officerId, { ...entry, at: options.clock(), computer });
    options.queued?.();
  };
  return {
    opened: (entity, id) => log({ action: 'open', target: { entity, id } }),
    searched(text) {
      const compact = text.replace(/[\s.-]/g, '');
      if (IdNumberSchema.safeParse(compact).success) log({ action: 'search', idNumber: compact });
    },
    exported: (entity, id, detail) =>
      log({ action: 'export', target: { entity, id }, detail: detail.slice(0, 200) }),
  };
}
