import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORAGE } from '../store/kinds';
import fc from 'fast-check';
import type { SearchHit } from '@shared/contract/api';
import type { Complaint, Dossier } from '@shared/model';
import { makeComplaint, makeDossier } from '../../tests/support/fixtures';
import { deferIndexes, restoreDeferredIndexes, withIndexesDeferred } from '../store/bulk';
import { openStore, type Db } from '../store/db';
import { createWriter, type StoreWriter } from '../store/writer';
import { SyncCache } from '../sync/cache';
import { rebuildSearchIndex } from './index-writer';
import { candidateSql, createSearchService, type SearchService } from './search';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 1, 2, 2, 0);

const at = (days: number) => T0 + days * DAY;

const D1 = makeDossier({
  id: 'd1',
  number: '000.00.01.H22-260202-0012',
  applicantName: 'Nguyễn Văn Đức',
  applicantIdNumber: '001090012345',
  phone: '0912345678',
  procedureName: 'Đăng ký khai sinh',
  summary: 'Đăng ký khai sinh cho con thứ hai',
  receivedAt: at(0),
});
const D2 = makeDossier({
  id: 'd2',
  number: '000.00.01.H22-260202-0013',
  applicantName: 'Đặng Thị Hoa',
  applicantIdNumber: '001190000222',
  phone: '0987000111',
  procedureName: 'Cấp giấy phép xây dựng',
  summary: 'Cấp giấy phép xây dựng nhà ở riêng lẻ tại phường Hai Bà Trưng',
  receivedAt: at(1),
});
const D3 = makeDossier({
  id: 'd3',
  number: '000.00.01.H22-260202-0014',
  applicantName: 'Nguyễn Văn Đông',
  applicantIdNumber: '001090077777',
  phone: '0903111222',
  procedureName: 'Đăng ký kết hôn',
  summary: 'Đăng ký kết hôn',
  receivedAt: at(2),
});
const D4 = makeDossier({
  id: 'd4',
  number: '000.00.01.H22-260203-0001',
  applicantName: 'Trần Văn Dũng',
  applicantIdNumber: '001090088888',
  phone: '0904222333',
  procedureName: 'Cấp bản sao trích lục hộ tịch',
  summary: 'Cấp bản sao trích lục khai sinh cho ông Nguyễn Văn Đức',
  receivedAt: at(3),
});
const D5 = makeDossier({
  id: 'd5',
  number: '000.00.01.H22-260204-0001',
  applicantName: 'Phạm Nguyễn Văn Đức',
  applicantIdNumber: '001090099999',
  phone: '0905333444',
  procedureName: 'Chứng thực bản sao',
  summary: 'Chứng thực bản sao giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp',
  receivedAt: at(4),
});
const C1 = makeComplaint({
  id: 'c1',
  number: 'PAKN-260202-0001',
  senderName: 'Nguyễn Văn Đức',
  senderPhone: '0912 000 999',
  title: 'Phản ánh việc chậm trả kết quả',
  content: 'Hồ sơ đăng ký khai sinh của tôi đã quá hạn mà chưa có kết quả. '.repeat(8),
  receivedAt: at(1),
});

let db: Db;
let write: StoreWriter;
let search: SearchService;

function seed(dossiers: Dossier[] = [D1, D2, D3, D4, D5], complaints: Complaint[] = [C1]) {
  db.transaction(() => {
    for (const d of dossiers) write.record(STORAGE.dossier, d);
    for (const c of complaints) write.record(STORAGE.complaint, c);
  })();
}

beforeEach(() => {
  db = openStore(':memory:');
  write = createWriter(db);
  search = createSearchService(db);
  seed();
});
afterEach(() => db.close());

const find = (
  text: string,
  limit = 50,
  entities: ('dossier' | 'complaint')[] = ['dossier', 'complaint'],
) => search.query({ text, limit, entities });
const ids = (text: string, limit?: number) => find(text, limit).hits.map((h) => h.id);
const marked = (text: string, ranges: readonly (readonly [number, number])[]) =>
  ranges.map(([s, e]) => text.slice(s, e));

describe('search: what it finds', () => {
  it('finds a name typed without diacritics, đ included', () => {
    expect(ids('nguyen van duc')).toEqual(expect.arrayContaining(['d1', 'c1', 'd5', 'd4']));
    expect(ids('nguyen van duc')).not.toContain('d3');
    expect(ids('dang thi hoa')).toEqual(['d2']);
    expect(ids('NGUYEN VAN DONG')).toEqual(['d3']);
  });

  it('finds the same with diacritics, decomposed input and stray spaces', () => {
    const expected = ids('nguyen van duc');
    expect(ids('Nguyễn Văn Đức')).toEqual(expected);
    expect(ids('  Nguyễn   Văn Đức'.normalize('NFD'))).toEqual(expected);
  });

  it('"dang" finds Đặng first, before every "đăng ký" in a summary', () => {
    const hits = ids('dang');
    expect(hits[0]).toBe('d2');
    expect(hits).toEqual(expect.arrayContaining(['d1', 'd3']));
  });

  it('treats the word being typed as a prefix, and waits for a second letter', () => {
    expect(ids('nguyen van d')).toEqual(expect.arrayContaining(['d1', 'd3', 'c1']));
    expect(ids('nguyen van du')).toEqual(expect.arrayContaining(['d1', 'c1']));
    expect(ids('nguyen van du')).not.toContain('d3');
    // A finished word (trailing space) is not a prefix.
    expect(ids('nguyen van du ')).toEqual([]);
    expect(ids('d')).toEqual([]);
  });

  it('finds a dossier by number fragments, with or without punctuation', () => {
    expect(ids('260202-0012')[0]).toBe('d1');
    expect(ids('2602020012')[0]).toBe('d1');
    expect(ids('000.00.01.H22-260202-0012')[0]).toBe('d1');
    expect(ids('260202-001')).toEqual(expect.arrayContaining(['d1', 'd2', 'd3']));
    expect(ids('pakn-260202')).toEqual(['c1']);
  });

  it('finds by phone, typed whole, in pieces, with the country code or as a prefix', () => {
    expect(ids('0912345678')[0]).toBe('d1');
    expect(ids('0912 345 678')[0]).toBe('d1');
    expect(ids('+84 912 345 678')[0]).toBe('d1');
    expect(ids('0912')).toEqual(expect.arrayContaining(['d1', 'c1']));
    expect(ids('0912 000 999')).toEqual(['c1']);
  });

  it('finds by ID number, whole or by its start', () => {
    expect(ids('001090012345')).toEqual(['d1']);
    expect(ids('00109001')).toEqual(['d1']);
    expect(ids('0010900').sort()).toEqual(['d1', 'd3', 'd4', 'd5']);
  });

  it('finds words of a summary or a complaint', () => {
    expect(ids('giay phep xay dung')).toEqual(['d2']);
    expect(ids('rieng le')).toEqual(['d2']);
    expect(ids('qua han')).toEqual(['c1']);
    expect(ids('khai sinh')).toEqual(expect.arrayContaining(['d1', 'd4', 'c1']));
  });

  it('searches one entity when asked', () => {
    expect(find('nguyen van duc', 50, ['complaint']).hits.map((h) => h.id)).toEqual(['c1']);
    expect(find('nguyen van duc', 50, ['dossier']).hits.every((h) => h.entity === 'dossier')).toBe(
      true,
    );
  });

  it('carries what the UI shows: number, names, status, date', () => {
    const [hit] = find('260202-0012').hits;
    expect(hit).toMatchObject({
      entity: 'dossier',
      id: 'd1',
      number: D1.number,
      title: 'Nguyễn Văn Đức',
      subtitle: 'Đăng ký khai sinh',
      status: 4,
      receivedAt: D1.receivedAt,
    });
    const complaint = find('0912 000 999').hits[0];
    expect(complaint).toMatchObject({
      entity: 'complaint',
      status: 'processing',
      title: 'Nguyễn Văn Đức',
    });
  });
});

describe('search: ranking', () => {
  it('puts a whole identifier first, then names that start with the query, then other matches', () => {
    const order = ids('nguyen van duc');
    // d1 and c1: the name starts with it; d5: the words are in the name; d4: only in the summary.
    expect(order.slice(0, 2).sort()).toEqual(['c1', 'd1']);
    expect(order.slice(2)).toEqual(['d5', 'd4']);
    expect(ids('0912345678')).toEqual(['d1']);
  });

  it('orders a tier by bm25 when all its matches were read (shorter name first, not newer)', () => {
    // d5 is newer than d1 but its text is longer: bm25 puts d1 first among names containing "duc".
    const order = ids('duc').filter((id) => id === 'd1' || id === 'd5');
    expect(order).toEqual(['d1', 'd5']);
  });

  it('reads the newest matches only when there are too many, and says so', () => {
    const small = createSearchService(db, { cap: 2 });
    const r = small.query({ text: 'nguyen', limit: 10, entities: ['dossier'] });
    expect(r.truncated).toBe(true);
    // Only the two most recently stored dossiers with "nguyen" in a name are read (d5, d3; not
    // d1): d3 starts with it, d5 has it further on; then d4, with it in its summary.
    expect(r.hits.map((h) => h.id)).toEqual(['d3', 'd5', 'd4']);
    expect(find('nguyen').truncated).toBe(false);
  });

  it('honours the limit', () => {
    expect(find('nguyen', 2).hits).toHaveLength(2);
  });
});

describe('search: highlights on the original text', () => {
  it('marks the matched words with their diacritics', () => {
    const hit = find('nguyen van duc').hits.find((h) => h.id === 'd1') as SearchHit;
    expect(marked(hit.title, hit.highlights.title)).toEqual(['Nguyễn', 'Văn', 'Đức']);
    expect(hit.highlights.title).toEqual([
      [0, 6],
      [7, 10],
      [11, 14],
    ]);
  });

  it('marks only the typed prefix of the word being typed', () => {
    const hit = find('nguyen van du').hits.find((h) => h.id === 'd1') as SearchHit;
    // "du" is the first two letters of "Đức": Đ and ứ.
    expect(marked(hit.title, hit.highlights.title)).toEqual(['Nguyễn', 'Văn', 'Đứ']);
  });

  it('keeps accents with their letters in decomposed text', () => {
    const nfd = makeDossier({
      id: 'd9',
      number: 'X-1',
      applicantName: 'Đỗ Thị Ánh'.normalize('NFD'),
    });
    seed([nfd], []);
    const hit = find('do thi anh').hits.find((h) => h.id === 'd9') as SearchHit;
    expect(marked(hit.title, hit.highlights.title)).toEqual(
      ['Đỗ', 'Thị', 'Ánh'].map((w) => w.normalize('NFD')),
    );
  });

  it('marks number pieces and digits typed in groups', () => {
    const hit = find('260202-0012').hits[0] as SearchHit;
    expect(marked(hit.number, hit.highlights.number)).toEqual(['260202-0012']);
    const c = find('0912 000 999').hits[0] as SearchHit;
    expect(c.detail).toEqual({ field: 'phone', text: '0912 000 999', ranges: [[0, 12]] });
  });

  it('explains a hit found in a field the grid does not show', () => {
    expect(find('001090012345').hits[0]?.detail).toEqual({
      field: 'applicantIdNumber',
      text: '001090012345',
      ranges: [[0, 12]],
    });
    const c = find('ho so dang ky').hits.find((h) => h.id === 'c1') as SearchHit;
    expect(c.detail?.field).toBe('content');
    expect(c.detail?.text.endsWith('…')).toBe(true);
    expect(c.detail && c.detail.text.length).toBeLessThanOrEqual(162);
    expect(c.detail && marked(c.detail.text, c.detail.ranges).slice(0, 4)).toEqual([
      'Hồ',
      'sơ',
      'đăng',
      'ký',
    ]);
  });
});

describe('search: any text is safe', () => {
  const nasty = [
    '"',
    '""',
    '*',
    '-',
    '^nguyen',
    'NEAR(nguyen duc)',
    'nguyen OR duc',
    'nguyen NOT duc',
    'AND',
    'name:duc',
    '{ref name}: 0012',
    '(',
    ')',
    "'; DROP TABLE dossiers; --",
    '\u0000',
    '😀 nguyen',
    'a '.repeat(100),
  ];

  it.each(nasty)('%j is searched as words, never as FTS5 syntax', (text) => {
    expect(() => find(text)).not.toThrow();
  });

  it('does not let operators or column filters change the meaning', () => {
    // "OR" is a word like any other: nobody is called "or", so nothing matches.
    expect(ids('nguyen OR dang')).toEqual([]);
    expect(ids('name:duc').length).toBe(0);
    expect(ids('NEAR(nguyen duc)')).toEqual(ids('near nguyen duc'));
    expect(ids('nguyen -duc')).toEqual(ids('nguyen duc'));
  });

  it('answers nothing for empty and blank text', () => {
    expect(find('')).toMatchObject({ hits: [], truncated: false });
    expect(find(' \t\n ').hits).toEqual([]);
    expect(find('---').hits).toEqual([]);
  });

  it('never throws and returns ranges inside their text, whatever is typed (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const r = find(text, 20);
        for (const h of r.hits) {
          for (const [field, ranges] of Object.entries(h.highlights)) {
            const value = h[field as 'number' | 'title' | 'subtitle'];
            for (const [s, e] of ranges) {
              expect(s).toBeGreaterThanOrEqual(0);
              expect(e).toBeGreaterThan(s);
              expect(e).toBeLessThanOrEqual(value.length);
            }
          }
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('search: the index follows the records', () => {
  const docs = () =>
    (
      db
        .prepare(
          'SELECT (SELECT count(*) FROM dossier_search_docsize) + (SELECT count(*) FROM complaint_search_docsize) AS n',
        )
        .get() as { n: number }
    ).n;

  it('re-indexes a record whose name changes, and only then', () => {
    write.record(STORAGE.dossier, { ...D1, applicantName: 'Hoàng Văn Minh', version: 2 });
    expect(ids('nguyen van duc')).not.toContain('d1');
    expect(ids('hoang van minh')).toEqual(['d1']);
    const before = docs();
    write.record(STORAGE.dossier, {
      ...D1,
      applicantName: 'Hoàng Văn Minh',
      status: 9,
      version: 3,
    });
    expect(docs()).toBe(before);
    expect(ids('hoang van minh')).toEqual(['d1']);
  });

  it('re-indexes complaints too', () => {
    write.record(STORAGE.complaint, { ...C1, content: 'Nội dung mới về lệ phí trước bạ' });
    expect(ids('truoc ba')).toEqual(['c1']);
    expect(ids('qua han')).toEqual([]);
  });

  it('forgets records deleted in SQL (scope removals, another officer signing in)', () => {
    db.prepare(`DELETE FROM dossiers WHERE id = 'd1'`).run();
    expect(ids('nguyen van duc')).not.toContain('d1');
    expect(docs()).toBe(5);
    new SyncCache(db, write).reset();
    expect(ids('nguyen')).toEqual([]);
    expect(docs()).toBe(0);
  });

  it('stays right through a bulk load with the secondary indexes deferred', () => {
    const more = Array.from({ length: 300 }, (_, i) =>
      makeDossier({
        id: `b${i}`,
        number: `000.00.02.H22-260301-${String(i).padStart(4, '0')}`,
        applicantName: i === 123 ? 'Lý Thị Ngọc Hân' : 'Bùi Văn Tám',
      }),
    );
    withIndexesDeferred(
      db,
      ['dossiers', 'dossier_history', 'complaints', 'complaint_history'],
      () => {
        db.transaction(() => more.forEach((d) => write.record(STORAGE.dossier, d)))();
      },
    );
    expect(ids('ly thi ngoc han')).toEqual(['b123']);
    expect(ids('260301-0123')).toEqual(['b123']);
    // The engine's path: defer, load pages through the sync cache, restore later (or at next open).
    deferIndexes(db, ['dossiers']);
    new SyncCache(db, write).applyPage(
      {
        changes: [
          {
            entity: 'dossier',
            id: 'e1',
            seq: '1',
            version: 1,
            data: makeDossier({ id: 'e1', number: 'E-1', applicantName: 'Tạ Quang Bửu' }),
          },
        ],
        removals: [{ entity: 'dossier', id: 'b7', seq: '2' }],
        cursor: '2',
        hasMore: false,
      },
      () => {
        throw new Error('no replay needed');
      },
    );
    restoreDeferredIndexes(db);
    expect(ids('ta quang buu')).toEqual(['e1']);
    expect(ids('260301-0007')).toEqual([]);
  });

  it('finds the same after a batch as after records stored one by one, last write winning', () => {
    const more = Array.from({ length: 200 }, (_, i) =>
      makeDossier({
        id: `m${i}`,
        number: `000.00.03.H22-260305-${String(i).padStart(4, '0')}`,
        applicantName: i % 50 === 7 ? 'Lý Thị Ngọc Hân' : 'Bùi Văn Tám',
        summary: i % 2 ? 'Đăng ký thường trú' : 'Cấp giấy phép lái xe',
      }),
    );
    const queries = ['ly thi ngoc han', 'bui van tam', 'thuong tru', 'giay phep', '260305-0107'];
    db.transaction(() => more.forEach((d) => write.record(STORAGE.dossier, d)))();
    const oneByOne = queries.map((q) => ids(q, 500).sort());
    db.prepare(`DELETE FROM dossiers WHERE id LIKE 'm%'`).run();
    expect(ids('bui van tam')).toEqual([]);
    db.transaction(() =>
      write.batch(() => {
        more.forEach((d) => write.record(STORAGE.dossier, d));
        // Stored twice in the batch: the second document replaces the first.
        write.record(STORAGE.dossier, { ...more[5]!, applicantName: 'Hoàng Văn Minh', version: 2 });
      }),
    )();
    expect(queries.map((q) => ids(q, 500).sort())).toEqual(
      oneByOne.map((found, i) => (i === 1 ? found.filter((id) => id !== 'm5') : found)),
    );
    expect(ids('hoang van minh')).toEqual(['m5']);
    expect(docs()).toBe(6 + 200);
  });

  it('writes nothing of a batch that fails', () => {
    expect(() =>
      db.transaction(() =>
        write.batch(() => {
          write.record(
            STORAGE.dossier,
            makeDossier({ id: 'x1', number: 'X-1', applicantName: 'Tạ Quang Bửu' }),
          );
          throw new Error('the page breaks half-way');
        }),
      )(),
    ).toThrow(/half-way/);
    expect(ids('ta quang buu')).toEqual([]);
    expect(docs()).toBe(6);
    // The writer is not left holding documents back: the next record is indexed at once.
    write.record(
      STORAGE.dossier,
      makeDossier({ id: 'x2', number: 'X-2', applicantName: 'Tạ Quang Bửu' }),
    );
    expect(ids('ta quang buu')).toEqual(['x2']);
  });

  it('rebuilds to the same answers', () => {
    const before = ids('nguyen van duc');
    rebuildSearchIndex(db);
    expect(ids('nguyen van duc')).toEqual(before);
    expect(docs()).toBe(6);
  });
});

describe('search: query plan', () => {
  it.each(['dossier', 'complaint'] as const)(
    'reads %s matches from the FTS index and the records by rowid',
    (entity) => {
      const plan = (
        db
          .prepare(`EXPLAIN QUERY PLAN ${candidateSql(entity)}`)
          .all({ match: '"nguyen"', cap: 200 }) as {
          detail: string;
        }[]
      )
        .map((r) => r.detail)
        .join(' | ');
      expect(plan).toMatch(new RegExp(`SCAN ${entity}_search VIRTUAL TABLE INDEX`));
      expect(plan).toMatch(/SEARCH x USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(plan).not.toMatch(/SCAN x\b/);
      expect(plan).not.toContain('TEMP B-TREE');
    },
  );
});
