import { describe, expect, it } from 'vitest';
import {
  COMPLAINT_ACTIONS,
  ComplaintActionSchema,
  type ComplaintActionInput,
} from '@shared/domain/complaint-machine';
import {
  buildComplaintAction,
  complaintFormFromAction,
  emptyComplaintForm,
  type ComplaintForm,
} from './forms';
import type { Built } from '../../actions/form-values';

function payload(built: Built<ComplaintActionInput>): ComplaintActionInput {
  if (!built.ok) throw new Error(`form refused: ${JSON.stringify(built.errors)}`);
  const parsed = ComplaintActionSchema.safeParse(built.action);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  return built.action;
}

function errors(built: Built<ComplaintActionInput>) {
  if (built.ok) throw new Error(`expected problems, got ${JSON.stringify(built.action)}`);
  return built.errors;
}

const classify = (
  values: Partial<Extract<ComplaintForm, { type: 'classify' }>>,
): ComplaintForm => ({
  ...(emptyComplaintForm('classify') as Extract<ComplaintForm, { type: 'classify' }>),
  ...values,
});

describe('buildComplaintAction', () => {
  it('classifies within authority with nothing else to say', () => {
    expect(payload(buildComplaintAction(classify({ classification: 'within_authority' })))).toEqual(
      {
        type: 'classify',
        classification: 'within_authority',
      },
    );
  });

  it('needs a reason to refuse and a body to forward to, as the schema does', () => {
    expect(errors(buildComplaintAction(classify({})))).toEqual({
      classification: { rule: 'CLASSIFICATION_REQUIRED' },
    });
    expect(errors(buildComplaintAction(classify({ classification: 'not_admissible' })))).toEqual({
      reason: { rule: 'REASON_REQUIRED' },
    });
    expect(errors(buildComplaintAction(classify({ classification: 'staff_conduct' })))).toEqual({
      recipient: { rule: 'RECIPIENT_REQUIRED' },
    });
  });

  it('sends the recipient and the unit only for a transfer class', () => {
    expect(
      payload(
        buildComplaintAction(
          classify({
            classification: 'outside_authority',
            recipient: 'Sở Tài nguyên và Môi trường',
            unitId: 'u-7',
          }),
        ),
      ),
    ).toEqual({
      type: 'classify',
      classification: 'outside_authority',
      recipient: 'Sở Tài nguyên và Môi trường',
      unitId: 'u-7',
    });
    // A recipient typed before switching to "within authority" is not sent.
    expect(
      payload(
        buildComplaintAction(
          classify({ classification: 'within_authority', recipient: 'Sở X', unitId: 'u-7' }),
        ),
      ),
    ).toEqual({ type: 'classify', classification: 'within_authority' });
  });

  it('forwards to the competent body', () => {
    const transfer = { ...emptyComplaintForm('transfer') } as Extract<
      ComplaintForm,
      { type: 'transfer' }
    >;
    expect(errors(buildComplaintAction(transfer))).toEqual({
      classification: { rule: 'CLASSIFICATION_REQUIRED' },
      recipient: { rule: 'RECIPIENT_REQUIRED' },
    });
    expect(
      payload(
        buildComplaintAction({
          ...transfer,
          classification: 'staff_conduct',
          recipient: 'Thanh tra tỉnh',
        }),
      ),
    ).toEqual({ type: 'transfer', classification: 'staff_conduct', recipient: 'Thanh tra tỉnh' });
  });

  it('drafts the answer, starting from the current draft', () => {
    const draft = emptyComplaintForm('draft_answer', { answer: 'Dự thảo cũ' });
    expect(draft).toEqual({ type: 'draft_answer', answer: 'Dự thảo cũ' });
    expect(payload(buildComplaintAction({ type: 'draft_answer', answer: ' Trả lời ' }))).toEqual({
      type: 'draft_answer',
      answer: 'Trả lời',
    });
    expect(errors(buildComplaintAction({ type: 'draft_answer', answer: '' }))).toEqual({
      answer: { rule: 'ANSWER_REQUIRED' },
    });
  });

  it('sends an answer back only with a reason', () => {
    expect(errors(buildComplaintAction({ type: 'return_answer', reason: '' }))).toEqual({
      reason: { rule: 'REASON_REQUIRED' },
    });
  });

  it('publishes on the chosen channels, in a fixed order, at least one', () => {
    expect(
      payload(buildComplaintAction({ type: 'publish', channels: ['letter', 'portal', 'letter'] })),
    ).toEqual({ type: 'publish', channels: ['portal', 'letter'] });
    expect(errors(buildComplaintAction({ type: 'publish', channels: [] }))).toEqual({
      channels: { message: 'channelsRequired' },
    });
  });

  it('has an empty form for every action of the machine', () => {
    for (const type of COMPLAINT_ACTIONS) expect(emptyComplaintForm(type).type).toBe(type);
  });
});

describe('complaintFormFromAction (redo)', () => {
  it('round-trips every kind of payload', () => {
    const actions: ComplaintActionInput[] = [
      { type: 'receive', note: 'Đã nhận' },
      { type: 'classify', classification: 'outside_authority', recipient: 'Sở Y tế', unitId: 'u' },
      { type: 'request_info', reason: 'Thiếu địa chỉ' },
      { type: 'assign', assigneeId: 'o-1', note: 'Xử lý gấp' },
      { type: 'transfer', classification: 'staff_conduct', recipient: 'Thanh tra' },
      { type: 'draft_answer', answer: 'Kính gửi ông…' },
      { type: 'return_answer', reason: 'Chưa đúng' },
      { type: 'publish', channels: ['portal', 'website'] },
      { type: 'add_note', text: 'Gửi công dân', visibility: 'citizen' },
    ];
    for (const action of actions) {
      const prefilled = complaintFormFromAction(action);
      expect(payload(buildComplaintAction(prefilled as ComplaintForm))).toEqual(action);
    }
  });

  it('falls back to an empty form of a known type, else nothing', () => {
    expect(complaintFormFromAction({ type: 'publish', channels: [] })).toEqual(
      emptyComplaintForm('publish'),
    );
    expect(complaintFormFromAction({ type: 'finish' })).toBeNull();
  });
});
