import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierDetail } from '@shared/contract/api';
import { dossierKind } from '@shared/kinds';
import type { Dossier } from '@shared/model';
import {
  AddNoteFields,
  AssignFields,
  NoteField,
  OfficerOptions,
  ReasonField,
  UnitOptions,
  usePickers,
} from '../../actions/common-fields';
import { officerGroups, unitGroups, worksWithin } from '../../actions/directory';
import { ChoiceField, FormWarning, LinesField, PickerField, TextField } from '../../actions/fields';
import { parseDong, vietnamDateTimeToMillis } from '../../actions/form-values';
import { useFormatter } from '../../format/useFormatter';
import type { ActionFieldsProps } from '../kind';
import type { DossierForm } from './forms';

/** The fields each dossier action needs (forms.ts says what they become). */
export function DossierActionFields({
  form,
  onChange,
  errors,
  record,
  detail,
  unitId,
}: ActionFieldsProps<DossierForm, Dossier, DossierDetail>) {
  const { t } = useTranslation();
  const f = useFormatter();
  const { known, pick } = usePickers();
  const unitsList = useId();
  const officersList = useId();
  // The current appointment, shown where an apology moves it (none for a bulk action).
  const dueAt = record?.dueAt ?? null;
  const latestDueAt = detail?.latestNewDueAt ?? null;
  // Who reads the note this action writes: the dossier machine says, per action.
  const visibleTo = dossierKind.noteVisibility(form);
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
  const unitLabels = {
    near: t('actionForm.pickers.nearUnits'),
    other: t('actionForm.pickers.otherUnits'),
  };

  switch (form.type) {
    case 'accept':
    case 'receive_supplement':
    case 'start_processing':
    case 'receive_fees':
    case 'return_result':
    case 'approve_result':
      return note(form.note, (value) => onChange({ ...form, note: value }));
    case 'refuse':
    case 'request_withdrawal':
    case 'stop':
    case 'send_back_result':
      return (
        <>
          {form.type === 'refuse' ? (
            <FormWarning testId="action-warning">{t('actionForm.warnings.refuse')}</FormWarning>
          ) : null}
          {form.type === 'stop' ? (
            <FormWarning testId="action-warning">{t('actionForm.warnings.stop')}</FormWarning>
          ) : null}
          {reason(form.reason, (value) => onChange({ ...form, reason: value }))}
        </>
      );
    case 'request_supplement':
      return (
        <>
          <LinesField
            path="missingDocuments"
            legend={t('actionForm.fields.missingDocuments')}
            lines={form.missingDocuments.map((name) => ({ name }))}
            columns={[{ key: 'name', label: (n) => t('actionForm.fields.missingDocument', { n }) }]}
            empty={{ name: '' }}
            onChange={(lines) => onChange({ ...form, missingDocuments: lines.map((l) => l.name) })}
            errors={errors}
            addLabel={t('actionForm.fields.addDocument')}
            note={
              <FormWarning testId="action-warning">
                {t('actionForm.warnings.supplementOnce')}
              </FormWarning>
            }
          />
          {reason(form.reason, (value) => onChange({ ...form, reason: value }), true)}
        </>
      );
    case 'transfer':
      if (pick) {
        return (
          <>
            <PickerField
              path="unitId"
              label={t('actionForm.fields.unitId')}
              value={form.unitId}
              // The assignee must work in the receiving unit: a choice the new unit excludes goes.
              onChange={(value) =>
                onChange({
                  ...form,
                  unitId: value,
                  assigneeId:
                    form.assigneeId !== '' &&
                    value !== '' &&
                    worksWithin(known, form.assigneeId, value)
                      ? form.assigneeId
                      : '',
                })
              }
              errors={errors}
              // Only the units the catalogue says handle the dossier's procedure.
              groups={unitGroups(known, unitId, unitLabels, detail?.procedure?.handlingUnitIds)}
              emptyLabel={t('actionForm.pickers.chooseUnit')}
              autoFocus
            />
            <PickerField
              path="assigneeId"
              label={t('actionForm.fields.assigneeId')}
              value={form.assigneeId}
              onChange={(value) => onChange({ ...form, assigneeId: value })}
              errors={errors}
              groups={form.unitId === '' ? [] : officerGroups(known, form.unitId)}
              emptyLabel={t('actionForm.pickers.noOfficer')}
              hint={t('actionForm.hints.officerWithin')}
              optional
            />
            {reason(form.reason, (value) => onChange({ ...form, reason: value }), true)}
          </>
        );
      }
      return (
        <>
          <UnitOptions id={unitsList} />
          <OfficerOptions id={officersList} />
          <TextField
            path="unitId"
            label={t('actionForm.fields.unitId')}
            value={form.unitId}
            onChange={(value) => onChange({ ...form, unitId: value })}
            errors={errors}
            list={unitsList}
            hint={t('actionForm.hints.unitFreeText')}
            mono
            autoFocus
          />
          <TextField
            path="assigneeId"
            label={t('actionForm.fields.assigneeId')}
            value={form.assigneeId}
            onChange={(value) => onChange({ ...form, assigneeId: value })}
            errors={errors}
            list={officersList}
            optional
            mono
          />
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
    case 'request_fees': {
      const total = form.fees.reduce((sum, fee) => sum + (parseDong(fee.amount) ?? 0), 0);
      return (
        <>
          <LinesField
            path="fees"
            legend={t('actionForm.fields.fees')}
            lines={form.fees}
            columns={[
              { key: 'name', label: (n) => t('actionForm.fields.feeName', { n }), width: 'wide' },
              {
                key: 'amount',
                label: (n) => t('actionForm.fields.feeAmount', { n }),
                hint: t('actionForm.hints.amount'),
                width: 'narrow',
                inputMode: 'numeric',
              },
            ]}
            empty={{ name: '', amount: '' }}
            onChange={(lines) => onChange({ ...form, fees: lines })}
            errors={errors}
            addLabel={t('actionForm.fields.addFee')}
            footer={
              total > 0 ? (
                <p className="form__total" data-testid="fees-total">
                  {t('actionForm.fields.feeTotal', { total: f.money(total) })}
                </p>
              ) : null
            }
          />
          {note(form.note, (value) => onChange({ ...form, note: value }))}
        </>
      );
    }
    case 'apologize': {
      const preview = vietnamDateTimeToMillis(form.newDueDate, form.newDueTime);
      return (
        <>
          <FormWarning testId="action-warning">
            {t('actionForm.warnings.apologyOnce')}
            {dueAt !== null ? (
              <> {t('actionForm.warnings.currentDue', { date: f.longDateTime(dueAt) })}</>
            ) : null}
          </FormWarning>
          <div className="form__row">
            <TextField
              path="newDueDate"
              label={t('actionForm.fields.newDueDate')}
              hint={
                latestDueAt !== null
                  ? `${t('actionForm.hints.date')} ${t('actionForm.hints.newDueBound', { date: f.longDateTime(latestDueAt) })}`
                  : t('actionForm.hints.date')
              }
              value={form.newDueDate}
              onChange={(value) => onChange({ ...form, newDueDate: value })}
              errors={{ ...errors, ...(errors.newDueAt ? { newDueDate: errors.newDueAt } : {}) }}
              autoFocus
            />
            <TextField
              path="newDueTime"
              label={t('actionForm.fields.newDueTime')}
              hint={t('actionForm.hints.time')}
              value={form.newDueTime}
              onChange={(value) => onChange({ ...form, newDueTime: value })}
              errors={errors}
            />
          </div>
          {preview !== null ? (
            <p className="form__preview" data-testid="new-due-preview">
              {t('actionForm.fields.newDuePreview', { date: f.longDateTime(preview) })}
            </p>
          ) : null}
          {reason(form.reason, (value) => onChange({ ...form, reason: value }))}
        </>
      );
    }
    case 'finish':
    case 'submit_result':
      return (
        <>
          <ChoiceField
            path="result"
            legend={t('actionForm.fields.result')}
            value={form.result}
            options={[
              { value: 'approved', label: t('actionForm.results.approved') },
              { value: 'denied', label: t('actionForm.results.denied') },
            ]}
            onChange={(value) => onChange({ ...form, result: value })}
            errors={errors}
          />
          <LinesField
            path="resultDocuments"
            legend={t('actionForm.fields.resultDocuments')}
            lines={form.resultDocuments}
            columns={[
              { key: 'name', label: (n) => t('actionForm.fields.docName', { n }), width: 'wide' },
              {
                key: 'number',
                label: (n) => t('actionForm.fields.docNumber', { n }),
                width: 'narrow',
              },
            ]}
            empty={{ name: '', number: '' }}
            onChange={(lines) => onChange({ ...form, resultDocuments: lines })}
            errors={errors}
            addLabel={t('actionForm.fields.addResultDocument')}
          />
          {note(form.note, (value) => onChange({ ...form, note: value }))}
        </>
      );
    case 'add_note':
      return <AddNoteFields form={form} onChange={onChange} errors={errors} />;
  }
}
