import { z } from 'zod';
import { ChannelSchema, Id, Millis, SIGN_OFF_STATES } from '../model/schemas';

/**
 * The filter fields behind the supervisors' figures (shared/reports): every number of the
 * dashboard, the scorecard and Biểu 06 is a filter of the records grid, so that the grid a figure
 * opens lists exactly the records it counts. Times are instants; ranges are [from, to).
 */

/** [from, to): either end may be open. */
export const InstantRangeSchema = z
  .object({ from: Millis.optional(), to: Millis.optional() })
  .strict()
  .refine((r) => r.from === undefined || r.to === undefined || r.from <= r.to, {
    error: 'the range ends before it starts',
  });
export type InstantRange = z.infer<typeof InstantRangeSchema>;

/** How processing ended against the appointment (Biểu 06, columns 8–10). */
export const TIMELINESS = ['early', 'on_time', 'late'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

/** A dossier's clock at a moment while it was in progress. */
export const CLOCK_STATES = ['on_track', 'due_soon', 'overdue', 'waiting'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/** A unit subtree, expanded: at most a province's units. */
export const UnitIdsSchema = z.array(Id).min(1).max(5000);

export const DossierReportFilterShape = {
  /** In one of these units (a unit and those under it). */
  unitIds: UnitIdsSchema.optional(),
  /** MaLinhVuc */
  fieldCode: z.string().min(1).max(40).optional(),
  /** MaTTHC */
  procedureCode: z.string().min(1).max(40).optional(),
  /** KenhThucHien */
  channel: z.array(ChannelSchema).min(1).max(3).optional(),
  /** Received for processing (NgayTiepNhan) in the range. */
  received: InstantRangeSchema.optional(),
  /** Received for processing, and processing ended (NgayKetThucXuLy) in the range. */
  finished: InstantRangeSchema.optional(),
  /**
   * Handled in a period (Biểu 06, column 3): received for processing before `to` and not finished
   * before `from`. With from = to it is "in progress at that moment".
   */
  handled: z
    .object({ from: Millis, to: Millis })
    .strict()
    .refine((r) => r.from <= r.to, { error: 'the period ends before it starts' })
    .optional(),
  /** Finished early, on time or late (shared/reports, timeliness). */
  timeliness: z.array(z.enum(TIMELINESS)).min(1).max(TIMELINESS.length).optional(),
  /** The clock at `at` of a dossier then in progress (shared/reports, clockAt). */
  clockAt: z
    .object({ at: Millis, states: z.array(z.enum(CLOCK_STATES)).min(1).max(CLOCK_STATES.length) })
    .strict()
    .optional(),
  /** Its appointment was moved with an apology (Mẫu 04). */
  apologized: z.boolean().optional(),
  /** Documents were asked for more than once. */
  secondSupplement: z.boolean().optional(),
  /** The current appointment (NgayHenTra) in the range. */
  due: InstantRangeSchema.optional(),
  /** Where its drafted result stands with the leader who signs it off. */
  signOff: z.array(z.enum(SIGN_OFF_STATES)).min(1).max(SIGN_OFF_STATES.length).optional(),
};

/** The statutory clocks of a complaint (DOMAIN.md §5, the portal's scorecard). */
export const COMPLAINT_CLOCKS = [
  'refuse',
  'request_info',
  'transfer',
  'answer',
  'publish',
] as const;
export type ComplaintClock = (typeof COMPLAINT_CLOCKS)[number];

/** Where a complaint stands against one clock at a moment (shared/reports, complaintClock). */
export const CLOCK_OUTCOMES = ['met', 'missed', 'open', 'overdue'] as const;
export type ClockOutcome = (typeof CLOCK_OUTCOMES)[number];

export const ComplaintReportFilterShape = {
  unitIds: UnitIdsSchema.optional(),
  /** Received (ngày tiếp nhận) in the range. */
  received: InstantRangeSchema.optional(),
  /** Its standing against one clock at `at`. */
  clock: z
    .object({
      kind: z.enum(COMPLAINT_CLOCKS),
      outcomes: z.array(z.enum(CLOCK_OUTCOMES)).min(1).max(CLOCK_OUTCOMES.length),
      at: Millis,
    })
    .strict()
    .optional(),
};
