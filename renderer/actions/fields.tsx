import { Fragment, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PlusIcon, TrashIcon } from '../ui/icons';
import type { NoteVisibility } from './common-forms';
import type { KnownEntry } from './directory';
import type { FieldError, FormErrors } from './form-values';

/**
 * Form fields for the action forms: labelled, with the problem under the field (linked by
 * aria-describedby and marked aria-invalid), and stable test ids `field-<path>`.
 */

export function useErrorText(): (error: FieldError | undefined) => string | null {
  const { t } = useTranslation();
  return (error) => {
    if (!error) return null;
    if ('rule' in error) return t(`rules.${error.rule}`);
    if (error.message === 'duplicateDocument') {
      return t('actionForm.errors.duplicateDocument', { name: error.values?.name ?? '' });
    }
    return t(`actionForm.errors.${error.message}`);
  };
}

function FieldErrorText({
  id,
  path,
  text,
}: Readonly<{ id: string; path: string; text: string | null }>) {
  if (text === null) return null;
  return (
    <p id={id} className="field-error" data-testid={`field-error-${path}`}>
      {text}
    </p>
  );
}

type TextFieldProps = Readonly<{
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: FormErrors;
  optional?: boolean;
  multiline?: boolean;
  rows?: number;
  hint?: string;
  /** A note field: who will read what is typed (the citizen, or the agency only). */
  audience?: NoteVisibility;
  type?: 'text' | 'date' | 'time';
  list?: string;
  autoFocus?: boolean;
  mono?: boolean;
}>;

export function TextField({
  path,
  label,
  value,
  onChange,
  errors,
  optional = false,
  multiline = false,
  rows = 3,
  hint,
  audience,
  type = 'text',
  list,
  autoFocus = false,
  mono = false,
}: TextFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const errorText = useErrorText()(errors[path]);
  const describedBy = [
    errorText ? `${id}-error` : null,
    audience ? `${id}-audience` : null,
    hint ? `${id}-hint` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    className: `input${multiline ? ' input--area' : ''}${mono ? ' mono' : ''}`,
    value,
    'aria-invalid': errorText ? true : undefined,
    'aria-describedby': describedBy || undefined,
    'data-testid': `field-${path}`,
    autoFocus,
  } as const;
  return (
    <div className="form__field">
      <label htmlFor={id} className="form__label">
        {label}
        {optional ? <span className="form__optional"> {t('actionForm.optional')}</span> : null}
      </label>
      {multiline ? (
        <textarea {...common} rows={rows} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          list={list}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {audience ? (
        <p
          id={`${id}-audience`}
          className={`form__audience form__audience--${audience}`}
          data-testid={`field-${path}-audience`}
          data-visible-to={audience}
        >
          {t(`actionForm.audience.${audience}`)}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="form__hint">
          {hint}
        </p>
      ) : null}
      <FieldErrorText id={`${id}-error`} path={path} text={errorText} />
    </div>
  );
}

type PickerFieldProps = Readonly<{
  path: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: FormErrors;
  /** Options by group (a unit's officers); a group without a label is not wrapped. */
  groups: readonly { readonly label: string | null; readonly options: readonly KnownEntry[] }[];
  /** The first, empty choice: "choose…" when required, "nobody" when optional. */
  emptyLabel: string;
  optional?: boolean;
  hint?: string;
  autoFocus?: boolean;
}>;

/**
 * A unit or an officer, chosen by name from the synced directory; the form still holds the id
 * the action needs. An id that is not among the options (a change to redo, made when the
 * directory knew more) stays selectable, shown as itself, rather than silently dropped.
 */
export function PickerField({
  path,
  label,
  value,
  onChange,
  errors,
  groups,
  emptyLabel,
  optional = false,
  hint,
  autoFocus = false,
}: PickerFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const errorText = useErrorText()(errors[path]);
  const describedBy = [errorText ? `${id}-error` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ');
  const known = value === '' || groups.some((g) => g.options.some((o) => o.id === value));
  const options = (entries: readonly KnownEntry[]) =>
    entries.map((entry) => (
      <option key={entry.id} value={entry.id}>
        {entry.name}
      </option>
    ));
  return (
    <div className="form__field">
      <label htmlFor={id} className="form__label">
        {label}
        {optional ? <span className="form__optional"> {t('actionForm.optional')}</span> : null}
      </label>
      <select
        id={id}
        className="input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errorText ? true : undefined}
        aria-describedby={describedBy || undefined}
        data-testid={`field-${path}`}
        autoFocus={autoFocus}
      >
        <option value="">{emptyLabel}</option>
        {known ? null : <option value={value}>{value}</option>}
        {groups.map((group, i) =>
          group.label === null ? (
            <Fragment key={`ungrouped-${i}`}>{options(group.options)}</Fragment>
          ) : (
            <optgroup key={`${group.label}-${i}`} label={group.label}>
              {options(group.options)}
            </optgroup>
          ),
        )}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="form__hint">
          {hint}
        </p>
      ) : null}
      <FieldErrorText id={`${id}-error`} path={path} text={errorText} />
    </div>
  );
}

/** Fields in a row, each with its own label (a fee's name and amount). */
export interface LineColumn {
  readonly key: string;
  readonly label: (n: number) => string;
  readonly hint?: string;
  readonly width?: 'wide' | 'narrow';
  readonly inputMode?: 'numeric' | 'text';
}

type LinesFieldProps<Line extends Readonly<Record<string, string>>> = Readonly<{
  path: string;
  legend: string;
  lines: readonly Line[];
  columns: readonly LineColumn[];
  empty: Line;
  onChange: (lines: Line[]) => void;
  errors: FormErrors;
  addLabel: string;
  /** Shown above the lines (e.g. "once, completely"). */
  note?: ReactNode;
  footer?: ReactNode;
}>;

/**
 * A list typed line by line (missing documents, fees, result documents): Enter in a line's last
 * field adds a line below, and a blank line is simply not sent.
 */
export function LinesField<Line extends Readonly<Record<string, string>>>({
  path,
  legend,
  lines,
  columns,
  empty,
  onChange,
  errors,
  addLabel,
  note,
  footer,
}: LinesFieldProps<Line>) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const listError = errorText(errors[path]);
  const update = (index: number, key: string, value: string) =>
    onChange(lines.map((line, i) => (i === index ? { ...line, [key]: value } : line)));
  const add = () => onChange([...lines, empty]);
  const remove = (index: number) =>
    onChange(lines.length > 1 ? lines.filter((_, i) => i !== index) : [empty]);
  return (
    <fieldset
      className="form__field form__lines"
      aria-describedby={listError ? `${id}-error` : undefined}
    >
      <legend className="form__label">{legend}</legend>
      {note}
      <ol className="lines">
        {lines.map((line, index) => (
          <li key={index} className="lines__row">
            <span className="lines__n" aria-hidden="true">
              {index + 1}.
            </span>
            {columns.map((column, c) => {
              const fieldPath =
                columns.length === 1 ? `${path}.${index}` : `${path}.${index}.${column.key}`;
              const problem = errorText(errors[fieldPath]);
              return (
                <div
                  key={column.key}
                  className={`lines__cell${column.width ? ` lines__cell--${column.width}` : ''}`}
                >
                  <input
                    className="input"
                    value={line[column.key] ?? ''}
                    aria-label={column.label(index + 1)}
                    placeholder={column.hint}
                    inputMode={column.inputMode}
                    aria-invalid={problem ? true : undefined}
                    onChange={(event) => update(index, column.key, event.target.value)}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter' && c === columns.length - 1) {
                        event.preventDefault();
                        if (index === lines.length - 1) add();
                        const form = event.currentTarget.closest('fieldset');
                        // The new line's first field, once React has drawn it.
                        requestAnimationFrame(() => {
                          const rows = form?.querySelectorAll('.lines__row');
                          rows?.[index + 1]?.querySelector('input')?.focus();
                        });
                      }
                    }}
                    data-testid={`field-${fieldPath.replace(/\./g, '-')}`}
                  />
                  {problem ? (
                    <p className="field-error" data-testid={`field-error-${fieldPath}`}>
                      {problem}
                    </p>
                  ) : null}
                </div>
              );
            })}
            <button
              type="button"
              className="icon-button lines__remove"
              onClick={() => remove(index)}
              aria-label={t('actionForm.removeItem', { n: index + 1 })}
              title={t('actionForm.removeItem', { n: index + 1 })}
              data-testid={`field-${path}-remove-${index}`}
            >
              <TrashIcon width={15} height={15} />
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--ghost lines__add"
        onClick={add}
        data-testid={`field-${path}-add`}
      >
        <PlusIcon width={15} height={15} />
        {addLabel}
      </button>
      {footer}
      <FieldErrorText id={`${id}-error`} path={path} text={listError} />
    </fieldset>
  );
}

type ChoiceFieldProps<V extends string> = Readonly<{
  path: string;
  legend: string;
  value: V | '';
  options: readonly { readonly value: V; readonly label: string }[];
  onChange: (value: V) => void;
  errors: FormErrors;
}>;

/** One of a few options, as radio buttons. */
export function ChoiceField<V extends string>({
  path,
  legend,
  value,
  options,
  onChange,
  errors,
}: ChoiceFieldProps<V>) {
  const name = useId();
  const errorText = useErrorText()(errors[path]);
  return (
    <fieldset className="form__field" aria-invalid={errorText ? true : undefined}>
      <legend className="form__label">{legend}</legend>
      <div className="choices">
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              data-testid={`field-${path}-${option.value}`}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      <FieldErrorText id={`${name}-error`} path={path} text={errorText} />
    </fieldset>
  );
}

type ChecksFieldProps<V extends string> = Readonly<{
  path: string;
  legend: string;
  values: readonly V[];
  options: readonly { readonly value: V; readonly label: string }[];
  onChange: (values: V[]) => void;
  errors: FormErrors;
}>;

/** Several of a few options, as checkboxes. */
export function ChecksField<V extends string>({
  path,
  legend,
  values,
  options,
  onChange,
  errors,
}: ChecksFieldProps<V>) {
  const id = useId();
  const errorText = useErrorText()(errors[path]);
  return (
    <fieldset className="form__field">
      <legend className="form__label">{legend}</legend>
      <div className="choices">
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="checkbox"
              className="checkbox"
              checked={values.includes(option.value)}
              onChange={() =>
                onChange(
                  values.includes(option.value)
                    ? values.filter((v) => v !== option.value)
                    : [...values, option.value],
                )
              }
              data-testid={`field-${path}-${option.value}`}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      <FieldErrorText id={`${id}-error`} path={path} text={errorText} />
    </fieldset>
  );
}

/** A warning the law attaches to an action ("only once"). */
export function FormWarning({
  children,
  testId,
}: Readonly<{ children: ReactNode; testId?: string }>) {
  return (
    <p className="form-warning" role="note" data-testid={testId}>
      {children}
    </p>
  );
}
