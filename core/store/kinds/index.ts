import { KINDS, type Kind, type KindName, type KindRecord } from '@shared/kinds';
import { complaintStorage } from './complaint/storage';
import { dossierStorage } from './dossier/storage';
import type { KindStorage } from './storage';

export type {
  KindList,
  KindListQuery,
  KindSeekQuery,
  KindStorage,
  SearchStorage,
  SortKeys,
} from './storage';

/**
 * How the local store keeps each kind of record, by kind name. A new kind adds its storage
 * here (and its tables in a migration); every store, list, search and sync path picks it up.
 */
export const STORAGE = {
  dossier: dossierStorage,
  complaint: complaintStorage,
} as const satisfies { readonly [N in KindName]: KindStorage };

export type StorageOf<N extends KindName> = (typeof STORAGE)[N];

/**
 * A storage seen from code that is the same for every kind (the writer, the cache, the
 * repositories): records are KindRecords, filters whatever the kind's list takes.
 */
export type AnyStorage = KindStorage<KindRecord, unknown, string, unknown>;

/** Every kind's storage, in the order of shared/kinds' KINDS. */
export const STORAGES: readonly AnyStorage[] = KINDS.map((k) => STORAGE[k.name]);

export function storageOf<K extends Kind>(kind: K): StorageOf<K['name']> {
  return STORAGE[kind.name as K['name']];
}

/** The storage of a kind by its protocol name (a notice's, an outbox row's entity). */
export function anyStorage(name: KindName): AnyStorage {
  return STORAGE[name];
}
