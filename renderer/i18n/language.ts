/** UI languages. Vietnamese is the officers' language; English is for trainers and reviewers. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

export const LANGUAGE_STORAGE_KEY = 'workbench.language';

/** The part of Web Storage we need; in tests a Map-backed fake. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The officer's last choice, else Vietnamese. Storage can be missing or throw (a locked-down
 * profile, a sandboxed app:// origin); the UI must still start, in Vietnamese.
 */
export function readStoredLanguage(storage: KeyValueStorage | undefined): Language {
  try {
    const stored = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function storeLanguage(storage: KeyValueStorage | undefined, language: Language): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not persisting the choice is better than failing the switch itself.
  }
}
