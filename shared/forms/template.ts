import { DOSSIER_FORMS, type DossierForm } from '../domain/dossier-machine';

/**
 * A form template is data: the blocks of one legal form, top to bottom, with `{field}`
 * placeholders that the form's values fill in. Changing a form is editing its set's file
 * (sets/*.ts); the header every form shares (agency lines, "Số: …", the national motto and the
 * place-and-date line) is drawn by document.ts from the set and the settings, not repeated here.
 */

/** Every form the workbench prints: the dossier's own, and the register of a unit's period. */
export const FORM_KINDS = [...DOSSIER_FORMS, 'register'] as const;
export type FormKind = (typeof FORM_KINDS)[number];
export type { DossierForm };

export function isFormKind(value: unknown): value is FormKind {
  return typeof value === 'string' && (FORM_KINDS as readonly string[]).includes(value);
}

export interface Paper {
  readonly size: 'A4' | 'A5';
  readonly orientation: 'portrait' | 'landscape';
}

export interface SignatureColumn {
  /** "NGƯỜI NỘP HỒ SƠ" */
  readonly title: string;
  /** "(Ký và ghi rõ họ tên)" */
  readonly hint: string;
  /** The name printed under the signature space, e.g. "{receiverName}"; absent: left blank. */
  readonly name?: string;
}

export interface TableColumn {
  /** Header text; "\n" breaks it. */
  readonly header: string;
  /** Key of the row value shown in this column. */
  readonly key: string;
  /** Relative width: the columns share the table's width in proportion to these. */
  readonly width: number;
  readonly align?: 'left' | 'center' | 'right';
}

export type Block =
  /** A paragraph; `{field}` placeholders are replaced by string fields. */
  | { readonly type: 'text'; readonly text: string; readonly style?: 'bold' | 'italic' | 'center' }
  /** A paragraph whose `label` is bold, followed by text (for "Mã hồ sơ: {dossierNumber}"). */
  | { readonly type: 'labelled'; readonly label: string; readonly text: string }
  /** The string-list field `field` as numbered lines; `empty` when the list is empty. */
  | {
      readonly type: 'list';
      readonly field: string;
      readonly empty: string;
      readonly numbered?: boolean;
    }
  /** The table field `field`, one row per entry. */
  | {
      readonly type: 'table';
      readonly field: string;
      readonly columns: readonly TableColumn[];
      readonly empty: string;
    }
  | { readonly type: 'signatures'; readonly columns: readonly SignatureColumn[] }
  | { readonly type: 'space'; readonly points: number };

export interface FormTemplate {
  readonly kind: FormKind;
  /** "Mẫu số 01" */
  readonly code: string;
  /** The form's own title, upper case as printed. */
  readonly title: string;
  /** Lines under the title (centred), e.g. "Mã hồ sơ: {dossierNumber}". */
  readonly subtitle?: readonly string[];
  readonly paper: Paper;
  /**
   * One page per copy, each labelled (Mẫu 01 is issued in two: "Liên: Lưu", "Liên: Giao khách
   * hàng"); absent: one page.
   */
  readonly copies?: readonly string[];
  /** Where the copy label sits: under the title's lines. */
  readonly body: readonly Block[];
  /** The text after "Số: …/" in the header, when the form has one. */
  readonly numberSuffix?: string;
  /** How far the layout was checked against the published text (shown in docs, not printed). */
  readonly verified: 'published' | 'unverified';
}

export interface FormSet {
  /** Stable id recorded with each print, e.g. "tt01-2018". */
  readonly id: string;
  /** "Thông tư số 01/2018/TT-VPCP" */
  readonly basis: string;
  /** First day (Vietnam time, YYYY-MM-DD) dossiers are printed with this set. */
  readonly effectiveFrom: string;
  /** The desk's name in the header's second line when settings give none. */
  readonly deskName: string;
  readonly templates: { readonly [K in FormKind]?: FormTemplate };
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The `{field}` names a text uses, in order. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/** Replaces each `{field}` with `value(field)`. */
export function fillPlaceholders(text: string, value: (field: string) => string): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => value(name));
}

export type FieldShape = 'text' | 'list' | 'table';

/** Every field a template refers to, with the shape it expects. */
export function templateFields(template: FormTemplate): Map<string, FieldShape> {
  const fields = new Map<string, FieldShape>();
  const texts = (text: string) => {
    for (const name of placeholdersOf(text)) fields.set(name, 'text');
  };
  for (const line of template.subtitle ?? []) texts(line);
  for (const block of template.body) {
    switch (block.type) {
      case 'text':
        texts(block.text);
        break;
      case 'labelled':
        texts(block.label);
        texts(block.text);
        break;
      case 'list':
        fields.set(block.field, 'list');
        break;
      case 'table':
        fields.set(block.field, 'table');
        break;
      case 'signatures':
        for (const column of block.columns) {
          texts(column.title);
          texts(column.hint);
          if (column.name !== undefined) texts(column.name);
        }
        break;
      case 'space':
        break;
    }
  }
  return fields;
}
