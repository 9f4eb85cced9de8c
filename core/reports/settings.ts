import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * What an administrator adjusts in the scorecard: targets and points per indicator, in
 * `reports.json` in the data folder (beside workbench.db), e.g.
 * `{"indicators": {"2.1": {"target": 0.95}, "3.3": {"maxPoints": 4}}}`. The formulas themselves are
 * shared/reports/scorecard.ts; without the file its targets and points apply.
 */
export const REPORT_SETTINGS_FILE = 'reports.json';

const IndicatorSettingsSchema = z
  .object({
    target: z.number().min(0).max(1).nullable().optional(),
    maxPoints: z.number().min(0).max(100).nullable().optional(),
  })
  .strict();

export const ScorecardSettingsSchema = z
  .object({ indicators: z.record(z.string().max(10), IndicatorSettingsSchema).default({}) })
  .strict();
export type ScorecardSettings = z.infer<typeof ScorecardSettingsSchema>;

export function reportSettingsReader(dataDir: string): () => ScorecardSettings {
  const path = join(dataDir, REPORT_SETTINGS_FILE);
  let cached: { mtimeMs: number; settings: ScorecardSettings } | null = null;
  return () => {
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      return { indicators: {} };
    }
    if (cached?.mtimeMs === mtimeMs) return cached.settings;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`${path} is not JSON: ${(error as Error).message}`, { cause: error });
    }
    const parsed = ScorecardSettingsSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`);
    }
    cached = { mtimeMs, settings: parsed.data };
    return parsed.data;
  };
}
