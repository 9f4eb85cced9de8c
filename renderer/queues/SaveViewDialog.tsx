import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '@shared/contract/envelope';
import type { Queue, ViewDefinition } from '@shared/contract/api';
import type { Result } from '../api/result';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice } from '../ui/ErrorNotice';
import type { QueueItem } from './queue-model';

type SaveViewDialogProps = Readonly<{
  view: ViewDefinition;
  /** The officer's own view now open, which may be overwritten instead of copied. */
  current: QueueItem | null;
  suggestedName: string;
  onSave: (input: { id?: string; name: string; view: ViewDefinition }) => Promise<Result<Queue>>;
  onSaved: (queue: Queue) => void;
  onClose: () => void;
}>;

/** Saves the filters, sort and visible columns on screen as a queue of the officer's own. */
export function SaveViewDialog({
  view,
  current,
  suggestedName,
  onSave,
  onSaved,
  onClose,
}: SaveViewDialogProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(current?.name ?? suggestedName);
  const [replace, setReplace] = useState(current !== null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    setBusy(true);
    setError(null);
    const result = await onSave({
      ...(replace && current ? { id: current.id } : {}),
      name: name.trim(),
      view,
    });
    setBusy(false);
    if (result.ok) onSaved(result.value);
    else setError(result.error);
  };

  return (
    <Dialog
      title={t('queueList.saveTitle')}
      description={t('queueList.saveHint')}
      onClose={onClose}
      testId="save-view-dialog"
    >
      <form className="form dialog__body" onSubmit={(event) => void submit(event)}>
        <label className="form__field">
          <span className="form__label">{t('queueList.name')}</span>
          <input
            className="input"
            value={name}
            maxLength={80}
            required
            autoFocus
            onChange={(event) => setName(event.target.value)}
            data-testid="save-view-name"
          />
        </label>
        {current ? (
          <label className="choice">
            <input
              type="checkbox"
              className="checkbox"
              checked={replace}
              onChange={(event) => setReplace(event.target.checked)}
              data-testid="save-view-replace"
            />
            <span>{t('queueList.replace', { name: current.name })}</span>
          </label>
        ) : null}
        {error ? <ErrorNotice error={error} compact /> : null}
        <div className="form__actions">
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('actionForm.cancel')}
          </button>
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || name.trim() === ''}
            data-testid="save-view-submit"
          >
            {t('queueList.saveSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
