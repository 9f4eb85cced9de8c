import { describe, expect, it } from 'vitest';
import { chunk, summarizeBulk } from './bulk';

describe('summarizeBulk', () => {
  it('counts what was applied and explains each refusal by its dossier number', () => {
    const labels = new Map([
      ['d1', 'HS-001'],
      ['d2', 'HS-002'],
      ['d3', 'HS-003'],
    ]);
    const summary = summarizeBulk(
      [
        { id: 'd1', ok: true, status: 4 },
        { id: 'd2', ok: false, code: 'DOSSIER_FINAL', message: 'DOSSIER_FINAL: closed' },
        { id: 'd3', ok: false, code: 'NOT_FOUND', message: 'gone' },
        { id: 'd4', ok: false, code: 'WHATEVER', message: 'odd' },
      ],
      labels,
    );
    expect(summary.applied).toBe(1);
    expect(summary.appliedIds).toEqual(['d1']);
    expect(summary.refused).toEqual([
      { id: 'd2', label: 'HS-002', code: 'DOSSIER_FINAL', reason: { key: 'rules.DOSSIER_FINAL' } },
      { id: 'd3', label: 'HS-003', code: 'NOT_FOUND', reason: { key: 'errors.codes.NOT_FOUND' } },
      { id: 'd4', label: 'd4', code: 'WHATEVER', reason: { text: 'odd' } },
    ]);
  });
});

describe('chunk', () => {
  it('cuts a list into calls of the contract’s size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 500)).toEqual([]);
  });
});
