import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '@shared/domain/text';
import { foldWithOrigins, fuzzyMatch, markPositions, rankByLabel } from './match';

describe('foldWithOrigins', () => {
  it('folds like the domain does, keeping where each character came from', () => {
    const text = 'Đơn Yêu cầu bổ sung';
    const folded = foldWithOrigins(text);
    expect(folded.chars).toBe(foldVietnamese(text));
    expect(folded.origin.length).toBe(folded.chars.length);
    expect(text[folded.origin[0] ?? -1]).toBe('Đ');
  });

  it('copes with text typed decomposed (NFD)', () => {
    const text = 'Quá hạn'.normalize('NFD');
    expect(foldWithOrigins(text).chars).toBe('qua han');
  });
});

describe('fuzzyMatch', () => {
  it('matches without diacritics, đ included', () => {
    expect(fuzzyMatch('phan cong', 'Phân công xử lý')).not.toBeNull();
    expect(fuzzyMatch('dong bo', 'Đồng bộ ngay')).not.toBeNull();
    expect(fuzzyMatch('DONG BO', 'Đồng bộ ngay')).not.toBeNull();
  });

  it('matches initials and subsequences, in order only', () => {
    expect(fuzzyMatch('qh', 'Quá hạn')).not.toBeNull();
    expect(fuzzyMatch('hq', 'Quá hạn')).toBeNull();
    expect(fuzzyMatch('xyz', 'Quá hạn')).toBeNull();
  });

  it('points at the matched characters of the original label', () => {
    const match = fuzzyMatch('qh', 'Quá hạn');
    expect(match?.positions).toEqual([0, 4]);
    expect(markPositions('Quá hạn', match?.positions ?? [])).toEqual([
      { text: 'Q', hit: true },
      { text: 'uá ', hit: false },
      { text: 'h', hit: true },
      { text: 'ạn', hit: false },
    ]);
  });

  it('prefers word starts and runs over scattered letters', () => {
    const starts = fuzzyMatch('xl', 'Xử lý');
    const scattered = fuzzyMatch('xl', 'Xin phép lại');
    expect(starts && scattered && starts.score > scattered.score).toBe(true);
    const run = fuzzyMatch('han', 'Quá hạn');
    const spread = fuzzyMatch('han', 'Hồ sơ chưa nộp');
    expect(run && spread && run.score > spread.score).toBe(true);
  });

  it('matches everything, unhighlighted, on an empty query', () => {
    expect(fuzzyMatch('  ', 'Quá hạn')).toEqual({ score: 0, positions: [] });
  });
});

describe('rankByLabel', () => {
  const labels = [
    'Tất cả hồ sơ',
    'Hồ sơ của tôi',
    'Sắp đến hạn',
    'Quá hạn',
    'Chờ công dân bổ sung',
    'Đồng bộ ngay',
  ];

  it('puts the best match first', () => {
    const ranked = rankByLabel(labels, 'qua han', (l) => l).map((r) => r.item);
    expect(ranked[0]).toBe('Quá hạn');
    expect(ranked).not.toContain('Hồ sơ của tôi');
  });

  it('finds "đồng bộ" typed as "dong bo" before anything else', () => {
    expect(rankByLabel(labels, 'dong bo', (l) => l)[0]?.item).toBe('Đồng bộ ngay');
  });

  it('keeps the given order when nothing is typed', () => {
    expect(rankByLabel(labels, '', (l) => l).map((r) => r.item)).toEqual(labels);
  });
});
