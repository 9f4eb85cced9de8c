/** IPC channel names shared by the preload bridge and the main process. */
export const INVOKE_CHANNEL = 'contract:invoke';
export const EVENT_CHANNEL = 'contract:event';
