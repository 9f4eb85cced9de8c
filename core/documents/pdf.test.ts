import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formDocument,
  prepareDossierForm,
  prepareRegister,
  type PreparedForm,
} from '@shared/forms';
import {
  accepted2025,
  accepted2026,
  apologized2026,
  calendar,
  commune,
  refused2026,
  returned2026,
  stopped2026,
  supplement2026,
  vn,
} from '@shared/forms/test-fixtures';
import { pdfEngine, renderPdf } from './pdf';

// The text of a PDF as poppler's pdftotext reads it (Debian's poppler-utils; .ci/run installs it).
const dir = mkdtempSync(join(tmpdir(), 'forms-'));
let files = 0;
function pdfFile(bytes: Uint8Array): string {
  const path = join(dir, `${++files}.pdf`);
  writeFileSync(path, bytes);
  return path;
}
// Without white space: lines wrap where the page ends, the words stay in order.
const textOf = (bytes: Uint8Array): string =>
  execFileSync('pdftotext', ['-raw', pdfFile(bytes), '-'], { encoding: 'utf8' })
    .normalize('NFC')
    .replace(/\s+/g, '');
const squeezed = (line: string): string => line.replace(/\s+/g, '');
const infoOf = (bytes: Uint8Array): string =>
  execFileSync('pdfinfo', [pdfFile(bytes)], { encoding: 'utf8' });

/** The first page drawn at one pixel a point, grey (poppler's pdftoppm): its dark horizontal runs. */
function horizontalRules(bytes: Uint8Array): { y: number; x1: number; x2: number }[] {
  const base = pdfFile(bytes).replace(/\.pdf$/, '');
  execFileSync('pdftoppm', [
    '-r',
    '72',
    '-gray',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    `${base}.pdf`,
    base,
  ]);
  const pgm = readFileSync(`${base}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (header === null) throw new Error('pdftoppm wrote no greyscale page');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  const rules: { y: number; x1: number; x2: number }[] = [];
  for (let y = 0; y < height; y++) {
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const dark = x < width && (pixels[y * width + x] ?? 255) < 160;
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        // Longer than any letter's stroke: a drawn line.
        if (x - start > 30) rules.push({ y, x1: start, x2: x });
        start = -1;
      }
    }
  }
  return rules;
}

/** The box of the first text line ending with the word `last` (pdftotext's word boxes). */
function lineOf(bytes: Uint8Array, last: string): { xMin: number; xMax: number; yMax: number } {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdfFile(bytes), '-'], {
    encoding: 'utf8',
  });
  const words = [
    ...html.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g),
  ].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    word: (m[5] ?? '').normalize('NFC'),
  }));
  const end = words.find((w) => w.word === last);
  if (end === undefined) throw new Error(`no word “${last}” on the page`);
  const line = words.filter((w) => Math.abs(w.yMin - end.yMin) < 1 && w.xMax <= end.xMax);
  // The line's words run leftwards from the last one without a wide gap (not the other column).
  line.sort((a, b) => b.xMax - a.xMax);
  let xMin = end.xMin;
  for (const w of line) if (xMin - w.xMax < 12) xMin = Math.min(xMin, w.xMin);
  return { xMin, xMax: end.xMax, yMax: end.yMax };
}

const NOW = vn('2026-03-05T09:00');
const MOTTO = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];

async function pdfOf(p: PreparedForm, banner?: string): Promise<Uint8Array> {
  return renderPdf(formDocument(p, banner === undefined ? {} : { banner }), p.datedAt);
}

describe('one-stop forms as PDF (pdfmake, the bundled Noto Serif)', () => {
  it.each([
    [
      'receipt',
      accepted2026,
      [
        'Tiếp nhận hồ sơ của: Nguyễn Thị Hương Giang',
        '10 giờ 30 phút, ngày 23 tháng 02 năm 2026',
        '10 giờ 30 phút, ngày 26 tháng 02 năm 2026',
        '1.250.000 đồng',
        'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
        'BỘ PHẬN MỘT CỬA',
      ],
    ],
    [
      'receipt',
      accepted2025,
      [
        '14 giờ 05 phút, ngày 12 tháng 03 năm 2025',
        'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
        '000.00.01.H22-250312-0007',
      ],
    ],
    [
      'supplement',
      supplement2026,
      [
        'Bản sao Giấy chứng nhận quyền sử dụng đất',
        'Ảnh chụp hiện trạng',
        'NGƯỜI HƯỚNG DẪN',
        'Tân An, ngày 23 tháng 02 năm 2026',
      ],
    ],
    [
      'refusal',
      refused2026,
      [
        'Thủ tục không thuộc thẩm quyền giải quyết của xã',
        'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      ],
    ],
    [
      'apology',
      apologized2026,
      [
        '17 giờ 00 phút, ngày 20 tháng 03 năm 2026',
        'ĐỀ NGHỊ GIA HẠN',
        'Tân An, ngày 04 tháng 03 năm 2026',
      ],
    ],
    [
      'stop',
      stopped2026,
      [
        'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
        'Công dân rút hồ sơ theo đơn',
        'ngày 03 tháng 03 năm 2026',
      ],
    ],
    [
      'control',
      returned2026,
      [
        'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
        'Người nhận: Lê Hoàng Dũng',
        'Quá hạn',
        'Tân An, ngày 05 tháng 03 năm 2026',
      ],
    ],
  ] as const)(
    '%s (%#): motto, dossier number, applicant, procedure and dates on A5',
    async (form, make, expected) => {
      const source = make();
      const bytes = await pdfOf(prepareDossierForm(form, source, { now: NOW, calendar }));
      const text = textOf(bytes);
      for (const line of MOTTO) expect(text).toContain(squeezed(line));
      expect(text).toContain(source.dossier.number);
      expect(text).toContain(squeezed('Nguyễn Thị Hương Giang'));
      expect(text).toContain(squeezed('Cấp giấy phép xây dựng nhà ở riêng lẻ'));
      for (const line of expected) expect(text).toContain(squeezed(line));
      // A5: 148 × 210 mm.
      expect(infoOf(bytes)).toMatch(/Page size:\s+419\.53 x 595\.28 pts/);
    },
  );

  it('rules the agency’s name and the motto with a line centred under each', async () => {
    const bytes = await pdfOf(
      prepareDossierForm('receipt', accepted2026(), { now: NOW, calendar }),
    );
    const rules = horizontalRules(bytes);
    for (const last of ['CỬA', 'phúc']) {
      const line = lineOf(bytes, last);
      const rule = rules.find(
        (r) => r.y > line.yMax && r.y < line.yMax + 12 && r.x1 < line.xMax && r.x2 > line.xMin,
      );
      expect(rule, `a rule under the line ending “${last}”`).toBeDefined();
      if (rule === undefined) continue;
      // Centred under the words (one point of the page is one pixel here).
      expect(Math.abs((rule.x1 + rule.x2) / 2 - (line.xMin + line.xMax) / 2)).toBeLessThan(1.5);
      expect(rule.x2 - rule.x1).toBeLessThan(line.xMax - line.xMin);
    }
  });

  it('the receipt is issued in two copies, one page each', async () => {
    const bytes = await pdfOf(
      prepareDossierForm('receipt', accepted2026(), { now: NOW, calendar }),
    );
    expect(infoOf(bytes)).toMatch(/Pages:\s+2\n/);
    const text = textOf(bytes);
    expect(text).toContain(squeezed('(Liên: Lưu)'));
    expect(text).toContain(squeezed('(Liên: Giao khách hàng)'));
  });

  it('the register is an A4 landscape table of the period', async () => {
    const p = prepareRegister(
      commune,
      { from: '2026-02-01', to: '2026-02-28' },
      [returned2026(), accepted2025()],
      NOW,
    );
    const bytes = await pdfOf(p);
    expect(infoOf(bytes)).toMatch(/Page size:\s+841\.89 x 595\.28 pts/);
    const text = textOf(bytes);
    expect(text).toContain(squeezed('SỔ THEO DÕI HỒ SƠ'));
    // The narrowest column still holds its heading on one line.
    const raw = execFileSync('pdftotext', ['-raw', pdfFile(bytes), '-'], { encoding: 'utf8' });
    expect(raw).toMatch(/^STT\b/m);
    expect(text).toContain('000.00.01.H22-260212-0001');
    expect(text).not.toContain('000.00.01.H22-250312-0007');
    expect(text).toContain('23/02/2026');
  });

  it('the same form gives the same bytes, whatever was printed before (the font is parsed once)', async () => {
    const p = () => prepareDossierForm('control', returned2026(), { now: NOW, calendar });
    const first = await pdfOf(p());
    for (const make of [accepted2025, refused2026, supplement2026]) {
      await pdfOf(prepareDossierForm('control', make(), { now: NOW, calendar }));
    }
    expect(Buffer.from(await pdfOf(p())).equals(Buffer.from(first))).toBe(true);
    expect((await pdfEngine()).fontsParsedOnce).toBe(true);
  });

  it('a training print carries its banner on the page', async () => {
    const p = prepareDossierForm('receipt', accepted2026(), { now: NOW, calendar });
    expect(textOf(await pdfOf(p, 'BẢN IN THỬ — DÙNG ĐỂ ĐÀO TẠO'))).toContain(
      squeezed('BẢN IN THỬ'),
    );
    expect(textOf(await pdfOf(p))).not.toContain(squeezed('BẢN IN THỬ'));
  });
});
