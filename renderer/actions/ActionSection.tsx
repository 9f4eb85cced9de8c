import {
  useCallback,
  useEffect,
  useId,
  useReducer,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '@shared/contract/envelope';
import type { KindName } from '@shared/kinds';
import { useApi } from '../api/context';
import type { Result } from '../api/result';
import { ruleKey } from '../i18n/keys';
import { act, allowedActions, getRecord, onChanged } from '../kinds/contract';
import type { DetailBase, FormRequest, PanelRecord, UiKind } from '../kinds/kind';
import type { PrintTarget } from '../print/print-model';
import { AlertIcon, CheckIcon, PrinterIcon, UploadCloudIcon } from '../ui/icons';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ActionBar, type ForbiddenActionView } from './ActionBar';
import {
  allowedActionsKey,
  formStep,
  NO_FORM,
  submissionTarget,
  type SavedAction,
} from './form-state';

/**
 * The actions an officer may take on the open record — only those the core allows now
 * (`<plural>.allowedActions`, i.e. the state machine with the officer's role and units) — each
 * opening the form its kind gives it. A refusal names its rule in the officer's words, inside the
 * form, so nothing typed is lost.
 */

interface ActionsAnswer {
  readonly actions: string[];
  readonly forbidden: readonly ForbiddenActionView[];
}

function useAllowedActions(
  kind: UiKind,
  record: PanelRecord,
  signedIn: boolean,
): Result<ActionsAnswer> | null {
  const client = useApi();
  const plural = kind.shared.plural;
  const { id } = record;
  const [answer, setAnswer] = useState<{ key: string; result: Result<ActionsAnswer> } | null>(null);
  const key = allowedActionsKey(plural, record, signedIn);
  useEffect(() => {
    let current = true;
    void allowedActions(client, plural, id).then((result) => {
      if (current) {
        setAnswer({
          key,
          result: result.ok
            ? {
                ok: true,
                value: { actions: result.value.actions, forbidden: result.value.forbidden },
              }
            : result,
        });
      }
    });
    return () => {
      current = false;
    };
  }, [client, plural, id, key]);
  // Keep the previous answer while a new one loads, so the buttons do not flicker.
  return answer?.result ?? null;
}

/**
 * While a saved change is being sent: the record is read again whenever the core says something
 * moved (the record changed, the sync status changed), until it has nothing waiting any more.
 * Each read starts after the save, so an older answer can never say "sent" too early.
 */
function useDelivery(
  kind: UiKind,
  saved: SavedAction | null,
  onDelivered: (recordId: string) => void,
): void {
  const client = useApi();
  const plural = kind.shared.plural;
  const waiting = saved?.delivery === 'sending' ? saved.recordId : null;
  useEffect(() => {
    if (waiting === null) return;
    let current = true;
    const check = () => {
      void getRecord(client, plural, waiting).then((result) => {
        if (current && result.ok && !result.value.pending) onDelivered(waiting);
      });
    };
    check();
    const offRecord = onChanged(client, plural, (ids) => {
      if (ids.includes(waiting)) check();
    });
    const offStatus = client.on('sync.status', () => check());
    return () => {
      current = false;
      offRecord();
      offStatus();
    };
  }, [client, plural, waiting, onDelivered]);
}

type ActionSectionProps = Readonly<{
  kind: UiKind;
  /** The record acted on; the section is drawn anew for each record (the panel keys it). */
  record: PanelRecord;
  /** Its detail answer, which some forms read (the latest appointment an apology may set). */
  detail?: DetailBase | null;
  signedIn: boolean;
  /** A form to open at once (a refused change to redo, an action picked in the palette). */
  request: FormRequest | null;
  onRequestUsed: () => void;
  /** Opens the print preview: the paper an action just saved hands out is offered here. */
  onPrint?: (target: PrintTarget) => void;
  /** The record the panel shows now (a form is sent only while it is the form's own). */
  shownId?: string;
  /** An action form opened on this record, or closed: the workbench keeps the panel on it. */
  onFormShown?: (record: { kind: KindName; id: string } | null) => void;
}>;

export function ActionSection({
  kind,
  record,
  detail = null,
  signedIn,
  request,
  onRequestUsed,
  onPrint,
  shownId,
  onFormShown,
}: ActionSectionProps) {
  const { t } = useTranslation();
  const client = useApi();
  const headingId = useId();
  const { id } = record;
  const allowed = useAllowedActions(kind, record, signedIn);
  const [state, step] = useReducer(formStep, NO_FORM);
  const { open, errors, failure, busy, saved, misdirected } = state;
  const delivered = useCallback((recordId: string) => step({ type: 'delivered', recordId }), []);
  useDelivery(kind, saved, delivered);

  // A form asked for from outside opens once, then the owner forgets the request.
  const requested = request !== null && request.kind === kind.name && request.id === id;
  const requestedRecord = requested ? record : null;
  useEffect(() => {
    if (!requested || request === null || requestedRecord === null) return;
    step({
      type: 'opened',
      form: request.form,
      redo: request.redo,
      record: requestedRecord,
      kind: kind.name,
    });
    onRequestUsed();
  }, [requested, request, requestedRecord, kind.name, onRequestUsed]);

  // The workbench keeps the panel on the record while one of its forms is open.
  const formRecordId = open?.recordId ?? null;
  const formKind = open?.kind ?? null;
  useEffect(() => {
    if (formRecordId === null || formKind === null) return;
    onFormShown?.({ kind: formKind, id: formRecordId });
    return () => onFormShown?.(null);
  }, [formRecordId, formKind, onFormShown]);

  // An action without a form (recording a print) is taken elsewhere, never by a button here.
  const hasForm = (type: string) =>
    kind.shared.isAction(type) && kind.emptyForm(type, record) !== null;
  const actions = (allowed?.ok ? allowed.value.actions : []).filter(hasForm);
  const forbidden = (allowed?.ok ? allowed.value.forbidden : []).filter((f) => hasForm(f.action));

  const start = (type: string) => {
    const form = kind.emptyForm(type, record);
    if (form) step({ type: 'opened', form, redo: false, record, kind: kind.name });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!open || busy) return;
    // Sent to the record the form was opened for, and only if that is the one on screen.
    const target = submissionTarget(open, { kind: kind.name, id: shownId ?? id });
    if (target === null || target !== id) return step({ type: 'misdirected' });
    const built = kind.buildAction(open.form, record, detail);
    if (!built.ok) return step({ type: 'invalid', errors: built.errors });
    step({ type: 'sent' });
    const result = await act(client, kind.shared.plural, target, built.action);
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
  } else if (actions.length === 0 && forbidden.length === 0) {
    body = (
      <p className="muted" data-testid="actions-none">
        {signedIn ? t('actionForm.none') : t('actionForm.signInToAct')}
      </p>
    );
  } else {
    body = (
      <ActionBar
        order={kind.shared.actions}
        allowed={actions}
        forbidden={forbidden}
        openType={open?.form.type ?? null}
        label={label}
        onStart={start}
        labelledBy={headingId}
      />
    );
  }

  // The paper of the step just taken (the receipt after acceptance…), offered beside the word
  // that it is saved: the citizen at the desk is waiting for it.
  const offer =
    saved !== null && onPrint ? (kind.print?.after(saved.action, record) ?? null) : null;

  const openType = open?.form.type;
  const notAllowed =
    open !== null && allowed?.ok === true && !allowed.value.actions.includes(open.form.type);

  return (
    <section className="actions" aria-labelledby={headingId} data-testid="actions">
      <h3 id={headingId} className="panel-section__title">
        {t('actionForm.title')}
      </h3>
      {body}
      {saved !== null ? (
        <p
          className={`form-saved form-saved--${saved.delivery}`}
          role="status"
          data-testid="action-saved"
          data-action={saved.action}
          data-delivery={saved.delivery}
        >
          {saved.delivery === 'sent' ? (
            <CheckIcon width={16} height={16} />
          ) : (
            <UploadCloudIcon width={16} height={16} />
          )}
          {saved.delivery === 'sent' ? t('actionForm.sent') : t('actionForm.savedSending')}
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
          data-record-id={open.recordId}
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
            detail,
            unitId: record.unitId,
          })}
          {failure ? <ActionFailure error={failure} /> : null}
          {misdirected ? (
            <p className="form-error" role="alert" data-testid="action-misdirected">
              <AlertIcon width={16} height={16} />
              <span>{t('actionForm.otherRecord', { number: open.recordNumber })}</span>
            </p>
          ) : null}
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
