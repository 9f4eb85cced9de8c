import type { Transport } from '@shared/contract/client';
import { createHttpTransport } from './http-transport';

export type HostKind = 'electron-bridge' | 'http';

function isTransport(candidate: unknown): candidate is Transport {
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    'invoke' in candidate &&
    typeof candidate.invoke === 'function' &&
    'on' in candidate &&
    typeof candidate.on === 'function'
  );
}

/**
 * The Electron preload exposes the contract as `window.workbench`; anywhere else (the browser
 * host, a trainer's demo) the same contract is reached over same-origin HTTP.
 */
export function selectTransport(
  host: { readonly workbench?: unknown },
  fallback: () => Transport = () => createHttpTransport(),
): { transport: Transport; kind: HostKind } {
  if (isTransport(host.workbench)) return { transport: host.workbench, kind: 'electron-bridge' };
  return { transport: fallback(), kind: 'http' };
}
