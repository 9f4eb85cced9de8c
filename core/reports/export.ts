import {
  closeSync,
  createWriteStream,
  openSync,
  renameSync,
  rmSync,
  statSync,
  type WriteStream,
} from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import type { ExportFormat, ReportTable } from '@shared/contract/api';
import { FORM_FONT, type DocumentDefinition } from '@shared/forms';
import { renderPdf } from '../documents/pdf';
import { instantText, type ReportSource } from './tables';

/**
 * A report (a ReportSource: head and streamed rows) written to a file: a real .xlsx (exceljs's
 * streaming writer: merged header cells, number formats, Vietnamese text, rows committed as they
 * are written so memory stays flat), CSV (UTF-8 with a byte-order mark, so Excel reads the
 * Vietnamese; RFC 4180 quoting, CRLF), or PDF (A4 landscape through core/documents, with Noto
 * Serif embedded). Everything is written under a temporary name and renamed at the end: a failed
 * or cancelled export leaves nothing under the name asked for. Writing yields to the event loop
 * every few hundred rows, so the host keeps answering while a long export runs.
 */

export const MIME_TYPES: Readonly<Record<ExportFormat, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

/** A PDF lists at most this many rows; Excel and CSV carry every row. */
export const PDF_MAX_ROWS = 5_000;

/**
 * How long writing holds the thread before it lets the event loop run (the host answers the
 * window's calls in between). By time rather than rows: a row of Excel costs several times a row
 * of CSV, and a page read from the store comes on top of some rows and not others.
 */
const HOLD_MS = 8;

export class ExportCancelled extends Error {
  constructor() {
    super('the export was cancelled');
    this.name = 'ExportCancelled';
  }
}

/** The file cannot be written where asked (no such folder, no permission…). */
export class ExportPathError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | null)?.code;
    const why =
      code === 'ENOENT'
        ? 'its folder does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : ((cause as Error | null)?.message ?? 'unknown error');
    super(`cannot write ${path}: ${why}`, { cause });
    this.name = 'ExportPathError';
  }
}

export interface ExportControl {
  /** Rows written so far, of the source's total. */
  progress?(done: number, total: number): void;
  readonly cancelled?: () => boolean;
  /** The instant the PDF names as its creation (the same bytes for the same report). */
  readonly producedAt: number;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Since when the thread has been held by the exports (one thread, so one clock for all). */
let heldSince = performance.now();

async function checkpoint(n: number, total: number, control: ExportControl): Promise<void> {
  if (performance.now() - heldSince < HOLD_MS) return;
  control.progress?.(n, total);
  await pause();
  heldSince = performance.now();
  if (control.cancelled?.()) throw new ExportCancelled();
}

type Cell = ReportTable['rows'][number]['cells'][number];
type Column = ReportTable['columns'][number];

/** Excel keeps dates without a zone: an instant is written as its Vietnam wall-clock time. */
function excelDate(t: number): Date {
  return new Date(t + 7 * 3_600_000);
}

function excelValue(value: Cell, column: Column | undefined): ExcelJS.CellValue {
  if (value === null) return null;
  if (column?.kind === 'instant' && typeof value === 'number') return excelDate(value);
  return value;
}

/** Where each header cell lands once the spans above it are placed (row, column), 1-based. */
function headerPlacement(header: ReportTable['header']) {
  const taken = new Set<string>();
  const placed: { row: number; col: number; cell: ReportTable['header'][number][number] }[] = [];
  header.forEach((cells, r) => {
    let c = 1;
    for (const cell of cells) {
      while (taken.has(`${r + 1}:${c}`)) c++;
      placed.push({ row: r + 1, col: c, cell });
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) taken.add(`${r + 1 + dr}:${c + dc}`);
      c += cell.colSpan;
    }
  });
  return placed;
}

async function writeXlsx(
  source: ReportSource,
  path: string,
  control: ExportControl,
): Promise<void> {
  const { head } = source;
  const stream = createWriteStream(path);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  book.creator = 'Một cửa';
  const sheet = book.addWorksheet(head.report === 'statistics' ? 'Biểu 06' : head.report, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  const width = head.columns.length;
  sheet.columns = head.columns.map((c) => ({ key: c.key, width: c.width + 2 }));
  const font = { name: 'Times New Roman', size: 11 };
  const lines = [head.title, ...head.subtitle];
  let r = 0;
  for (const [i, text] of lines.entries()) {
    r++;
    const row = sheet.getRow(r);
    row.getCell(1).value = text;
    row.getCell(1).font = { ...font, bold: i === 0, size: i === 0 ? 13 : 11 };
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    sheet.mergeCells(r, 1, r, width);
    if (i === 0) row.height = 34;
    row.commit();
  }
  r++; // a blank line under the titles
  const top = r + 1;
  const border = {
    top: { style: 'thin' as const },
    left: { style: 'thin' as const },
    bottom: { style: 'thin' as const },
    right: { style: 'thin' as const },
  };
  for (const { row, col, cell } of headerPlacement(head.header)) {
    const target = sheet.getRow(top + row - 1).getCell(col);
    target.value = cell.text;
    if (cell.colSpan > 1 || cell.rowSpan > 1) {
      sheet.mergeCells(
        top + row - 1,
        col,
        top + row - 1 + cell.rowSpan - 1,
        col + cell.colSpan - 1,
      );
    }
  }
  for (let i = 0; i < head.header.length; i++) {
    const row = sheet.getRow(top + i);
    for (let c = 1; c <= width; c++) {
      const target = row.getCell(c);
      target.font = { ...font, bold: true };
      target.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      target.border = border;
      target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    }
    row.commit();
  }
  const numFmt: Partial<Record<Column['kind'], string>> = {
    int: '#,##0',
    rate: '0.0%',
    instant: 'dd/mm/yyyy hh:mm',
    days: '#,##0.0',
  };
  // One style per column, shared by every row (a style per cell costs more than the values).
  const styles = head.columns.map((column) => {
    const fmt = numFmt[column.kind];
    return { font, border, ...(fmt ? { numFmt: fmt } : {}) };
  });
  const boldStyles = styles.map((style) => ({ ...style, font: { ...font, bold: true } }));
  let n = 0;
  let at = top + head.header.length;
  for (const data of source.rows()) {
    const row = sheet.getRow(at++);
    const look = data.style === 'row' ? styles : boldStyles;
    data.cells.forEach((value, i) => {
      const target = row.getCell(i + 1);
      target.value = excelValue(value, head.columns[i]);
      target.style = look[i] ?? {};
    });
    row.commit();
    await checkpoint(++n, source.totalRows, control);
  }
  for (const note of head.notes) {
    const row = sheet.getRow(++at);
    row.getCell(1).value = note;
    row.getCell(1).font = { ...font, italic: true, size: 10 };
    row.commit();
  }
  sheet.commit();
  await book.commit();
  control.progress?.(n, Math.max(n, source.totalRows));
}

function csvText(value: Cell, column: Column | undefined): string {
  if (value === null) return '';
  const text =
    column?.kind === 'instant' && typeof value === 'number' ? instantText(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function writeCsv(source: ReportSource, path: string, control: ExportControl): Promise<void> {
  const { head } = source;
  const stream = createWriteStream(path);
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  try {
    await write(stream, '\uFEFF');
    // Header rows as laid out on screen: a spanning cell's text in its first column.
    const grid: string[][] = head.header.map(() => head.columns.map(() => ''));
    for (const { row, col, cell } of headerPlacement(head.header)) {
      const line = grid[row - 1];
      if (line) line[col - 1] = cell.text;
    }
    for (const line of grid)
      await write(stream, `${line.map((t) => csvText(t, undefined)).join(',')}\r\n`);
    let n = 0;
    for (const row of source.rows()) {
      await write(stream, `${row.cells.map((v, i) => csvText(v, head.columns[i])).join(',')}\r\n`);
      await checkpoint(++n, source.totalRows, control);
    }
    control.progress?.(n, Math.max(n, source.totalRows));
  } finally {
    stream.end();
  }
  await done;
}

function pdfCell(value: Cell, column: Column | undefined): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (column?.kind === 'instant') return instantText(value);
    if (column?.kind === 'rate')
      return `${(value * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} %`;
    return value.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  }
  return value;
}

async function writePdf(source: ReportSource, path: string, control: ExportControl): Promise<void> {
  const { head } = source;
  const width = head.columns.length;
  const header: object[][] = head.header.map(() => Array.from({ length: width }, () => ({})));
  for (const { row, col, cell } of headerPlacement(head.header)) {
    const line = header[row - 1];
    if (line) {
      line[col - 1] = {
        text: cell.text,
        bold: true,
        alignment: 'center',
        fillColor: '#e8eef7',
        ...(cell.colSpan > 1 ? { colSpan: cell.colSpan } : {}),
        ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
      };
    }
  }
  const body: object[][] = [...header];
  let n = 0;
  let cut = false;
  for (const row of source.rows()) {
    if (n >= PDF_MAX_ROWS) {
      cut = true;
      break;
    }
    body.push(
      row.cells.map((v, i) => ({
        text: pdfCell(v, head.columns[i]),
        bold: row.style !== 'row',
        alignment: head.columns[i]?.kind === 'text' ? 'left' : 'right',
      })),
    );
    await checkpoint(++n, source.totalRows, control);
  }
  const total = head.columns.reduce((s, c) => s + c.width, 0);
  const notes = [...head.notes];
  if (cut)
    notes.push(
      `PDF: ${PDF_MAX_ROWS.toLocaleString('vi-VN')} / ${source.totalRows.toLocaleString('vi-VN')}`,
    );
  const definition = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 28, 28, 28],
    defaultStyle: { font: FORM_FONT, fontSize: width > 12 ? 7.5 : 8, lineHeight: 1.1 },
    info: { title: head.title, subject: head.subtitle.join(' — '), creator: 'Một cửa' },
    content: [
      { text: head.title, bold: true, fontSize: 11, alignment: 'center', margin: [0, 0, 0, 4] },
      ...head.subtitle.map((line) => ({ text: line, alignment: 'center', margin: [0, 0, 0, 1] })),
      {
        margin: [0, 8, 0, 6],
        table: {
          headerRows: head.header.length,
          widths: head.columns.map((c) => `${((c.width / total) * 100).toFixed(2)}%`),
          body,
          dontBreakRows: true,
        },
      },
      ...notes.map((note) => ({ text: note, italics: true, fontSize: 7.5, margin: [0, 2, 0, 0] })),
    ],
  } as unknown as DocumentDefinition;
  const bytes = await renderPdf(definition, control.producedAt);
  const stream = createWriteStream(path);
  const done = once(stream, 'finish');
  stream.end(bytes);
  await done;
  control.progress?.(n, Math.max(n, source.totalRows));
}

/**
 * Writes the report to `path` through `path` + a temporary suffix, renamed when complete. A
 * failure or a cancel removes the temporary file and rethrows; `path` is then untouched.
 */
export async function exportReport(
  source: ReportSource,
  format: ExportFormat,
  path: string,
  control: ExportControl,
): Promise<{ bytes: number }> {
  const temp = `${path}.${process.pid}.part`;
  try {
    closeSync(openSync(temp, 'w'));
  } catch (error) {
    throw new ExportPathError(path, error);
  }
  try {
    if (format === 'xlsx') await writeXlsx(source, temp, control);
    else if (format === 'csv') await writeCsv(source, temp, control);
    else await writePdf(source, temp, control);
    if (control.cancelled?.()) throw new ExportCancelled();
    renameSync(temp, path);
    return { bytes: statSync(path).size };
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
