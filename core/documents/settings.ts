import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FormSettingsSchema, type FormSettings } from '@shared/forms';

/** Where an administrator sets the forms' agency lines and place names: beside the store. */
export const FORM_SETTINGS_FILE = 'forms.json';

/**
 * The data folder's forms.json (shared/forms/settings.ts says what it holds), read again when
 * it changes; none is no settings. A file that does not validate is refused with its path and
 * the field, rather than printing papers with half the administrator's lines.
 */
export function formSettingsReader(dataDir: string): () => FormSettings {
  const path = join(dataDir, FORM_SETTINGS_FILE);
  let cached: { mtimeMs: number; settings: FormSettings } | null = null;
  return () => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      return {};
    }
    if (cached?.mtimeMs === mtimeMs) return cached.settings;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`${path} is not JSON: ${(error as Error).message}`, { cause: error });
    }
    const parsed = FormSettingsSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`);
    }
    cached = { mtimeMs, settings: parsed.data };
    return parsed.data;
  };
}
