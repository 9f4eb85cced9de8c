import { useEffect, useId, useReducer, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '@shared/contract/envelope';
import { useApi } from '../api/context';
import type { Result } from '../api/result';
import { ruleKey } from '../i18n/keys';
import { act, allowedActions } from '../kinds/contract';
import type { FormRequest, KindForm, PanelRecord, UiKind } from '../kinds/kind';
import type { PrintTarget } from '../print/print-model';
import { AlertIcon, CheckIcon, PrinterIcon } from '../ui/icons';
import { ErrorNotice } from '../ui/ErrorNotice';
import type { FormErrors } from './form-values';

/**
 * The actions an officer may take on the open record — only those the core allows now
 * (`<plural>.allowedActions`, i.e. the state machine with the officer's role and units) — each
 * opening the form its kind gives it. A refusal names its rule in the officer's words, inside the
 * form, so nothing typed is lost.
 */

function useAllowedActions(
  kind: UiKind,
  id: string,
  version: number,
  signedIn: boolean,
): Result<string[]> | null {
  const client = useApi();
  const plural = kind.shared.plural;
  const [answer, setAnswer] = useState<{ key: string; result: Result<string[]> } | null>(null);
  const key = `${plural}:${id}:${version}:${signedIn}`;
  useEffect(() => {
    let current = true;
    void allowedActions(client, plural, id).then((result) => {
      if (current) {
        setAnswer({ key, result: result.ok ? { ok: true, value: result.value.actions } : result });
      }
    });
    return () => {
      current = false;
    };
  }, [client, plural, id, key]);
  // Keep the previous answer while a new one loads, so the buttons do not flicker.
  return answer?.result ?? null;
}

interface FormState {
  readonly open: { readonly form: KindForm; readonly redo: boolean } | null;
  readonly errors: FormErrors;
  readonly failure: ApiError | null;
  readonly busy: boolean;
  /** The action just saved, said under the buttons. */
  readonly saved: string | null;
}

type FormStep =
  | { readonly type: 'opened'; readonly form: KindForm; readonly redo: boolean }
  | { readonly type: 'edited'; readonly form: KindForm }
  | { readonly type: 'invalid'; readonly errors: FormErrors }
  | { readonly type: 'sent' }
  | { readonly type: 'saved' }
  | { readonly type: 'refused'; readonly error: ApiError }
  | { readonly type: 'closed' };

const NO_FORM: FormState = { open: null, errors: {}, failure: null, busy: false, saved: null };

function formStep(state: FormState, step: FormStep): FormState {
  switch (step.type) {
    case 'opened':
      return { ...NO_FORM, open: { form: step.form, redo: step.redo } };
    case 'edited':
      return state.open ? { ...state, open: { ...state.open, form: step.form } } : state;
    case 'invalid':
      return { ...state, errors: step.errors, failure: null };
    case 'sent':
      return { ...state, errors: {}, failure: null, busy: true };
    case 'saved':
      return { ...NO_FORM, saved: state.open?.form.type ?? null };
    case 'refused':
      return { ...state, busy: false, failure: step.error };
    case 'closed':
      return { ...state, open: null, errors: {}, failure: null };
  }
}

type ActionSectionProps = Readonly<{
  kind: UiKind;
  /** The record acted on; the section is drawn anew for each record (the panel keys it). */
  record: PanelRecord;
  signedIn: boolean;
  /** A form to open at once (a refused change to redo, an action picked in the palette). */
  request: FormRequest | null;
  onRequestUsed: () => void;
  /** Opens the print preview: the paper an action just saved hands out is offered here. */
  onPrint?: (target: PrintTarget) => void;
}>;

export function ActionSection({
  kind,
  record,
  signedIn,
  request,
  onRequestUsed,
  onPrint,
}: ActionSectionProps) {
  const { t } = useTranslation();
  const client = useApi();
  const headingId = useId();
  const { id, version } = record;
  const allowed = useAllowedActions(kind, id, version, signedIn);
  const [state, step] = useReducer(formStep, NO_FORM);
  const { open, errors, failure, busy, saved } = state;

  // A form asked for from outside opens once, then the owner forgets the request.
  const requested = request !== null && request.kind === kind.name && request.id === id;
  useEffect(() => {
    if (!requested || request === null) return;
    step({ type: 'opened', form: request.form, redo: request.redo });
    onRequestUsed();
  }, [requested, request, onRequestUsed]);

  // An action without a form (recording a print) is taken elsewhere, never by a button here.
  const actions = (allowed?.ok ? allowed.value : []).filter(
    (type) => kind.shared.isAction(type) && kind.emptyForm(type, record) !== null,
  );

  const start = (type: string) => {
    const form = kind.emptyForm(type, record);
    if (form) step({ type: 'opened', form, redo: false });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!open || busy) return;
    const built = kind.buildAction(open.form, record);
    if (!built.ok) return step({ type: 'invalid', errors: built.errors });
    step({ type: 'sent' });
    const result = await act(client, kind.shared.plural, id, built.action);
    step(result.ok ? { type: 'saved' } : { type: 'refused', error: result.error });
  };

  const label = (type: string) => {
    const key = kind.actionLabelKey(type);
    return key ? t(key) : type;
  };

  let body: ReactNode;
  if (allowed === null) {
    body = (
      <p className="muted" role="status">
        <span className="spinner" aria-hidden="true" /> {t('actionForm.loading')}
      </p>
    );
  } else if (!allowed.ok) {
    body = <ErrorNotice error={allowed.error} compact />;
  } else if (actions.length === 0) {
    body = (
      <p className="muted" data-testid="actions-none">
        {signedIn ? t('actionForm.none') : t('actionForm.signInToAct')}
      </p>
    );
  } else {
    body = (
      <div className="action-bar" role="toolbar" aria-labelledby={headingId}>
        {actions.map((type) => (
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

  // The paper of the step just taken (the receipt after acceptance…), offered beside the word
  // that it is saved: the citizen at the desk is waiting for it.
  const offer = saved !== null && onPrint ? (kind.print?.after(saved, record) ?? null) : null;

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
      {offer && onPrint ? (
        <button
          type="button"
          className="button button--secondary print-offer"
          onClick={() => onPrint(offer.target)}
          data-testid="print-offer"
          data-form={offer.target.form}
        >
          <PrinterIcon width={16} height={16} />
          {t('print.open', { code: offer.code })}
        </button>
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
              step({ type: 'closed' });
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
          {kind.fields({
            form: open.form,
            onChange: (form) => step({ type: 'edited', form }),
            errors,
            record,
            unitId: record.unitId,
          })}
          {failure ? <ActionFailure error={failure} /> : null}
          <div className="form__actions">
            <button
              type="button"
              className="button button--ghost"
              onClick={() => step({ type: 'closed' })}
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
