import { useEffect, useId, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionSection } from '../actions/ActionSection';
import { directory } from '../actions/directory';
import { useFormatter } from '../format/useFormatter';
import type { DetailBase, FormRequest, UiKind } from '../kinds/kind';
import type { OpenRecord } from '../app/workbench-state';
import type { PrintTarget } from '../print/print-model';
import { ErrorNotice } from '../ui/ErrorNotice';
import { CloseIcon, UploadCloudIcon } from '../ui/icons';
import { StatusBadge } from '../ui/StatusBadge';
import { DeadlineMeter } from './DeadlineMeter';
import { describeHistory } from './history';
import { History } from './History';
import { Section } from './parts';
import { useRecordDetail } from './useRecordDetail';

type RecordPanelProps = Readonly<{
  kind: UiKind;
  id: string;
  onClose: () => void;
  signedIn: boolean;
  /** A form to open at once (redo a refused change, an action from the palette). */
  request: FormRequest | null;
  onRequestUsed: () => void;
  /** Opens the print preview of a form (offered after the action that hands it out). */
  onPrint?: (target: PrintTarget) => void;
  /** An action form opened on the record, or closed (the workbench keeps the panel on it). */
  onFormShown?: (record: OpenRecord | null) => void;
}>;

/**
 * The open record beside the grid, whatever its kind: the actions the officer may take now (each
 * with its form), the deadline meter, the kind's own sections, then the full audit trail.
 */
export function RecordPanel({
  kind,
  id,
  onClose,
  signedIn,
  request,
  onRequestUsed,
  onPrint,
  onFormShown,
}: RecordPanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const { result, loading, reload } = useRecordDetail(kind, id);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // A control inside that used Esc itself (a menu, a form) keeps the panel open.
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      onClose();
    }
  };

  let body: ReactNode;
  if (result === null || (loading && !result.ok)) {
    body = (
      <div className="panel__state" data-testid="panel-loading" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('panel.loading')}
      </div>
    );
  } else if (!result.ok) {
    body = (
      <div className="panel__state" data-testid="panel-error">
        <ErrorNotice error={result.error} onRetry={reload} />
      </div>
    );
  } else {
    body = (
      <RecordContent
        kind={kind}
        detail={result.value}
        titleId={titleId}
        actions={
          <ActionSection
            key={id}
            kind={kind}
            record={kind.record(result.value)}
            detail={result.value}
            signedIn={signedIn}
            request={request}
            onRequestUsed={onRequestUsed}
            {...(onPrint ? { onPrint } : {})}
            shownId={id}
            {...(onFormShown ? { onFormShown } : {})}
          />
        }
      />
    );
  }

  return (
    <aside
      className="panel"
      aria-labelledby={titleId}
      aria-busy={loading}
      data-testid={`${kind.name}-panel`}
      {...{ [`data-${kind.name}-id`]: id }}
      onKeyDown={onKeyDown}
    >
      <div className="panel__bar">
        <p className="panel__eyebrow">{t(kind.labels.panel)}</p>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          aria-label={t('panel.close')}
          title={`${t('panel.close')} (Esc)`}
          data-testid={`${kind.name}-panel-close`}
        >
          <CloseIcon />
        </button>
      </div>
      {result?.ok ? null : (
        <h2 id={titleId} className="visually-hidden">
          {t(kind.labels.panel)}
        </h2>
      )}
      {body}
    </aside>
  );
}

function RecordContent({
  kind,
  detail,
  titleId,
  actions,
}: Readonly<{ kind: UiKind; detail: DetailBase; titleId: string; actions: ReactNode }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  const record = kind.record(detail);
  const subtitle = kind.subtitle(detail);
  const { unit, assignee } = detail;
  const history = describeHistory(detail.history, kind.name);

  useEffect(() => {
    directory.remember({ unit, officer: assignee });
  }, [unit, assignee]);

  return (
    <>
      <header className="panel__header">
        <h2 id={titleId} className="panel__title" data-testid="panel-number">
          {record.number}
        </h2>
        <p className="panel__subtitle" data-testid={subtitle.testId}>
          {subtitle.text}
        </p>
        <div className="panel__chips" data-testid="panel-status">
          <StatusBadge status={record.status} words={kind.status} />
          {kind.chips(detail, t, f).map((chip) => (
            <span
              key={chip.key}
              className={`deadline-chip${chip.tone === null ? '' : ` deadline-chip--${chip.tone}`}`}
              data-testid={chip.testId}
            >
              {chip.pendingIcon ? <UploadCloudIcon width={13} height={13} /> : null}
              {chip.text}
            </span>
          ))}
        </div>
      </header>
      <div className="panel__scroll">
        <div className="panel__actions">{actions}</div>
        <DeadlineMeter {...kind.meter(detail, t)} testId="panel-meter" />
        {kind.sections(detail)}
        <Section title={t('panel.sections.history')} name="history" count={history.length}>
          <History items={history} words={kind.status} />
        </Section>
      </div>
    </>
  );
}
