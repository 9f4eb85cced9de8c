import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Envelope } from '@shared/contract/envelope';
import type { Transport } from '@shared/contract/client';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '@shared/contract/ipc';

/**
 * The whole bridge: a generic invoke and on, typed by the contract's Transport. No business
 * logic lives here; the main process validates everything it receives.
 */
const bridge = {
  invoke: (method: string, input: unknown) =>
    ipcRenderer.invoke(INVOKE_CHANNEL, method, input) as Promise<Envelope<unknown>>,
  on: (event: string, listener: (payload: unknown) => void) => {
    const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
} satisfies Transport;

contextBridge.exposeInMainWorld('workbench', bridge);
