import { z } from 'zod';
import { KIND_NAMES } from '../kinds';
import { Id, Millis, OfficerSchema } from '../model/schemas';
import { storableText } from '../model/text';
import { Empty, type EventTable, type MethodTable } from './table';

/**
 * The officer's session with the central API (`session.*`) and the state of sync (`sync.*`):
 * the indicator's status and the notices of changes the central API refused.
 */

export const SYNC_STATES = ['signed_out', 'offline', 'syncing', 'online'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

/** What the sync indicator shows; also pushed as the 'sync.status' event on every change. */
export const SyncStatusSchema = z.object({
  state: z.enum(SYNC_STATES),
  serverUrl: z.string().nullable(),
  officer: OfficerSchema.nullable(),
  scopeUnitIds: z.array(Id),
  /** Changes made here and not yet confirmed by the central API. */
  pending: z.number().int().min(0),
  /** Refused changes the officer has not dismissed yet. */
  notices: z.number().int().min(0),
  lastSyncAt: Millis.nullable(),
  /** Initial sync progress (rows stored / rows to come); null once the cache is complete. */
  progress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }).nullable(),
  lastError: z.string().nullable(),
  /**
   * Signed in on this computer while the central API was out of reach (against the password
   * verifier kept from an earlier online sign-in): the central API has not confirmed the session
   * yet. It does so, and this turns false, at its first answer.
   */
  offlineSignIn: z.boolean(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const NoticeSchema = z.object({
  id: Id,
  createdAt: Millis,
  entity: z.enum(KIND_NAMES),
  recordId: Id,
  /** The action the officer tried. */
  action: z.record(z.string(), z.unknown()),
  /** A rule code of shared/domain, or CONFLICT / FORBIDDEN / NOT_FOUND. */
  code: z.string(),
  message: z.string(),
  /** The server's version of the record at the time of the refusal. */
  current: z.record(z.string(), z.unknown()).nullable(),
  dismissedAt: Millis.nullable(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const DemoAccountSchema = z.object({
  username: z.string(),
  password: z.string(),
  fullName: z.string(),
  role: z.string(),
});
export type DemoAccount = z.infer<typeof DemoAccountSchema>;

/**
 * Why a typed central API address cannot be used, or null: it starts with http:// or https://
 * and names a host (a file: or javascript: address is refused here, with the reason, before
 * anything tries to reach it; the core's client parses the rest).
 */
export function serverAddressProblem(input: string): string | null {
  const address = input.trim();
  if (!/^https?:\/\//i.test(address))
    return 'the server address must start with http:// or https://';
  return /^https?:\/\/[^\s/?#]+/i.test(address) ? null : 'the server address names no host';
}

export const methods = {
  /** Where to sign in by default, and the demo accounts of the embedded central API, if any. */
  'session.defaults': {
    input: Empty,
    output: z.object({
      serverUrl: z.string().nullable(),
      demoAccounts: z.array(DemoAccountSchema),
    }),
  },
  'session.login': {
    input: z
      .object({
        serverUrl: storableText(500)
          .trim()
          .min(1)
          .superRefine((value, ctx) => {
            const problem = serverAddressProblem(value);
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          }),
        username: storableText(64).trim().min(1),
        password: storableText(200).min(1),
      })
      .strict(),
    output: SyncStatusSchema,
  },
  'session.logout': { input: Empty, output: SyncStatusSchema },
  'sync.status': { input: Empty, output: SyncStatusSchema },
  /** Pull and push now instead of waiting for the next live notification or retry. */
  'sync.now': { input: Empty, output: SyncStatusSchema },
  'sync.notices': {
    input: z.object({ includeDismissed: z.boolean().default(false) }).strict(),
    output: z.array(NoticeSchema),
  },
  'sync.dismissNotice': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ dismissed: z.boolean() }),
  },
} as const satisfies MethodTable;

export const events = {
  /** The sync indicator's data changed (state, pending count, progress, notices). */
  'sync.status': SyncStatusSchema,
} as const satisfies EventTable;
