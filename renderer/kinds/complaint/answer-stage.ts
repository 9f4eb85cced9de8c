import type { Complaint } from '@shared/model';

/**
 * Where the answer stands in its workflow: drafted by the processing officer, approved by a
 * leader (or sent back), then published. The stepper and the answer's label come from this.
 */
export type AnswerStage = 'none' | 'draft' | 'returned' | 'approved' | 'published';

export function answerStage(
  complaint: Pick<Complaint, 'status' | 'answer' | 'approvedAt' | 'publishedAt'>,
): AnswerStage {
  if (complaint.status === 'published' || complaint.publishedAt !== null) return 'published';
  if (complaint.status === 'waiting_to_publish' || complaint.approvedAt !== null) return 'approved';
  if (complaint.status === 'returned') return 'returned';
  if (complaint.answer !== null && complaint.answer.trim() !== '') return 'draft';
  return 'none';
}

/** The three steps and whether each is done, current, or still to come. */
export function answerSteps(stage: AnswerStage): readonly {
  readonly step: 'draft' | 'approve' | 'publish';
  readonly state: 'done' | 'current' | 'todo';
}[] {
  const reached = { none: 0, returned: 0, draft: 1, approved: 2, published: 3 }[stage];
  return (['draft', 'approve', 'publish'] as const).map((step, i) => ({
    step,
    state: i < reached ? 'done' : i === reached ? 'current' : 'todo',
  }));
}
