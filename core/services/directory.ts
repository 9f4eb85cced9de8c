import type { MethodOutput } from '@shared/contract/api';
import { compareVietnamese } from '@shared/domain/text';
import type { DirectoryRepository } from '../store/repos';
import type { SessionSource } from './session';

export interface DirectoryService {
  list(): MethodOutput<'directory.list'>;
}

/**
 * The units and officers of the local cache (reference data the sync engine keeps whole), for
 * the pickers and for naming ids on screen. The repository bounds the lists (the signed-in
 * officer's units first, so their colleagues are never the ones cut); they are sorted the
 * Vietnamese way here, because SQLite orders text by bytes (Đ after Z); ties by id so two
 * namesakes keep one order.
 */
export function createDirectoryService(
  directory: DirectoryRepository,
  session?: SessionSource,
): DirectoryService {
  const byName = <T extends { id: string }>(name: (x: T) => string) => {
    return (a: T, b: T) => compareVietnamese(name(a), name(b)) || (a.id < b.id ? -1 : 1);
  };
  return {
    list: () => {
      const { units, officers } = directory.listed(session?.().scopeUnitIds ?? []);
      return {
        units: units.sort(byName((u) => u.name)),
        officers: officers.sort(byName((o) => o.fullName)),
      };
    },
  };
}
