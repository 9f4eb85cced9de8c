import type { ReactNode } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { ParseKeys, TFunction } from 'i18next';
import type { Kind, KindName, KindRecord } from '@shared/kinds';
import type { DeadlineState, HistoryEntry, Officer, Unit } from '@shared/model';
import type { Built, FormErrors } from '../actions/form-values';
import type { Formatter } from '../format/format';
import { columnSpecs, type GridRow } from '../grid/RecordGrid';
import type { ColumnSpec } from '../grid/layout';
import type { SortDirection, SortState } from '../grid/sort';
import type { PrintOffer, PrintTarget } from '../print/print-model';
import type { DeadlineMeterProps } from '../record/DeadlineMeter';

/**
 * What the workbench's screens need of one kind of record, said once per kind (dossier.tsx,
 * complaint.tsx). The generic pieces (one record panel, one action section, one grid, one bulk
 * bar, the filters, search and notices) take a kind and never ask which one it is; where kinds
 * really differ (a dossier's fees and supplements, a complaint's answer stage) the difference is
 * the kind's own sections and fields. The contract's methods come from the shared descriptor's
 * `plural` (kinds/contract.ts).
 */

/** Any key of the UI strings (typed against the Vietnamese resources). */
export type UiKey = ParseKeys;

/** What the panel and the action forms read of any kind's record. */
export type PanelRecord = KindRecord & { readonly status: string | number };

/** What every action form has: the action it builds. */
export type KindForm = { readonly type: string };

/** What each kind's detail answer (`<plural>.get`) carries besides the record itself. */
export interface DetailBase {
  readonly history: readonly HistoryEntry[];
  readonly unit: Unit | null;
  readonly assignee: Officer | null;
  readonly deadlineState: DeadlineState;
  readonly workingMsLeft: number | null;
  /** What the clock has to run against the same deadline (used + left). */
  readonly workingMsTotal: number | null;
  readonly pending: boolean;
}

/** How a kind's statuses read: the badge's words and colour, and a status recorded as text. */
export interface StatusWords {
  /** A status as the audit trail or a notice recorded it ("4", "processing"); null if unknown. */
  parse(raw: unknown): string | number | null;
  labelKey(status: string | number): UiKey | null;
  /** The words for a status the resources do not know (`{{code}}` is the status). */
  readonly unknownKey: UiKey;
  /** Which of the badge palette's tones (badges.css) the status takes. */
  tone(status: string | number): string | number;
}

/** The kind's words on the shared screens. */
export interface KindLabels {
  /** The grid's accessible name. */
  readonly grid: UiKey;
  /** "{{n}} hồ sơ" (count and n). */
  readonly rowCount: UiKey;
  /** The panel's eyebrow. */
  readonly panel: UiKey;
  /** The sidebar's group of built-in queues and the search results' group. */
  readonly queueGroup: UiKey;
  readonly searchGroup: UiKey;
  /** The bulk dialog's submit ({{n}}), summary ({{applied}}, {{refused}}) and refusals title. */
  readonly bulkApply: UiKey;
  readonly bulkResult: UiKey;
  readonly bulkRefusals: UiKey;
}

/** A chip under the panel's title (deadline, pending changes, late…), in the order shown. */
export interface PanelChip {
  readonly key: string;
  readonly text: string;
  /** The deadline-chip tone (`deadline-chip--<tone>`); null for a plain chip. */
  readonly tone: string | null;
  readonly testId?: string;
  /** The pending-changes cloud before the text. */
  readonly pendingIcon?: boolean;
}

/** The fields of one action's form, for one record (or none: a bulk action over many). */
export interface ActionFieldsProps<Form, Rec, Detail = DetailBase> {
  readonly form: Form;
  readonly onChange: (form: Form) => void;
  readonly errors: FormErrors;
  readonly record: Rec | null;
  /** The record's detail answer, when the form is the panel's (none for a bulk action). */
  readonly detail: Detail | null;
  /** The unit whose officers and sub-units the pickers offer first. */
  readonly unitId: string | null;
}

/** The actions a bulk bar can offer: the same few for every kind that has them. */
export type BulkActionType = 'assign' | 'transfer';

export type KindQuery = { readonly filter: object; readonly sort: SortState<string> };

/**
 * One kind as the renderer describes it. `Rec` is the record, `Detail` the `<plural>.get` answer,
 * `Row` a `<plural>.list` row, `Form` the union of its action forms, `Action` a built payload.
 * The generic screens only ever pass a kind's methods what that kind gave them.
 */
export interface UiKindDefinition<
  Rec extends PanelRecord,
  Detail extends DetailBase,
  Row extends GridRow,
  Form extends KindForm,
  Action,
> {
  /** The shared descriptor: name, plural (the contract's methods), actions, statuses. */
  readonly shared: Kind;
  readonly labels: KindLabels;
  readonly status: StatusWords;

  /** The grid's columns, in default order (see renderer/README.md, "add a column"). */
  readonly columns: ColumnDef<Row>[];
  /** Direction of a first click on each field the contract sorts this kind by. */
  readonly firstClick: Readonly<Record<string, SortDirection>>;
  readonly defaultSort: SortState<string>;
  /** What the bulk bar offers for checked rows (each has its words under `bulk`). */
  readonly bulkActions: readonly BulkActionType[];

  /** The record inside its detail answer. */
  record(detail: Detail): Rec;
  /** The line under the panel's title. */
  subtitle(detail: Detail): { readonly text: string; readonly testId: string };
  chips(detail: Detail, t: TFunction, f: Formatter): readonly PanelChip[];
  meter(detail: Detail, t: TFunction): Omit<DeadlineMeterProps, 'testId'>;
  /** The panel's sections between the deadline meter and the history. */
  sections(detail: Detail): ReactNode;

  /** The button's words for an action, null for a type that is not this kind's. */
  actionLabelKey(type: string): UiKey | null;
  /** An action as the audit trail and the notices name it. */
  historyActionKey(action: string): UiKey | null;
  /** A fresh form for an action (the record, when there is one, prefills it); null if not ours. */
  emptyForm(type: string, record: Rec | null): Form | null;
  /** The payload the form describes, or what is wrong with it (by field path). */
  buildAction(form: Form, record: Rec | null, detail: Detail | null): Built<Action>;
  /** The form again, filled with an action tried before (a refused change to redo). */
  formFromAction(raw: unknown): Form | null;
  fields(props: ActionFieldsProps<Form, Rec, Detail>): ReactNode;

  /** The one-stop forms its records print (renderer/print); absent for a kind that prints none. */
  readonly print?: {
    /** The paper the desk hands out once `action` is saved on the record, if any. */
    after(action: string, record: Rec): PrintOffer | null;
    /** What any of its records prints, whatever its state (a dossier's control sheet). */
    always(id: string): PrintTarget;
  };
}

/** A kind as the generic screens hold it, whatever its record. */
export interface UiKind extends UiKindDefinition<
  PanelRecord,
  DetailBase,
  GridRow,
  KindForm,
  unknown
> {
  readonly name: KindName;
  /** The columns' layout facts (widths, hideable, default hidden). */
  readonly specs: readonly ColumnSpec[];
  isSortField(field: string | undefined): boolean;
}

/**
 * A kind for the registry. The one cast: the generic screens hand a kind back only what it gave
 * them (its own rows to its own cells, its forms to its own builders), which the type system
 * cannot follow through a list of kinds.
 */
export function defineUiKind<
  Rec extends PanelRecord,
  Detail extends DetailBase,
  Row extends GridRow,
  Form extends KindForm,
  Action,
>(definition: UiKindDefinition<Rec, Detail, Row, Form, Action>): UiKind {
  const general = definition as unknown as UiKindDefinition<
    PanelRecord,
    DetailBase,
    GridRow,
    KindForm,
    unknown
  >;
  return {
    ...general,
    name: definition.shared.name,
    specs: columnSpecs(general.columns),
    isSortField: (field) => field !== undefined && Object.hasOwn(definition.firstClick, field),
  };
}

/**
 * A form to open on a record at once: a refused change to redo (from the notices), an action
 * picked in the palette. The record's action section takes it once it shows that record.
 */
export interface FormRequest {
  readonly kind: KindName;
  readonly id: string;
  readonly form: KindForm;
  readonly redo: boolean;
}
