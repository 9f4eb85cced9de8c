import type { KeyValueStorage } from '../i18n/language';

/** localStorage, or nothing where the page may not use it (reading it can throw). */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
