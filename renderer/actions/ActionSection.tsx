import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintActionType } from '@shared/domain/complaint-machine';
import type { DossierActionType } from '@shared/domain/dossier-machine';
import type { ApiError } from '@shared/contract/envelope';
import { call } from '../api/call';
import { useApi } from '../api/context';
import type { Result } from '../api/result';
import { ruleKey } from '../i18n/keys';
import { AlertIcon, CheckIcon } from '../ui/icons';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ComplaintActionFields } from './ComplaintActionFields';
import {
  buildComplaintAction,
  emptyComplaintForm,
  isComplaintActionType,
  type ComplaintForm,
} from './complaint-forms';
import { DossierActionFields } from './DossierActionFields';
import {
  buildDossierAction,
  emptyDossierForm,
  isDossierActionType,
  type DossierForm,
} from './dossier-forms';
import type { FormErrors } from './form-values';

/**
 * The actions an officer may take on the open record — only those the core allows now
 * (dossiers.allowedActions / complaints.allowedActions, i.e. the state machine with the officer's
 * role and units) — each opening the form it needs. A refusal names its rule in the officer's
 * words, inside the form, so nothing typed is lost.
 */

type Entity = 'dossier' | 'complaint';

function useAllowedActions(
  entity: Entity,
  id: string,
  version: number,
  signedIn: boolean,
): Result<string[]> | null {
  const client = useApi();
  const [answer, setAnswer] = useState<{ key: string; result: Result<string[]> } | null>(null);
  const key = `${entity}:${id}:${version}:${signedIn}`;
  useEffect(() => {
    let current = true;
    const method = entity === 'dossier' ? 'dossiers.allowedActions' : 'complaints.allowedActions';
    void call(client, method, { id }).then((result) => {
      if (current) {
        setAnswer({ key, result: result.ok ? { ok: true, value: result.value.actions } : result });
      }
    });
    return () => {
      current = false;
    };
  }, [client, entity, id, key]);
  // Keep the previous answer while a new one loads, so the buttons do not flicker.
  return answer?.result ?? null;
}

export type OpenForm =
  | { readonly entity: 'dossier'; readonly form: DossierForm; readonly redo?: boolean }
  | { readonly entity: 'complaint'; readonly form: ComplaintForm; readonly redo?: boolean };

type ActionSectionProps = Readonly<{
  entity: Entity;
  id: string;
  version: number;
  signedIn: boolean;
  /** A form to open at once (a refused change to redo, an action picked in the palette). */
  requested: OpenForm | null;
  onRequestedUsed: () => void;
  /** For forms that need the record: the current appointment, the current draft answer. */
  dueAt: number | null;
  currentAnswer?: string | null;
  /** The unit holding the record: the pickers offer its officers and its units first. */
  unitId?: string | null;
}>;

export function ActionSection({
  entity,
  id,
  version,
  signedIn,
  requested,
  onRequestedUsed,
  dueAt,
  currentAnswer = null,
  unitId = null,
}: ActionSectionProps) {
  const { t } = useTranslation();
  const client = useApi();
  const headingId = useId();
  const allowed = useAllowedActions(entity, id, version, signedIn);
  const [open, setOpen] = useState<OpenForm | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  // Another record: whatever was being filled in belonged to the previous one.
  const [forId, setForId] = useState(id);
  if (forId !== id) {
    setForId(id);
    setOpen(null);
    setErrors({});
    setFailure(null);
    setSaved(null);
  }

  // A form asked for from outside (redo, palette) opens once; the owner then forgets it.
  const [taken, setTaken] = useState<OpenForm | null>(null);
  if (requested !== null && requested !== taken && requested.entity === entity) {
    setTaken(requested);
    setOpen(requested);
    setErrors({});
    setFailure(null);
    setSaved(null);
  }
  useEffect(() => {
    if (requested !== null && requested === taken) onRequestedUsed();
  }, [requested, taken, onRequestedUsed]);

  const actions = allowed?.ok ? allowed.value : [];
  const typed =
    entity === 'dossier'
      ? actions.filter(isDossierActionType)
      : actions.filter(isComplaintActionType);

  const start = (type: string) => {
    setErrors({});
    setFailure(null);
    setSaved(null);
    if (entity === 'dossier' && isDossierActionType(type)) {
      setOpen({ entity, form: emptyDossierForm(type) });
    } else if (entity === 'complaint' && isComplaintActionType(type)) {
      setOpen({ entity, form: emptyComplaintForm(type, { answer: currentAnswer }) });
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!open || busy) return;
    setFailure(null);
    let result: Result<unknown>;
    if (open.entity === 'dossier') {
      const built = buildDossierAction(open.form, { dueAt });
      if (!built.ok) return setErrors(built.errors);
      setErrors({});
      setBusy(true);
      result = await call(client, 'dossiers.act', { id, action: built.action });
    } else {
      const built = buildComplaintAction(open.form);
      if (!built.ok) return setErrors(built.errors);
      setErrors({});
      setBusy(true);
      result = await call(client, 'complaints.act', { id, action: built.action });
    }
    setBusy(false);
    if (result.ok) {
      setSaved(open.form.type);
      setOpen(null);
    } else {
      setFailure(result.error);
    }
  };

  const label = (type: string) =>
    entity === 'dossier' && isDossierActionType(type)
      ? t(`actionButtons.${type}`)
      : entity === 'complaint' && isComplaintActionType(type)
        ? t(`complaintActionButtons.${type}`)
        : type;

  let body: ReactNode;
  if (allowed === null) {
    body = (
      <p className="muted" role="status">
        <span className="spinner" aria-hidden="true" /> {t('actionForm.loading')}
      </p>
    );
  } else if (!allowed.ok) {
    body = <ErrorNotice error={allowed.error} compact />;
  } else if (typed.length === 0) {
    body = (
      <p className="muted" data-testid="actions-none">
        {signedIn ? t('actionForm.none') : t('actionForm.signInToAct')}
      </p>
    );
  } else {
    body = (
      <div className="action-bar" role="toolbar" aria-labelledby={headingId}>
        {typed.map((type: DossierActionType | ComplaintActionType) => (
          <button
            key={type}
            type="button"
            className={`button ${open?.form.type === type ? 'button--primary' : 'button--secondary'}`}
            aria-pressed={open?.form.type === type}
            onClick={() => start(type)}
            data-testid={`action-${type}`}
          >
            {label(type)}
          </button>
        ))}
      </div>
    );
  }

  const openType = open?.form.type;
  const notAllowed =
    open !== null && allowed?.ok === true && !allowed.value.includes(open.form.type);

  return (
    <section className="actions" aria-labelledby={headingId} data-testid="actions">
      <h3 id={headingId} className="panel-section__title">
        {t('actionForm.title')}
      </h3>
      {body}
      {saved !== null ? (
        <p className="form-saved" role="status" data-testid="action-saved" data-action={saved}>
          <CheckIcon width={16} height={16} />
          {t('actionForm.saved')}
        </p>
      ) : null}
      {open && openType ? (
        <form
          className="action-form form"
          onSubmit={(event) => void submit(event)}
          onKeyDown={(event) => {
            // Esc leaves the form, not the record: what was typed is dropped on purpose only.
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              setOpen(null);
              setFailure(null);
              setErrors({});
            }
          }}
          noValidate
          data-testid="action-form"
          data-action={openType}
          aria-label={label(openType)}
        >
          <h4 className="action-form__title">{label(openType)}</h4>
          {open.redo ? (
            <p className="form-info" data-testid="action-redo">
              {t('actionForm.redo')}
            </p>
          ) : null}
          {notAllowed ? (
            <p className="form-warning" data-testid="action-not-allowed">
              {t('actionForm.notAllowedNow', { action: label(openType) })}
            </p>
          ) : null}
          {open.entity === 'dossier' ? (
            <DossierActionFields
              form={open.form}
              onChange={(form) => setOpen({ ...open, form })}
              errors={errors}
              dueAt={dueAt}
              unitId={unitId}
            />
          ) : (
            <ComplaintActionFields
              form={open.form}
              onChange={(form) => setOpen({ ...open, form })}
              errors={errors}
              unitId={unitId}
            />
          )}
          {failure ? <ActionFailure error={failure} /> : null}
          <div className="form__actions">
            <button
              type="button"
              className="button button--ghost"
              onClick={() => {
                setOpen(null);
                setFailure(null);
                setErrors({});
              }}
              data-testid="action-cancel"
            >
              {t('actionForm.cancel')}
            </button>
            <button
              type="submit"
              className="button button--primary"
              disabled={busy}
              data-testid="action-submit"
            >
              {busy ? <span className="spinner spinner--light" aria-hidden="true" /> : null}
              {busy ? t('actionForm.submitting') : t('actionForm.submit')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** A refusal inside the form: the rule in words when there is one, else the error. */
function ActionFailure({ error }: Readonly<{ error: ApiError }>) {
  const { t } = useTranslation();
  const key = error.rule ? ruleKey(error.rule) : null;
  if (error.code === 'RULE_VIOLATION' && error.rule) {
    return (
      <div
        className="form-error"
        role="alert"
        data-testid="action-error"
        data-error-code={error.code}
      >
        <AlertIcon width={16} height={16} />
        <span data-testid="action-rule" data-rule={error.rule}>
          {key ? t(key) : t('errors.rule', { rule: error.rule })}
        </span>
      </div>
    );
  }
  return (
    <div data-testid="action-error" data-error-code={error.code}>
      <ErrorNotice error={error} compact />
    </div>
  );
}
