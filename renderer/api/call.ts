import type { ApiClient } from '@shared/contract/client';
import type { MethodInput, MethodName, MethodOutput } from '@shared/contract/api';
import { settle, type Result } from './result';

/** The one way screens call the host: typed by the contract, answered with a Result. */
export function call<M extends MethodName>(
  client: ApiClient,
  method: M,
  input: MethodInput<M>,
): Promise<Result<MethodOutput<M>>> {
  return settle(client.invoke(method, input));
}
