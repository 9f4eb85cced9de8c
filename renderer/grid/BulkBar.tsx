import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '@shared/contract/api';
import type { ApiClient } from '@shared/contract/client';
import type { ApiError } from '@shared/contract/envelope';
import { call } from '../api/call';
import type { Result } from '../api/result';
import { useApi } from '../api/context';
import {
  buildComplaintAction,
  emptyComplaintForm,
  type ComplaintForm,
} from '../actions/complaint-forms';
import { ComplaintActionFields } from '../actions/ComplaintActionFields';
import { buildDossierAction, emptyDossierForm, type DossierForm } from '../actions/dossier-forms';
import { DossierActionFields } from '../actions/DossierActionFields';
import type { FormErrors } from '../actions/form-values';
import { useFormatter } from '../format/useFormatter';
import { useSyncStatus } from '../session/SessionProvider';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice } from '../ui/ErrorNotice';
import { CloseIcon } from '../ui/icons';
import { chunk, summarizeBulk, type BulkSummary } from './bulk';
import { MAX_BULK, type Selection } from './selection';

type BulkBarProps = Readonly<{
  /** Dossiers: assign or transfer. Complaints: assign (a transfer is a legal decision each). */
  entity: 'dossier' | 'complaint';
  selection: Selection;
  onClear: () => void;
  /** Dossiers that took the action leave the selection; refused ones stay checked. */
  onApplied: (ids: readonly string[]) => void;
  canAct: boolean;
}>;

type BulkAnswer = MethodOutput<'dossiers.actMany'> | MethodOutput<'complaints.actMany'>;

/** The action the form describes, and how to send it for some of the checked records. */
function bulkRequest(
  form: BulkForm,
):
  | { ok: false; errors: FormErrors }
  | { ok: true; send: (client: ApiClient, ids: string[]) => Promise<Result<BulkAnswer>> } {
  if (form.entity === 'dossier') {
    const built = buildDossierAction(form.form);
    if (!built.ok) return built;
    return {
      ok: true,
      send: (client, ids) => call(client, 'dossiers.actMany', { ids, action: built.action }),
    };
  }
  const built = buildComplaintAction(form.form);
  if (!built.ok) return built;
  return {
    ok: true,
    send: (client, ids) => call(client, 'complaints.actMany', { ids, action: built.action }),
  };
}

/** The form being filled, for the grid's entity. */
type BulkForm =
  | { readonly entity: 'dossier'; readonly form: DossierForm }
  | { readonly entity: 'complaint'; readonly form: ComplaintForm };

/**
 * Appears when records are checked: assign (or, for dossiers, transfer) them all at once
 * (dossiers.actMany / complaints.actMany, each through the state machine and the outbox), then
 * lists the ones that refused, with the rule.
 */
export function BulkBar({ entity, selection, onClear, onApplied, canAct }: BulkBarProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const client = useApi();
  const status = useSyncStatus();
  const [form, setForm] = useState<BulkForm | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [summary, setSummary] = useState<BulkSummary | null>(null);
  const count = selection.ids.size;

  const start = (type: 'assign' | 'transfer') => {
    setForm(
      entity === 'dossier'
        ? { entity, form: emptyDossierForm(type) }
        : { entity, form: emptyComplaintForm('assign') },
    );
    setErrors({});
    setFailure(null);
    setSummary(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form || busy) return;
    const request = bulkRequest(form);
    if (!request.ok) return setErrors(request.errors);
    setErrors({});
    setBusy(true);
    setFailure(null);
    const results = [];
    for (const ids of chunk([...selection.ids.keys()], MAX_BULK)) {
      const answer = await request.send(client, ids);
      if (!answer.ok) {
        setFailure(answer.error);
        break;
      }
      results.push(...answer.value.results);
    }
    setBusy(false);
    if (results.length === 0) return;
    const done = summarizeBulk(results, selection.ids);
    setSummary(done);
    setForm(null);
    onApplied(done.appliedIds);
  };

  if (count === 0 && summary === null) return null;

  return (
    <>
      {count > 0 ? (
        <div
          className="bulk-bar"
          role="region"
          aria-label={t('bulk.selected', { count, n: f.number(count) })}
          data-testid="bulk-bar"
        >
          <strong data-testid="bulk-count" data-count={count}>
            {t('bulk.selected', { count, n: f.number(count) })}
          </strong>
          {selection.capped ? (
            <span className="bulk-bar__capped" data-testid="bulk-capped">
              {t('bulk.capped', { max: f.number(MAX_BULK) })}
            </span>
          ) : null}
          <span className="bulk-bar__spacer" />
          {canAct ? (
            <>
              <button
                type="button"
                className="button button--light"
                onClick={() => start('assign')}
                data-testid="bulk-assign"
              >
                {t('bulk.assign')}
              </button>
              {entity === 'dossier' ? (
                <button
                  type="button"
                  className="button button--light"
                  onClick={() => start('transfer')}
                  data-testid="bulk-transfer"
                >
                  {t('bulk.transfer')}
                </button>
              ) : null}
            </>
          ) : null}
          <button
            type="button"
            className="icon-button bulk-bar__clear"
            onClick={onClear}
            aria-label={t('bulk.clear')}
            title={t('bulk.clear')}
            data-testid="bulk-clear"
          >
            <CloseIcon width={16} height={16} />
          </button>
        </div>
      ) : null}
      {form ? (
        <Dialog
          title={form.form.type === 'assign' ? t('bulk.assign') : t('bulk.transfer')}
          description={t('bulk.selected', { count, n: f.number(count) })}
          onClose={() => setForm(null)}
          testId="bulk-dialog"
        >
          <form className="form dialog__body" onSubmit={(event) => void submit(event)} noValidate>
            {/* The checked dossiers may sit in several units: the officer's own unit orders the
                pickers (its officers, its offices first), as that is where bulk work is routed. */}
            {form.entity === 'dossier' ? (
              <DossierActionFields
                form={form.form}
                onChange={(next) => setForm({ entity: 'dossier', form: next })}
                errors={errors}
                dueAt={null}
                unitId={status?.officer?.unitId ?? null}
              />
            ) : (
              <ComplaintActionFields
                form={form.form}
                onChange={(next) => setForm({ entity: 'complaint', form: next })}
                errors={errors}
                unitId={status?.officer?.unitId ?? null}
              />
            )}
            {failure ? <ErrorNotice error={failure} compact /> : null}
            <div className="form__actions">
              <button type="button" className="button button--ghost" onClick={() => setForm(null)}>
                {t('actionForm.cancel')}
              </button>
              <button
                type="submit"
                className="button button--primary"
                disabled={busy}
                data-testid="bulk-submit"
              >
                {busy
                  ? t('bulk.running')
                  : t(entity === 'dossier' ? 'bulk.apply' : 'bulk.applyComplaints', {
                      n: f.number(count),
                    })}
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}
      {summary ? (
        <Dialog title={t('bulk.resultTitle')} onClose={() => setSummary(null)} testId="bulk-result">
          <div className="dialog__body">
            <p
              data-testid="bulk-result-summary"
              data-applied={summary.applied}
              data-refused={summary.refused.length}
            >
              {t(entity === 'dossier' ? 'bulk.result' : 'bulk.resultComplaints', {
                applied: f.number(summary.applied),
                refused: f.number(summary.refused.length),
              })}
            </p>
            {summary.refused.length > 0 ? (
              <>
                <h3 className="panel-section__title">
                  {t(entity === 'dossier' ? 'bulk.refusals' : 'bulk.refusalsComplaints')}
                </h3>
                <ul className="refusals">
                  {summary.refused.map((r) => (
                    <li key={r.id} data-testid="bulk-refusal" data-id={r.id} data-code={r.code}>
                      <span className="mono">{r.label}</span>
                      <span>{'key' in r.reason ? t(r.reason.key) : r.reason.text}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <div className="form__actions">
              <button
                type="button"
                className="button button--primary"
                onClick={() => setSummary(null)}
                data-testid="bulk-result-ok"
              >
                {t('bulk.close')}
              </button>
            </div>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
