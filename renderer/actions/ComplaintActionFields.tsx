import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PUBLICATION_CHANNELS } from '@shared/domain/complaint-machine';
import { COMPLAINT_CLASSIFICATIONS } from '@shared/model/codes';
import { isTransferClass, type ComplaintForm } from './complaint-forms';
import type { FormErrors } from './form-values';
import { officerGroups, unitGroups, useKnownDirectory } from './directory';
import { ChecksField, ChoiceField, PickerField, TextField } from './fields';

type Props = Readonly<{
  form: ComplaintForm;
  onChange: (form: ComplaintForm) => void;
  errors: FormErrors;
  /** The unit handling the complaint, for the pickers (its officers, its units first). */
  unitId?: string | null;
}>;

/** The fields each complaint action needs (complaint-forms.ts says what they become). */
export function ComplaintActionFields({ form, onChange, errors, unitId = null }: Props) {
  const { t } = useTranslation();
  const known = useKnownDirectory();
  const unitsList = useId();
  const officersList = useId();
  // Names from the synced directory once it is here; until then (a store never synced) ids.
  const pick = known.loaded && known.units.length > 0;
  const note = (value: string, update: (note: string) => void) => (
    <TextField
      path="note"
      label={t('actionForm.fields.note')}
      value={value}
      onChange={update}
      errors={errors}
      optional
      multiline
      rows={2}
    />
  );
  const reason = (value: string, update: (reason: string) => void, optional = false) => (
    <TextField
      path="reason"
      label={t('actionForm.fields.reason')}
      value={value}
      onChange={update}
      errors={errors}
      optional={optional}
      multiline
      autoFocus={!optional}
    />
  );
  const units = (
    <datalist id={unitsList}>
      {known.units.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </datalist>
  );
  const recipient = (
    value: string,
    recipientUnit: string,
    update: (r: string, u: string) => void,
  ) => (
    <>
      {pick ? null : units}
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
              <datalist id={officersList}>
                {known.officers.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </datalist>
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
          {note(form.note, (value) => onChange({ ...form, note: value }))}
        </>
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
            multiline
            rows={4}
            autoFocus
          />
        </>
      );
  }
}
