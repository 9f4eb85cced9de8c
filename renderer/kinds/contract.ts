import type { MethodInput, MethodOutput } from '@shared/contract/api';
import type { ApiClient } from '@shared/contract/client';
import { KINDS, type Kind } from '@shared/kinds';
import { call } from '../api/call';
import type { Result } from '../api/result';

/**
 * The contract's methods of a kind of record, by the shared descriptor's `plural`: every kind
 * answers `<plural>.get`, `.list`, `.seek`, `.allowedActions`, `.act`, `.actMany` and sends
 * `<plural>.changed`, with the same shapes around its own record. Where a payload is the kind's
 * own (an action, a filter), TypeScript cannot tie the method to it through a union of kinds: the
 * kind built it, and the host validates it at the boundary.
 */

export type Plural = Kind['plural'];

/** One value per kind, by its plural, in the order of KINDS. */
export function perKind<T>(make: (kind: Kind, index: number) => T): Record<Plural, T> {
  // Every plural gets its value from the loop; the type system cannot count them.
  const entries = KINDS.map((kind, index) => [kind.plural, make(kind, index)]);
  return Object.fromEntries(entries) as Record<Plural, T>;
}
type Method<P extends Plural, M extends string> = `${P}.${M}`;

export type RecordDetailAnswer = MethodOutput<Method<Plural, 'get'>>;
export type ListPage = MethodOutput<Method<Plural, 'list'>>;
export type BulkAnswer = MethodOutput<Method<Plural, 'actMany'>>;

export function getRecord(
  client: ApiClient,
  plural: Plural,
  id: string,
): Promise<Result<RecordDetailAnswer>> {
  return call(client, `${plural}.get`, { id });
}

export function allowedActions(
  client: ApiClient,
  plural: Plural,
  id: string,
): Promise<
  Result<{ actions: string[]; forbidden: { action: string; rule: string; message: string }[] }>
> {
  return call(client, `${plural}.allowedActions`, { id });
}

export function act(
  client: ApiClient,
  plural: Plural,
  id: string,
  action: unknown,
): Promise<Result<unknown>> {
  const method: Method<Plural, 'act'> = `${plural}.act`;
  return call(client, method, { id, action } as MethodInput<typeof method>);
}

export function actMany(
  client: ApiClient,
  plural: Plural,
  ids: string[],
  action: unknown,
): Promise<Result<BulkAnswer>> {
  const method: Method<Plural, 'actMany'> = `${plural}.actMany`;
  return call(client, method, { ids, action } as MethodInput<typeof method>);
}

/** A list page: the kind's filter and sort, from `cursor` (null: the first page). */
export function listPage(
  client: ApiClient,
  plural: Plural,
  input: {
    filter?: object;
    sort?: object;
    cursor?: string | null;
    /** Instead of a cursor: the row the page starts at. */
    position?: number;
    limit: number;
  },
): Promise<Result<ListPage>> {
  const method: Method<Plural, 'list'> = `${plural}.list`;
  return call(client, method, input as MethodInput<typeof method>);
}

/** The keyset cursor at which the list starts at row `position` (null: no row there). */
export function seekCursor(
  client: ApiClient,
  plural: Plural,
  input: { filter: object; sort: object; position: number },
): Promise<Result<{ cursor: string | null }>> {
  const method: Method<Plural, 'seek'> = `${plural}.seek`;
  return call(client, method, input as MethodInput<typeof method>);
}

/** Calls `listener` with the ids of the kind's records that changed in the store. */
export function onChanged(
  client: ApiClient,
  plural: Plural,
  listener: (ids: readonly string[]) => void,
): () => void {
  return client.on(`${plural}.changed`, (payload) => listener(payload.ids));
}
