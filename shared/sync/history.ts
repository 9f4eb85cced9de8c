import type { z } from 'zod';
import { HistoryEntrySchema, Id } from '../model/schemas';

/** A history entry on the wire: the entry and the id of the record it belongs to. */
export const historyRecordSchema = <K extends string>(ownerKey: K) =>
  HistoryEntrySchema.extend({ [ownerKey]: Id } as { [P in K]: typeof Id });

export const DossierHistoryRecordSchema = historyRecordSchema('dossierId');
export const ComplaintHistoryRecordSchema = historyRecordSchema('complaintId');
export type DossierHistoryRecord = z.infer<typeof DossierHistoryRecordSchema>;
export type ComplaintHistoryRecord = z.infer<typeof ComplaintHistoryRecordSchema>;
