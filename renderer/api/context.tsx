import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from '@shared/contract/client';

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({
  client,
  children,
}: Readonly<{ client: ApiClient; children: ReactNode }>) {
  return <ApiContext value={client}>{children}</ApiContext>;
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi() needs an <ApiProvider> above it');
  return client;
}
