import type { Envelope } from './envelope';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from './api';

/**
 * What a transport must provide. The preload bridge (IPC) and the browser host's HTTP+SSE client
 * both implement it; the renderer talks only to this.
 */
export interface Transport {
  invoke(method: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export type TypedInvoke = <M extends MethodName>(
  method: M,
  input: MethodInput<M>,
) => Promise<Envelope<MethodOutput<M>>>;

export interface ApiClient {
  invoke: TypedInvoke;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Types a transport with the contract. Validation happens on the host side of the boundary. */
export function createClient(transport: Transport): ApiClient {
  return {
    invoke: ((method: string, input: unknown) => transport.invoke(method, input)) as TypedInvoke,
    on: (event, listener) => transport.on(event, listener as (payload: unknown) => void),
  };
}
