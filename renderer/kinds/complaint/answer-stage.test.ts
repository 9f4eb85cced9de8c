import { describe, expect, it } from 'vitest';
import { answerStage, answerSteps } from './answer-stage';

const c = (over: Partial<Parameters<typeof answerStage>[0]>) => ({
  status: 'processing' as const,
  answer: null,
  approvedAt: null,
  publishedAt: null,
  ...over,
});

describe('answerStage', () => {
  it('follows the draft → approval → publication workflow', () => {
    expect(answerStage(c({}))).toBe('none');
    expect(answerStage(c({ status: 'answer_drafted', answer: 'Kính gửi…' }))).toBe('draft');
    expect(answerStage(c({ status: 'returned', answer: 'Kính gửi…' }))).toBe('returned');
    expect(answerStage(c({ status: 'waiting_to_publish', answer: 'x', approvedAt: 5 }))).toBe(
      'approved',
    );
    expect(
      answerStage(c({ status: 'published', answer: 'x', approvedAt: 5, publishedAt: 6 })),
    ).toBe('published');
  });

  it('treats a blank draft as no draft', () => {
    expect(answerStage(c({ answer: '  ' }))).toBe('none');
  });
});

describe('answerSteps', () => {
  it('marks done, current and remaining steps', () => {
    expect(answerSteps('none').map((s) => s.state)).toEqual(['current', 'todo', 'todo']);
    expect(answerSteps('draft').map((s) => s.state)).toEqual(['done', 'current', 'todo']);
    expect(answerSteps('returned').map((s) => s.state)).toEqual(['current', 'todo', 'todo']);
    expect(answerSteps('published').map((s) => s.state)).toEqual(['done', 'done', 'done']);
  });
});
