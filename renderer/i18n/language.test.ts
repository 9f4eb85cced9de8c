import { describe, expect, it } from 'vitest';
import {
  LANGUAGE_STORAGE_KEY,
  readStoredLanguage,
  storeLanguage,
  type KeyValueStorage,
} from './language';

function memoryStorage(
  initial: Record<string, string> = {},
): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

const broken: KeyValueStorage = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
};

describe('language persistence', () => {
  it('defaults to Vietnamese', () => {
    expect(readStoredLanguage(undefined)).toBe('vi');
    expect(readStoredLanguage(memoryStorage())).toBe('vi');
  });

  it('remembers the choice', () => {
    const storage = memoryStorage();
    storeLanguage(storage, 'en');
    expect(storage.data.get(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(readStoredLanguage(storage)).toBe('en');
  });

  it('ignores values it does not know and storage that throws', () => {
    expect(readStoredLanguage(memoryStorage({ [LANGUAGE_STORAGE_KEY]: 'fr' }))).toBe('vi');
    expect(readStoredLanguage(broken)).toBe('vi');
    expect(() => storeLanguage(broken, 'en')).not.toThrow();
  });
});
