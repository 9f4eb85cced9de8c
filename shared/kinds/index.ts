import { complaintKind } from './complaint';
import { dossierKind } from './dossier';
import type { z } from 'zod';

export { complaintKind } from './complaint';
export { dossierKind } from './dossier';
export { withinCalendar, type KindActionResult, type KindRecord, type RecordKind } from './kind';

/**
 * Every kind of record, in the order the workbench lists them. Adding a kind is adding its
 * descriptor here (see shared/README.md, "Recipe: add a kind of record").
 */
export const KINDS = [dossierKind, complaintKind] as const;

export type Kind = (typeof KINDS)[number];
export type KindName = Kind['name'];
export const KIND_NAMES = KINDS.map((k) => k.name) as readonly KindName[];

/** The record type of a kind, by name. */
export type KindRecordOf<N extends KindName> = z.output<Extract<Kind, { name: N }>['schema']>;

const BY_NAME = new Map<string, Kind>(KINDS.map((k) => [k.name, k]));
const BY_HISTORY = new Map<string, Kind>(KINDS.map((k) => [k.historyEntity, k]));

export function isKindName(name: unknown): name is KindName {
  return typeof name === 'string' && BY_NAME.has(name);
}

/** The descriptor of a kind; throws on a name that is not one (a programming error). */
export function kindOf<N extends KindName>(name: N): Extract<Kind, { name: N }> {
  const kind = BY_NAME.get(name);
  if (!kind) throw new Error(`no record kind ${String(name)}`);
  return kind as Extract<Kind, { name: N }>;
}

/** The kind whose history entries the protocol calls `entity`, if any. */
export function kindOfHistory(entity: string): Kind | undefined {
  return BY_HISTORY.get(entity);
}

/** The kind whose records the protocol calls `entity`, if any. */
export function kindOfEntity(entity: string): Kind | undefined {
  return BY_NAME.get(entity);
}
