import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useKnownDirectory } from '../actions/directory';
import { PickerField, TextField } from '../actions/fields';
import type { FormErrors } from '../actions/form-values';
import { useSyncStatus } from '../session/SessionProvider';
import { Dialog } from '../ui/Dialog';
import { useNow } from '../ui/useNow';
import { initialRegisterForm, registerTarget, type PrintTarget } from './print-model';

type RegisterDialogProps = Readonly<{
  onSubmit: (target: PrintTarget) => void;
  onClose: () => void;
}>;

/**
 * Which register to print: a unit (the officer's own first) and a period, typed day first as
 * the forms write dates. The preview follows; the register belongs to no dossier, so printing
 * it records nothing in a dossier's history.
 */
export function RegisterDialog({ onSubmit, onClose }: RegisterDialogProps) {
  const { t } = useTranslation();
  const directory = useKnownDirectory();
  const officerUnit = useSyncStatus()?.officer?.unitId ?? null;
  const now = useNow();
  const [form, setForm] = useState(() => initialRegisterForm(officerUnit, now));
  const [errors, setErrors] = useState<FormErrors>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const built = registerTarget(form);
    if (!built.ok) return setErrors(built.errors);
    onSubmit(built.action);
  };

  return (
    <Dialog
      title={t('print.register.title')}
      description={t('print.register.description')}
      onClose={onClose}
      testId="print-register"
    >
      <form className="form dialog__body" onSubmit={submit} noValidate>
        {directory.loaded ? (
          <PickerField
            path="unitId"
            label={t('print.register.unit')}
            value={form.unitId}
            onChange={(unitId) => setForm({ ...form, unitId })}
            errors={errors}
            groups={[{ label: null, options: directory.units }]}
            emptyLabel={t('actionForm.pickers.chooseUnit')}
            autoFocus
          />
        ) : (
          <TextField
            path="unitId"
            label={t('print.register.unit')}
            value={form.unitId}
            onChange={(unitId) => setForm({ ...form, unitId })}
            errors={errors}
            hint={t('actionForm.hints.unitFreeText')}
            mono
            autoFocus
          />
        )}
        <div className="print-register__period">
          <TextField
            path="from"
            label={t('print.register.from')}
            value={form.from}
            onChange={(from) => setForm({ ...form, from })}
            errors={errors}
            hint={t('actionForm.hints.date')}
          />
          <TextField
            path="to"
            label={t('print.register.to')}
            value={form.to}
            onChange={(to) => setForm({ ...form, to })}
            errors={errors}
            hint={t('actionForm.hints.date')}
          />
        </div>
        <div className="form__actions">
          <button
            type="button"
            className="button button--ghost"
            onClick={onClose}
            data-testid="print-register-cancel"
          >
            {t('actionForm.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            data-testid="print-register-submit"
          >
            {t('print.register.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
