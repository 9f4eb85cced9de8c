import type { WebPreferences } from 'electron';

/**
 * The desktop window's security settings (Electron's security checklist), kept free of runtime
 * `electron` imports so that shell.test.ts can assert them without an Electron binary.
 */

/** The app's own origin: the renderer is served from a privileged custom scheme, not file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** What every window of the app shares (the workbench's and the training sandbox's). */
const BASE_PREFERENCES: WebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  // The print preview shows the forms' PDF in a frame, which Chromium's built-in PDF viewer
  // draws; Electron treats that viewer as a plugin and, with plugins off, offers the PDF as a
  // download instead. It is the one plugin Electron carries, and the CSP lets the frame show
  // only blob: documents the page made itself.
  plugins: true,
};

export function windowWebPreferences(preloadPath: string): WebPreferences {
  return { ...BASE_PREFERENCES, preload: preloadPath };
}

/** The session of the training sandbox's window: in memory, apart from the workbench's. */
export const TRAINING_PARTITION = 'training-sandbox';

/**
 * The training sandbox's window shows the sandbox's own browser host (an HTTP page on
 * 127.0.0.1, reached with its access token like any browser): no preload, so no IPC, and a
 * session of its own, so none of its cookies or storage meet the workbench's.
 */
export function trainingWebPreferences(): WebPreferences {
  return { ...BASE_PREFERENCES, partition: TRAINING_PARTITION };
}

/** A sender frame as Electron describes it (WebFrameMain), reduced to what the check needs. */
export interface SenderFrameLike {
  url: string;
  parent: unknown;
}

/**
 * IPC is answered only for the app's own top-level frame: not for a subframe, not for a page
 * that somehow navigated elsewhere, not for a frame that has already gone away.
 */
export function isTrustedSender(frame: SenderFrameLike | null | undefined): boolean {
  if (!frame || frame.parent) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * A window never navigates away from the app; links open nowhere. The training sandbox's window
 * may also move within the one origin it was opened on (its host trades the URL's token for a
 * cookie with a redirect, and a reset reloads the page).
 */
export function isAllowedNavigation(url: string, alsoOrigin?: string): boolean {
  try {
    const target = new URL(url);
    if (target.protocol === `${APP_SCHEME}:` && target.host === APP_HOST) return true;
    return alsoOrigin !== undefined && target.origin === alsoOrigin;
  } catch {
    return false;
  }
}
