import type { HistoryEntry } from '@shared/model';
import { createCentralClient } from '../../core/sync/central-client';

/**
 * What the central API itself holds of a dossier's history, read from its feed with an
 * officer's own session (a session of its own, signed out afterwards): what reached the
 * authority, whatever any workbench shows.
 */
export async function centralHistory(
  centralUrl: string,
  username: string,
  dossierId: string,
  password = 'demo',
): Promise<HistoryEntry[]> {
  const api = createCentralClient({ baseUrl: centralUrl });
  const session = await api.login(username, password);
  const feed = createCentralClient({ baseUrl: centralUrl, token: () => session.token });
  const entries = new Map<string, HistoryEntry>();
  let since = '0';
  try {
    for (let page = 0; page < 1000; page++) {
      const answer = await feed.changes({ since, limit: 2000 });
      for (const change of answer.changes) {
        if (change.entity !== 'dossier_history') continue;
        const entry = change.data as unknown as HistoryEntry & { dossierId: string };
        if (entry.dossierId === dossierId) entries.set(entry.id, entry);
      }
      since = answer.cursor;
      if (!answer.hasMore) break;
    }
  } finally {
    await feed.logout().catch(() => undefined);
  }
  return [...entries.values()];
}

/** How many entries of the dossier's history on the central API carry this note. */
export async function notesOnCentral(
  centralUrl: string,
  username: string,
  dossierId: string,
  note: string,
): Promise<number> {
  const history = await centralHistory(centralUrl, username, dossierId);
  return history.filter((entry) => entry.note === note).length;
}
