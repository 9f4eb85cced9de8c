import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddNoteForm, AssignForm, NoteVisibility } from './common-forms';
import { officerGroups, useKnownDirectory, type DirectorySnapshot } from './directory';
import type { FormErrors } from './form-values';
import { ChoiceField, PickerField, TextField } from './fields';

/**
 * Fields every kind's action forms have in the same shape (a note, a reason, assigning an
 * officer, a note on the record) and the directory's lists behind the pickers. Each kind's
 * ActionFields puts its own forms together from these and the fields of fields.tsx.
 */

type FieldProps<V> = Readonly<{ value: V; onChange: (value: V) => void; errors: FormErrors }>;

/**
 * A field whose text becomes the history's note: it says who will read it, as the action's
 * machine decides (`noteVisibility` of the shared kind), so no form can leave the officer
 * guessing whether the citizen sees what they type.
 */
type NoteFieldProps = FieldProps<string> & Readonly<{ visibleTo: NoteVisibility }>;

/** The synced directory, and whether to offer names (pickers) or typed ids (a store never synced). */
export function usePickers(): { readonly known: DirectorySnapshot; readonly pick: boolean } {
  const known = useKnownDirectory();
  return { known, pick: known.loaded && known.units.length > 0 };
}

export function NoteField({ value, onChange, errors, visibleTo }: NoteFieldProps) {
  const { t } = useTranslation();
  return (
    <TextField
      path="note"
      label={t('actionForm.fields.note')}
      value={value}
      onChange={onChange}
      errors={errors}
      audience={visibleTo}
      optional
      multiline
      rows={2}
    />
  );
}

/** A required reason takes the focus; an optional one follows the fields before it. */
export function ReasonField({
  value,
  onChange,
  errors,
  visibleTo,
  optional = false,
}: Readonly<NoteFieldProps & { optional?: boolean }>) {
  const { t } = useTranslation();
  return (
    <TextField
      path="reason"
      label={t('actionForm.fields.reason')}
      value={value}
      onChange={onChange}
      errors={errors}
      audience={visibleTo}
      optional={optional}
      multiline
      autoFocus={!optional}
    />
  );
}

/** Unit ids to type from, named (until the directory has loaded, fields take ids). */
export function UnitOptions({ id }: Readonly<{ id: string }>) {
  const { units } = useKnownDirectory();
  return (
    <datalist id={id}>
      {units.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </datalist>
  );
}

export function OfficerOptions({ id }: Readonly<{ id: string }>) {
  const { officers } = useKnownDirectory();
  return (
    <datalist id={id}>
      {officers.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </datalist>
  );
}

/** Assigning an officer of the record's unit (by name once the directory is here), with a note. */
export function AssignFields({
  form,
  onChange,
  errors,
  unitId,
  visibleTo,
}: Readonly<{
  form: AssignForm;
  onChange: (form: AssignForm) => void;
  errors: FormErrors;
  unitId: string | null;
  visibleTo: NoteVisibility;
}>) {
  const { t } = useTranslation();
  const { known, pick } = usePickers();
  const officersList = useId();
  return (
    <>
      {pick ? (
        <PickerField
          path="assigneeId"
          label={t('actionForm.fields.assigneeId')}
          value={form.assigneeId}
          onChange={(value) => onChange({ ...form, assigneeId: value })}
          errors={errors}
          groups={officerGroups(known, unitId)}
          emptyLabel={t('actionForm.pickers.chooseOfficer')}
          autoFocus
        />
      ) : (
        <>
          <OfficerOptions id={officersList} />
          <TextField
            path="assigneeId"
            label={t('actionForm.fields.assigneeId')}
            value={form.assigneeId}
            onChange={(value) => onChange({ ...form, assigneeId: value })}
            errors={errors}
            list={officersList}
            hint={t('actionForm.hints.officerFreeText')}
            mono
            autoFocus
          />
        </>
      )}
      <NoteField
        value={form.note}
        onChange={(note) => onChange({ ...form, note })}
        errors={errors}
        visibleTo={visibleTo}
      />
    </>
  );
}

/** A note on the record: for the file only, or for the citizen too. */
export function AddNoteFields({
  form,
  onChange,
  errors,
}: Readonly<{ form: AddNoteForm; onChange: (form: AddNoteForm) => void; errors: FormErrors }>) {
  const { t } = useTranslation();
  return (
    <>
      <ChoiceField
        path="visibility"
        legend={t('actionForm.fields.visibility')}
        value={form.visibility}
        options={[
          { value: 'internal', label: t('actionForm.visibility.internal') },
          { value: 'citizen', label: t('actionForm.visibility.citizen') },
        ]}
        onChange={(value) => onChange({ ...form, visibility: value })}
        errors={errors}
      />
      <TextField
        path="text"
        label={t('actionForm.fields.text')}
        value={form.text}
        onChange={(value) => onChange({ ...form, text: value })}
        errors={errors}
        audience={form.visibility}
        multiline
        rows={4}
        autoFocus
      />
    </>
  );
}
