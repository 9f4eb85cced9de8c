import { z } from 'zod';

/**
 * What the trainers' sandbox, run as a child process of the desktop app (its Training menu),
 * says to that app: one JSON line per message on its standard output, after a prefix that tells
 * them apart from anything else the process prints. The child is scripts/sandbox/process.ts; the
 * desktop side is electron/main/sandbox-window.ts. Both parse through here.
 */
export const SANDBOX_LINE_PREFIX = 'workbench-sandbox ';

export const sandboxProcessMessage = z.discriminatedUnion('type', [
  /** Building the training world (first start of a scenario's world only). */
  z.object({
    type: z.literal('progress'),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  /** The sandbox's browser host answers at `url` (which carries its one-time access token). */
  z.object({ type: z.literal('ready'), url: z.string().url() }),
  /** The sandbox could not start; `message` says why (in English, for the log and the dialog). */
  z.object({ type: z.literal('failed'), message: z.string().max(2000) }),
]);
export type SandboxProcessMessage = z.infer<typeof sandboxProcessMessage>;

export function formatSandboxLine(message: SandboxProcessMessage): string {
  return `${SANDBOX_LINE_PREFIX}${JSON.stringify(message)}\n`;
}

/** The message a line carries, or null for any other line (logs, a torn or foreign line). */
export function parseSandboxLine(line: string): SandboxProcessMessage | null {
  if (!line.startsWith(SANDBOX_LINE_PREFIX)) return null;
  try {
    const parsed = sandboxProcessMessage.safeParse(
      JSON.parse(line.slice(SANDBOX_LINE_PREFIX.length)),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
