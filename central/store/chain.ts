import { hash } from 'node:crypto';

/** SHA-256 of a history entry's JSON text as stored, or of anything else given. */
export const sha256 = (data: string | Buffer): Buffer => hash('sha256', data, 'buffer');

/**
 * One step of the running audit chain: SHA-256(previous chain hash ‖ entry hash), the previous
 * being empty before the first entry (migration 3 computes the same on PostgreSQL).
 */
export const chainStep = (previous: Buffer, entryHash: Buffer): Buffer =>
  hash('sha256', Buffer.concat([previous, entryHash]), 'buffer');
