import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PUBLICATION_CHANNELS } from '@shared/domain/complaint-machine';
import { complaintKind } from '@shared/kinds';
import type { Complaint } from '@shared/model';
import { COMPLAINT_CLASSIFICATIONS } from '@shared/model/codes';
import {
  AddNoteFields,
  AssignFields,
  NoteField,
  ReasonField,
  UnitOptions,
  usePickers,
} from '../../actions/common-fields';
import { unitGroups } from '../../actions/directory';
import { ChecksField, ChoiceField, PickerField, TextField } from '../../actions/fields';
import type { ActionFieldsProps } from '../kind';
import { isTransferClass, type ComplaintForm } from './forms';

/** The fields each complaint action needs (forms.ts says what they become). */
export function ComplaintActionFields({
  form,
  onChange,
  errors,
  unitId,
}: ActionFieldsProps<ComplaintForm, Complaint>) {
  const { t } = useTranslation();
  const { known, pick } = usePickers();
  const unitsList = useId();
  // Who reads the note this action writes: the complaint machine says (a classification decides).
  const visibleTo = complaintKind.noteVisibility(form);
  const note = (value: string, update: (note: string) => void) => (
    <NoteField value={value} onChange={update} errors={errors} visibleTo={visibleTo} />
  );
  const reason = (value: string, update: (reason: string) => void, optional = false) => (
    <ReasonField
      value={value}
      onChange={update}
      errors={errors}
      optional={optional}
      visibleTo={visibleTo}
    />
  );
  const recipient = (
    value: string,
    recipientUnit: string,
    update: (r: string, u: string) => void,
  ) => (
    <>
      {pick ? null : <UnitOptions id={unitsList} />}
      <TextField
        path="recipient"
        label={t('actionForm.fields.recipient')}
        value={value}
        onChange={(v) => update(v, recipientUnit)}
        errors={errors}
        hint={t('actionForm.hints.transferRecipient')}
      />
      {pick ? (
        <PickerField
          path="unitId"
          label={t('actionForm.fields.unitId')}
          value={recipientUnit}
          onChange={(v) => update(value, v)}
          errors={errors}
          groups={unitGroups(known, unitId, {
            near: t('actionForm.pickers.nearUnits'),
            other: t('actionForm.pickers.otherUnits'),
          })}
          emptyLabel={t('actionForm.pickers.noUnit')}
          optional
        />
      ) : (
        <TextField
          path="unitId"
          label={t('actionForm.fields.unitId')}
          value={recipientUnit}
          onChange={(v) => update(value, v)}
          errors={errors}
          list={unitsList}
          optional
          mono
        />
      )}
    </>
  );

  switch (form.type) {
    case 'receive':
    case 'supply_info':
    case 'start_processing':
    case 'approve_answer':
      return note(form.note, (value) => onChange({ ...form, note: value }));
    case 'request_info':
    case 'return_answer':
      return reason(form.reason, (value) => onChange({ ...form, reason: value }));
    case 'classify': {
      const transfer = isTransferClass(form.classification);
      return (
        <>
          <ChoiceField
            path="classification"
            legend={t('actionForm.fields.classification')}
            value={form.classification}
            options={COMPLAINT_CLASSIFICATIONS.map((c) => ({
              value: c,
              label: t(`classification.${c}`),
            }))}
            onChange={(value) => onChange({ ...form, classification: value })}
            errors={errors}
          />
          {transfer
            ? recipient(form.recipient, form.unitId, (r, u) =>
                onChange({ ...form, recipient: r, unitId: u }),
              )
            : null}
          {reason(
            form.reason,
            (value) => onChange({ ...form, reason: value }),
            form.classification !== 'not_admissible',
          )}
        </>
      );
    }
    case 'transfer':
      return (
        <>
          <ChoiceField
            path="classification"
            legend={t('actionForm.fields.classification')}
            value={form.classification}
            options={(['staff_conduct', 'outside_authority'] as const).map((c) => ({
              value: c,
              label: t(`classification.${c}`),
            }))}
            onChange={(value) => onChange({ ...form, classification: value })}
            errors={errors}
          />
          {recipient(form.recipient, form.unitId, (r, u) =>
            onChange({ ...form, recipient: r, unitId: u }),
          )}
          {reason(form.reason, (value) => onChange({ ...form, reason: value }), true)}
        </>
      );
    case 'assign':
      return (
        <AssignFields
          form={form}
          onChange={onChange}
          errors={errors}
          unitId={unitId}
          visibleTo={visibleTo}
        />
      );
    case 'draft_answer':
      return (
        <TextField
          path="answer"
          label={t('actionForm.fields.answer')}
          value={form.answer}
          onChange={(value) => onChange({ ...form, answer: value })}
          errors={errors}
          multiline
          rows={10}
          autoFocus
        />
      );
    case 'publish':
      return (
        <ChecksField
          path="channels"
          legend={t('actionForm.fields.channels')}
          values={form.channels}
          options={PUBLICATION_CHANNELS.map((c) => ({
            value: c,
            label: t(`actionForm.publication.${c}`),
          }))}
          onChange={(values) => onChange({ ...form, channels: values })}
          errors={errors}
        />
      );
    case 'add_note':
      return <AddNoteFields form={form} onChange={onChange} errors={errors} />;
  }
}
