import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '@shared/contract/envelope';
import { useApi } from '../api/context';
import type { FormErrors } from '../actions/form-values';
import { actMany } from '../kinds/contract';
import type { BulkActionType, KindForm, UiKind } from '../kinds/kind';
import { useFormatter } from '../format/useFormatter';
import { useSyncStatus } from '../session/SessionProvider';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice } from '../ui/ErrorNotice';
import { CloseIcon } from '../ui/icons';
import { chunk, summarizeBulk, type BulkSummary } from './bulk';
import { MAX_BULK, type Selection } from './selection';

type BulkBarProps = Readonly<{
  /** The grid's kind: which actions it offers in bulk, how its forms are built and sent. */
  kind: UiKind;
  selection: Selection;
  onClear: () => void;
  /** Records that took the action leave the selection; refused ones stay checked. */
  onApplied: (ids: readonly string[]) => void;
  canAct: boolean;
}>;

/**
 * Appears when records are checked: the kind's bulk actions (assign, for dossiers also transfer)
 * on them all at once (`<plural>.actMany`, each through the state machine and the outbox), then
 * lists the ones that refused, with the rule.
 */
export function BulkBar({ kind, selection, onClear, onApplied, canAct }: BulkBarProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const client = useApi();
  const status = useSyncStatus();
  const [open, setOpen] = useState<{ action: BulkActionType; form: KindForm } | null>(null);
  const form = open?.form ?? null;
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [summary, setSummary] = useState<BulkSummary | null>(null);
  const count = selection.ids.size;

  const start = (action: BulkActionType) => {
    const empty = kind.emptyForm(action, null);
    setOpen(empty ? { action, form: empty } : null);
    setErrors({});
    setFailure(null);
    setSummary(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form || busy) return;
    const built = kind.buildAction(form, null, null);
    if (!built.ok) return setErrors(built.errors);
    setErrors({});
    setBusy(true);
    setFailure(null);
    const results = [];
    for (const ids of chunk([...selection.ids.keys()], MAX_BULK)) {
      const answer = await actMany(client, kind.shared.plural, ids, built.action);
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
    setOpen(null);
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
              {kind.bulkActions.map((type) => (
                <button
                  key={type}
                  type="button"
                  className="button button--light"
                  onClick={() => start(type)}
                  data-testid={`bulk-${type}`}
                >
                  {t(`bulk.${type}`)}
                </button>
              ))}
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
      {open && form ? (
        <Dialog
          title={t(`bulk.${open.action}`)}
          description={t('bulk.selected', { count, n: f.number(count) })}
          onClose={() => setOpen(null)}
          testId="bulk-dialog"
        >
          <form className="form dialog__body" onSubmit={(event) => void submit(event)} noValidate>
            {/* The checked records may sit in several units: the officer's own unit orders the
                pickers (its officers, its offices first), as that is where bulk work is routed. */}
            {kind.fields({
              form,
              onChange: (next) => setOpen({ ...open, form: next }),
              errors,
              record: null,
              detail: null,
              unitId: status?.officer?.unitId ?? null,
            })}
            {failure ? <ErrorNotice error={failure} compact /> : null}
            <div className="form__actions">
              <button type="button" className="button button--ghost" onClick={() => setOpen(null)}>
                {t('actionForm.cancel')}
              </button>
              <button
                type="submit"
                className="button button--primary"
                disabled={busy}
                data-testid="bulk-submit"
              >
                {busy ? t('bulk.running') : t(kind.labels.bulkApply, { n: f.number(count) })}
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
              {t(kind.labels.bulkResult, {
                applied: f.number(summary.applied),
                refused: f.number(summary.refused.length),
              })}
            </p>
            {summary.refused.length > 0 ? (
              <>
                <h3 className="panel-section__title">{t(kind.labels.bulkRefusals)}</h3>
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
