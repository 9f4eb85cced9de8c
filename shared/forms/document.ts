import { FormError } from './errors';
import { FORM_FIELDS } from './fields';
import { placeDate } from './format';
import { agencyHeader, type FormSettings } from './settings';
import {
  fillPlaceholders,
  templateFields,
  type Block,
  type FormTemplate,
  type Paper,
} from './template';
import type { FieldValue, FormValues, PreparedForm } from './values';

/**
 * Template + values → a document definition: plain data in pdfmake's format (the core turns it
 * into PDF bytes with pdfmake and the bundled font; nothing here knows about PDF). Pure, so the
 * same definition comes out in every host and in the CLI, and tests can read its text without
 * drawing anything.
 */

/** The font family the core registers (Noto Serif, every Vietnamese glyph). */
export const FORM_FONT = 'NotoSerif';

/** pdfmake content, as far as the forms use it. */
export type DocContent = string | DocNode;

export interface DocNode {
  readonly text?: string | readonly DocContent[];
  readonly stack?: readonly DocContent[];
  readonly columns?: readonly DocContent[];
  readonly ol?: readonly DocContent[];
  readonly ul?: readonly DocContent[];
  readonly table?: {
    readonly headerRows?: number;
    readonly widths: readonly (string | number)[];
    readonly body: readonly (readonly DocContent[])[];
    readonly dontBreakRows?: boolean;
  };
  readonly layout?: string;
  readonly canvas?: readonly {
    readonly type: 'line';
    readonly x1: number;
    readonly y1: number;
    readonly x2: number;
    readonly y2: number;
    readonly lineWidth: number;
  }[];
  readonly width?: string | number;
  readonly bold?: boolean;
  readonly italics?: boolean;
  readonly fontSize?: number;
  readonly alignment?: 'left' | 'center' | 'right' | 'justify';
  readonly margin?: readonly [number, number, number, number];
  readonly color?: string;
  readonly pageBreak?: 'before' | 'after';
  readonly fillColor?: string;
  readonly lineHeight?: number;
  /** Kept on one page (a signature block never leaves its names behind). */
  readonly unbreakable?: boolean;
}

export interface DocumentDefinition {
  readonly pageSize: Paper['size'];
  readonly pageOrientation: Paper['orientation'];
  readonly pageMargins: readonly [number, number, number, number];
  readonly content: readonly DocContent[];
  readonly defaultStyle: {
    readonly font: string;
    readonly fontSize: number;
    readonly lineHeight: number;
  };
  readonly info: { readonly title: string; readonly subject: string; readonly creator: string };
  /** The training banner, atop every page. */
  readonly header?: DocNode;
  readonly watermark?: {
    readonly text: string;
    readonly color: string;
    readonly opacity: number;
    readonly bold: boolean;
    readonly fontSize: number;
  };
}

export interface DocumentOptions {
  readonly settings?: FormSettings;
  /**
   * A banner printed atop every page and across it (the trainers' sandbox: "BẢN IN THỬ — DÙNG
   * ĐỂ ĐÀO TẠO"), so that a paper printed from synthetic data is never taken for a real one.
   */
  readonly banner?: string;
}

/** Text where a form leaves a blank for the pen. */
export const BLANK = '……';

// Points per millimetre; A5 148 × 210 mm, A4 210 × 297 mm.
const MM = 72 / 25.4;
const PAGE_WIDTH = { A5: 148 * MM, A4: 210 * MM } as const;
const PAGE_HEIGHT = { A5: 210 * MM, A4: 297 * MM } as const;

interface Layout {
  readonly margins: readonly [number, number, number, number];
  readonly width: number;
  readonly fontSize: number;
  readonly small: number;
}

function layoutOf(paper: Paper): Layout {
  const landscape = paper.orientation === 'landscape';
  const pageWidth = landscape ? PAGE_HEIGHT[paper.size] : PAGE_WIDTH[paper.size];
  // Administrative documents keep 20–25 mm on the left for binding and 10–20 mm elsewhere;
  // on A5 the same proportions.
  const margins: [number, number, number, number] =
    paper.size === 'A5'
      ? [15 * MM, 12 * MM, 10 * MM, 12 * MM]
      : [20 * MM, 15 * MM, 15 * MM, 15 * MM];
  const fontSize = paper.size === 'A5' ? 9 : 10;
  return { margins, width: pageWidth - margins[0] - margins[2], fontSize, small: fontSize - 1.5 };
}

function isText(value: FieldValue | undefined): value is string {
  return typeof value === 'string';
}

function isList(value: FieldValue | undefined): value is readonly string[] {
  return Array.isArray(value) && value.every((x) => typeof x === 'string');
}

function isTable(
  value: FieldValue | undefined,
): value is readonly Readonly<Record<string, string>>[] {
  return Array.isArray(value) && value.every((x) => typeof x === 'object' && x !== null);
}

/**
 * Refuses a template that shows a field its form does not provide, shows it in the wrong shape,
 * or leaves out a field its form must show: an error that names the template and the field.
 */
export function checkTemplate(template: FormTemplate, setBasis: string, values?: FormValues): void {
  const name = `${setBasis} ${template.code} (${template.kind})`;
  const fields = FORM_FIELDS[template.kind];
  const used = templateFields(template);
  const shapes = new Map<string, string>([
    ...fields.text.map((f) => [f, 'text'] as const),
    ...fields.lists.map((f) => [f, 'list'] as const),
    ...fields.tables.map((f) => [f, 'table'] as const),
  ]);
  for (const [field, shape] of used) {
    if (shapes.get(field) !== shape) {
      throw new FormError(
        'TEMPLATE_FIELD_UNKNOWN',
        `template ${name} shows the ${shape} field "${field}", which the ${template.kind} form does not provide`,
      );
    }
    const value = values?.[field];
    if (values !== undefined) {
      const ok =
        shape === 'text' ? isText(value) : shape === 'list' ? isList(value) : isTable(value);
      if (!ok) {
        throw new FormError(
          'TEMPLATE_FIELD_MISSING',
          `template ${name} shows the field "${field}", but the values lack it`,
        );
      }
    }
  }
  for (const field of shapes.keys()) {
    if (!used.has(field) && !fields.optional.includes(field)) {
      throw new FormError(
        'TEMPLATE_FIELD_MISSING',
        `template ${name} does not show the field "${field}" that the ${template.kind} form must carry`,
      );
    }
  }
}

function fill(text: string, values: FormValues): string {
  return fillPlaceholders(text, (field) => {
    const value = values[field];
    return isText(value) && value.trim() !== '' ? value : BLANK;
  });
}

/**
 * The short rule under the agency's name and under the motto, centred under them. pdfmake
 * itself centres a drawing by its width in a centred column, so the rule starts at 0.
 */
function underline(width: number): DocNode {
  return {
    canvas: [{ type: 'line', x1: 0, y1: 1, x2: width, y2: 1, lineWidth: 0.6 }],
    alignment: 'center',
    margin: [0, 0, 0, 3],
  };
}

function header(prepared: PreparedForm, settings: FormSettings, layout: Layout): DocNode {
  const { set, template } = prepared;
  const agency = agencyHeader(settings, prepared.unit, set.deskName);
  const leftWidth = layout.width * 0.44;
  const rightWidth = layout.width - leftWidth;
  const lines = agency.agencyLines;
  const size = layout.fontSize - 1;
  return {
    columns: [
      {
        width: leftWidth,
        alignment: 'center',
        fontSize: size,
        stack: [
          ...lines.map((line, i) => ({ text: line, bold: i === lines.length - 1 })),
          underline(leftWidth * 0.35),
          { text: `Số: ${BLANK}/${template.numberSuffix ?? BLANK}`, bold: false },
        ],
      },
      {
        width: rightWidth,
        alignment: 'center',
        fontSize: size,
        stack: [
          { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
          { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, fontSize: size + 0.5 },
          underline(rightWidth * 0.58),
          { text: placeDate(agency.placeName, prepared.datedAt), italics: true },
        ],
      },
    ],
    margin: [0, 0, 0, 10],
  };
}

function blockContent(block: Block, values: FormValues, layout: Layout): DocContent[] {
  switch (block.type) {
    case 'text': {
      const text = fill(block.text, values);
      return [
        {
          text,
          bold: block.style === 'bold',
          italics: block.style === 'italic',
          alignment: block.style === 'center' ? 'center' : 'left',
          margin: [0, 1, 0, 1],
        },
      ];
    }
    case 'labelled':
      return [
        {
          text: [{ text: fill(block.label, values), bold: true }, fill(block.text, values)],
          margin: [0, 1, 0, 1],
        },
      ];
    case 'list': {
      const value = values[block.field];
      const items = isList(value) ? value.filter((x) => x.trim() !== '') : [];
      if (items.length === 0) return [{ text: block.empty, margin: [12, 0, 0, 2] }];
      const lines = items.map((item) => ({ text: item, margin: [0, 0.5, 0, 0.5] as const }));
      return [
        block.numbered === false
          ? { ul: lines, margin: [12, 0, 0, 2] }
          : { ol: lines, margin: [12, 0, 0, 2] },
      ];
    }
    case 'table': {
      const value = values[block.field];
      const rows = isTable(value) ? value : [];
      const total = block.columns.reduce((sum, c) => sum + c.width, 0);
      // Many columns (the register) take a smaller size so dates stay on one line.
      const cellSize = block.columns.length > 8 ? layout.small - 1 : layout.small;
      const widths = block.columns.map((c) => (layout.width * c.width) / total - 8.5);
      const head = block.columns.map((c) => ({
        text: c.header,
        bold: true,
        alignment: 'center' as const,
        fontSize: cellSize,
        fillColor: '#eeeeee',
      }));
      const body: DocContent[][] = [
        head,
        ...rows.map((row) =>
          block.columns.map((c) => ({
            text: row[c.key] ?? '',
            fontSize: cellSize,
            alignment: c.align ?? 'left',
          })),
        ),
      ];
      if (rows.length === 0) {
        body.push(
          block.columns.map((_c, i) => ({
            text: i === 0 ? block.empty : '',
            fontSize: layout.small,
            italics: true,
          })),
        );
      }
      return [
        {
          table: { headerRows: 1, widths, body, dontBreakRows: true },
          margin: [0, 4, 0, 4],
        },
      ];
    }
    case 'signatures': {
      const width = layout.width / 2;
      const columns: DocContent[] = block.columns.map((column) => ({
        width,
        alignment: 'center',
        stack: [
          { text: fill(column.title, values), bold: true },
          { text: fill(column.hint, values), italics: true, fontSize: layout.small },
          { text: ' ', margin: [0, 0, 0, 26] },
          { text: column.name === undefined ? '' : fill(column.name, values), bold: true },
        ],
      }));
      // One signature sits on the right, where the signer of a one-signature paper signs.
      const padded: DocContent[] =
        columns.length === 1 ? [{ width, text: '' }, ...columns] : columns;
      return [{ columns: padded, margin: [0, 8, 0, 0], unbreakable: true }];
    }
    case 'space':
      return [{ text: ' ', margin: [0, 0, 0, block.points] }];
  }
}

/** The document definition of a prepared form: header, title, one page per copy, the blocks. */
export function formDocument(
  prepared: PreparedForm,
  options: DocumentOptions = {},
): DocumentDefinition {
  const { set, template, values } = prepared;
  checkTemplate(template, set.basis, values);
  const layout = layoutOf(template.paper);
  const settings = options.settings ?? {};
  const copies = template.copies ?? [null];
  const content: DocContent[] = [];
  copies.forEach((copy, i) => {
    const page: DocContent[] = [
      header(prepared, settings, layout),
      {
        text: template.title,
        bold: true,
        alignment: 'center',
        fontSize: layout.fontSize + 2,
        margin: [0, 4, 0, 2],
      },
      ...(template.subtitle ?? []).map((line) => ({
        text: fill(line, values),
        alignment: 'center' as const,
        bold: true,
      })),
      ...(copy === null ? [] : [{ text: copy, alignment: 'center' as const, italics: true }]),
      { text: ' ', margin: [0, 0, 0, 4] as const },
      ...template.body.flatMap((block) => blockContent(block, values, layout)),
    ];
    content.push(i === 0 ? { stack: page } : { stack: page, pageBreak: 'before' });
  });
  const banner = options.banner?.trim();
  return {
    pageSize: template.paper.size,
    pageOrientation: template.paper.orientation,
    pageMargins: layout.margins,
    content,
    defaultStyle: { font: FORM_FONT, fontSize: layout.fontSize, lineHeight: 1.1 },
    info: {
      title: `${template.code} ${template.title}`,
      subject: `${set.basis} ${template.code}`,
      creator: 'Một cửa',
    },
    ...(banner
      ? {
          header: {
            text: banner,
            alignment: 'center',
            bold: true,
            color: '#b00020',
            fontSize: layout.small,
            margin: [0, 12, 0, 0],
          },
          watermark: { text: banner, color: '#b00020', opacity: 0.12, bold: true, fontSize: 28 },
        }
      : {}),
  };
}

/** Every string of a document definition, in order, for tests and for checking what prints. */
export function documentText(definition: Pick<DocumentDefinition, 'content' | 'header'>): string {
  const out: string[] = [];
  const walk = (node: DocContent | undefined): void => {
    if (node === undefined) return;
    if (typeof node === 'string') {
      out.push(node);
      return;
    }
    if (typeof node.text === 'string') out.push(node.text);
    else node.text?.forEach(walk);
    node.stack?.forEach(walk);
    node.columns?.forEach(walk);
    node.ol?.forEach(walk);
    node.ul?.forEach(walk);
    node.table?.body.forEach((row) => row.forEach(walk));
  };
  walk(definition.header);
  definition.content.forEach(walk);
  return out.join('\n');
}
