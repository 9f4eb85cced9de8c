import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Which central API a data folder works with, kept in the folder (`central.json`): the embedded
 * demo one with the address it listened on, or a configured `--server`. The local store's
 * session and its waiting changes belong to that central API, so `npm start` on the same folder
 * goes back to it — the embedded one on the same address — instead of a new one the session
 * does not know.
 */
export const CENTRAL_MEMORY_FILE = 'central.json';

const MemorySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('embedded'), url: z.string().url() }),
  z.strictObject({ kind: z.literal('server'), url: z.string().url() }),
]);
export type CentralMemory = z.infer<typeof MemorySchema>;

export function readCentralMemory(dataDir: string): CentralMemory | null {
  const file = join(dataDir, CENTRAL_MEMORY_FILE);
  if (!existsSync(file)) return null;
  try {
    const parsed = MemorySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    // A damaged file is forgotten: the next start writes it again.
    return null;
  }
}

export function writeCentralMemory(dataDir: string, memory: CentralMemory): void {
  const file = join(dataDir, CENTRAL_MEMORY_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(memory, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The port an embedded central API listened on, to listen on again. */
export function rememberedPort(memory: CentralMemory | null): number {
  if (memory?.kind !== 'embedded') return 0;
  const port = Number(new URL(memory.url).port);
  return Number.isInteger(port) && port > 0 && port < 65_536 ? port : 0;
}
