import { KINDS, type KindName, type KindRecord, type KindRecordOf } from '@shared/kinds';
import type { Db } from '../db';
import { STORAGE } from '../kinds';
import type { KindStorage } from '../kinds/storage';
import { createWriter, type StoreWriter } from '../writer';
import { createDirectoryRepository, type DirectoryRepository } from './directory';
import { createMetaRepository, type MetaRepository } from './meta';
import { createNoticeRepository, type NoticeRepository } from './notices';
import { createOutboxRepository, type OutboxRepository } from './outbox';
import { createRecordRepository, type RecordRepository } from './records';

export type { DirectoryRepository } from './directory';
export type { MetaRepository } from './meta';
export type { NoticeRepository } from './notices';
export type { OutboxEntry, OutboxRepository } from './outbox';
export type { RecordRepository } from './records';

/**
 * The data-access layer of the local store: one repository per table group, each owning its
 * prepared statements and row mapping. Services and the sync engine go through these; SQL lives
 * here, in the kinds' lists (kinds/<kind>/list.ts) and in the search module.
 */
export interface Repositories {
  readonly db: Db;
  readonly writer: StoreWriter;
  readonly meta: MetaRepository;
  readonly outbox: OutboxRepository;
  readonly notices: NoticeRepository;
  readonly directory: DirectoryRepository;
  records<N extends KindName>(kind: N): RecordRepository<KindRecordOf<N>>;
}

export function createRepositories(db: Db, writer: StoreWriter = createWriter(db)): Repositories {
  const records = new Map<KindName, RecordRepository<KindRecord>>();
  for (const kind of KINDS) {
    const storage = STORAGE[kind.name] as unknown as KindStorage<KindRecord, never>;
    records.set(kind.name, createRecordRepository(db, storage, writer));
  }
  return {
    db,
    writer,
    meta: createMetaRepository(db),
    outbox: createOutboxRepository(db),
    notices: createNoticeRepository(db),
    directory: createDirectoryRepository(db),
    records: <N extends KindName>(kind: N) =>
      records.get(kind) as unknown as RecordRepository<KindRecordOf<N>>,
  };
}
