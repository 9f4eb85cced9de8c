import { z } from 'zod';
import { ComplaintActionSchema } from '../domain/complaint-machine';
import { complaintKind } from '../kinds';
import { COMPLAINT_STATUSES } from '../model/codes';
import { ComplaintSchema, Millis, OfficerSchema, UnitSchema } from '../model/schemas';
import { ComplaintReportFilterShape } from './report-filters';
import { recordContract } from './records';

/** Complaints (phản ánh, kiến nghị): `complaints.*` over the complaint's own shapes. */

export const COMPLAINT_SORT_FIELDS = [
  'receivedAt',
  'dueAt',
  'number',
  'senderName',
  'status',
] as const;
export type ComplaintSortField = (typeof COMPLAINT_SORT_FIELDS)[number];

export const ComplaintStatusSchema = z.enum(COMPLAINT_STATUSES);

export const COMPLAINT_DEADLINE_KINDS = [
  'refuse',
  'request_info',
  'transfer',
  'answer',
  'publish',
] as const;

export const complaintContract = recordContract(complaintKind, {
  record: ComplaintSchema,
  action: ComplaintActionSchema,
  status: ComplaintStatusSchema,
  sortFields: COMPLAINT_SORT_FIELDS,
  /** A complaint as the grid needs it (the content and the answer stay in complaints.get). */
  row: ComplaintSchema.pick({
    id: true,
    number: true,
    senderName: true,
    title: true,
    channel: true,
    status: true,
    classification: true,
    receivedAt: true,
    clockStartedAt: true,
    dueAt: true,
    unitId: true,
    assigneeId: true,
    version: true,
    updatedAt: true,
  }),
  filter: ComplaintReportFilterShape,
  detail: {
    unit: UnitSchema.nullable(),
    assignee: OfficerSchema.nullable(),
    /** The scorecard deadline that governs the complaint in its status (shared/domain). */
    deadline: z.object({ kind: z.enum(COMPLAINT_DEADLINE_KINDS), dueAt: Millis }).nullable(),
  },
});

export const { methods, events } = complaintContract;
