import type { Transport } from '@shared/contract/client';

declare global {
  interface Window {
    /**
     * The Electron preload's bridge (contextIsolation + sandbox): exactly the contract's
     * `Transport`. Absent in the browser host, where the renderer speaks HTTP + SSE instead.
     */
    readonly workbench?: Transport;
  }
}
