import { z } from 'zod';
import { DemoAccountSchema, type DemoAccount } from '@shared/contract/api';

/**
 * The sign-in screen's defaults, handed from `npm start` (which runs the embedded central API)
 * to whichever host it launches: WORKBENCH_CENTRAL_URL and WORKBENCH_DEMO_ACCOUNTS (JSON).
 * Malformed values are ignored rather than fatal: the officer can still type an address.
 */
export function syncDefaultsFromEnv(env: Record<string, string | undefined>): {
  serverUrl: string | null;
  demoAccounts: DemoAccount[];
} {
  let demoAccounts: DemoAccount[] = [];
  if (env.WORKBENCH_DEMO_ACCOUNTS) {
    try {
      const parsed = z
        .array(DemoAccountSchema)
        .max(20)
        .safeParse(JSON.parse(env.WORKBENCH_DEMO_ACCOUNTS));
      if (parsed.success) demoAccounts = parsed.data;
    } catch {
      demoAccounts = [];
    }
  }
  return { serverUrl: env.WORKBENCH_CENTRAL_URL ?? null, demoAccounts };
}

/**
 * Days an offline sign-in stays possible after the officer's last online one
 * (WORKBENCH_OFFLINE_SIGN_IN_DAYS, a whole number, 0 turns it off); null when not set or
 * malformed, for the engine's default.
 */
export function offlineSignInDaysFromEnv(env: Record<string, string | undefined>): number | null {
  const raw = env.WORKBENCH_OFFLINE_SIGN_IN_DAYS?.trim();
  if (!raw || !/^\d{1,4}$/.test(raw)) return null;
  return Number(raw);
}
