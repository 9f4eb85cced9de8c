import { useEffect, useId, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '@shared/contract/api';
import { COMPLAINT_DEADLINE_DAYS } from '@shared/domain/complaint-machine';
import { ActionSection, type OpenForm } from '../actions/ActionSection';
import { directory } from '../actions/directory';
import { DeadlineMeter } from '../dossier/DeadlineMeter';
import { workingDaysMs } from '../dossier/deadline-meter';
import { complaintTransfers, describeHistory } from '../dossier/history';
import { Field, History, KeyDate, Section } from '../dossier/parts';
import { useFormatter } from '../format/useFormatter';
import { ComplaintStatusBadge } from '../ui/ComplaintStatusBadge';
import { ErrorNotice } from '../ui/ErrorNotice';
import { ArrowRightIcon, CheckIcon, CloseIcon, UploadCloudIcon } from '../ui/icons';
import { answerStage, answerSteps } from './answer-stage';
import { useComplaintDetail } from './useComplaintDetail';

type PanelProps = Readonly<{
  id: string;
  onClose: () => void;
  signedIn: boolean;
  requested: OpenForm | null;
  onRequestedUsed: () => void;
}>;

const DAYS_BY_KIND = {
  refuse: COMPLAINT_DEADLINE_DAYS.refuse,
  request_info: COMPLAINT_DEADLINE_DAYS.requestInfo,
  transfer: COMPLAINT_DEADLINE_DAYS.transfer,
  answer: COMPLAINT_DEADLINE_DAYS.answer,
  publish: COMPLAINT_DEADLINE_DAYS.publish,
} as const;

/**
 * A complaint (PAKN) beside the grid: the actions allowed now, its scorecard deadline, the
 * sender and content, classification and transfers, the answer's way from draft through a
 * leader's approval to publication, and the full history.
 */
export function ComplaintPanel({ id, onClose, signedIn, requested, onRequestedUsed }: PanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const { result, loading, reload } = useComplaintDetail(id);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
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
      <ComplaintContent
        detail={result.value}
        titleId={titleId}
        actions={
          <ActionSection
            entity="complaint"
            id={id}
            version={result.value.complaint.version}
            signedIn={signedIn}
            requested={requested}
            onRequestedUsed={onRequestedUsed}
            dueAt={result.value.complaint.dueAt}
            currentAnswer={result.value.complaint.answer}
            unitId={result.value.complaint.unitId}
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
      data-testid="complaint-panel"
      data-complaint-id={id}
      onKeyDown={onKeyDown}
    >
      <div className="panel__bar">
        <p className="panel__eyebrow">{t('complaintPanel.label')}</p>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          aria-label={t('panel.close')}
          title={`${t('panel.close')} (Esc)`}
          data-testid="complaint-panel-close"
        >
          <CloseIcon />
        </button>
      </div>
      {result?.ok ? null : (
        <h2 id={titleId} className="visually-hidden">
          {t('complaintPanel.label')}
        </h2>
      )}
      {body}
    </aside>
  );
}

function ComplaintContent({
  detail,
  titleId,
  actions,
}: Readonly<{ detail: ComplaintDetail; titleId: string; actions: ReactNode }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  const { complaint: c, unit, assignee, deadline, deadlineState } = detail;
  const history = describeHistory(detail.history, 'complaint');
  const transfers = complaintTransfers(detail.history);
  const stage = answerStage(c);

  useEffect(() => {
    directory.remember({ unit, officer: assignee });
  }, [unit, assignee]);

  return (
    <>
      <header className="panel__header">
        <h2 id={titleId} className="panel__title" data-testid="panel-number">
          {c.number}
        </h2>
        <p className="panel__subtitle" data-testid="complaint-title">
          {c.title}
        </p>
        <div className="panel__chips" data-testid="panel-status">
          <ComplaintStatusBadge status={c.status} />
          <span
            className={`deadline-chip deadline-chip--${deadlineState}`}
            data-testid="panel-deadline"
          >
            {t(`deadline.${deadlineState}`)}
          </span>
          {detail.pending ? (
            <span className="deadline-chip deadline-chip--pending" data-testid="panel-pending">
              <UploadCloudIcon width={13} height={13} />
              {t('grid.pending')}
            </span>
          ) : null}
        </div>
      </header>
      <div className="panel__scroll">
        <div className="panel__actions">{actions}</div>
        <DeadlineMeter
          state={deadlineState}
          workingMsLeft={detail.workingMsLeft}
          totalMs={deadline ? workingDaysMs(DAYS_BY_KIND[deadline.kind]) : 0}
          dueAt={deadline?.dueAt ?? null}
          dueLabel={deadline ? t(`complaintPanel.deadlineKind.${deadline.kind}`) : undefined}
          testId="panel-meter"
        />

        <Section title={t('complaintPanel.sections.sender')} name="sender">
          <dl className="fields">
            <Field label={t('complaintPanel.fields.senderName')} testId="panel-sender-name">
              <strong>{c.senderName}</strong>
            </Field>
            <Field label={t('complaintPanel.fields.channel')}>
              {t(`complaintChannel.${c.channel}`)}
            </Field>
            <Field label={t('complaintPanel.fields.phone')} mono>
              {c.senderPhone || <span className="muted">{t('panel.notSet')}</span>}
            </Field>
            <Field label={t('complaintPanel.fields.email')}>
              {c.senderEmail || <span className="muted">{t('panel.notSet')}</span>}
            </Field>
            <Field label={t('complaintPanel.fields.address')} wide>
              {c.senderAddress || <span className="muted">{t('panel.notSet')}</span>}
            </Field>
            <Field label={t('complaintPanel.fields.receivedAt')}>{f.dateTime(c.receivedAt)}</Field>
          </dl>
        </Section>

        <Section title={t('complaintPanel.sections.content')} name="content">
          <p className="content-title">{c.title}</p>
          <p className="summary-text" data-testid="complaint-content">
            {c.content}
          </p>
        </Section>

        <Section title={t('complaintPanel.sections.handling')} name="handling">
          <dl className="fields">
            <Field label={t('complaintPanel.fields.classification')} wide>
              {c.classification === null ? (
                <span className="muted">{t('classification.none')}</span>
              ) : (
                t(`classification.${c.classification}`)
              )}
            </Field>
            <Field label={t('complaintPanel.fields.unit')} wide>
              {unit ? unit.name : <span className="muted">{c.unitId}</span>}
            </Field>
            <Field label={t('complaintPanel.fields.assignee')} wide>
              {assignee ? (
                assignee.fullName
              ) : (
                <span className="muted">{t('panel.unassigned')}</span>
              )}
            </Field>
          </dl>
        </Section>

        <Section
          title={t('complaintPanel.sections.transfers')}
          name="transfers"
          count={transfers.length}
        >
          {transfers.length === 0 ? (
            <p className="muted">{t('complaintPanel.transfers.none')}</p>
          ) : (
            <ol className="rounds">
              {transfers.map((item) => (
                <li key={item.id} className="round" data-testid="complaint-transfer">
                  <p className="round__title">
                    <strong>
                      {t('complaintPanel.transfers.to', {
                        recipient: item.recipient ?? item.toUnitId ?? '—',
                      })}
                    </strong>
                    <span className="muted">{f.dateTime(item.at)}</span>
                  </p>
                  {item.classification === 'staff_conduct' ||
                  item.classification === 'outside_authority' ? (
                    <p className="round__block">{t(`classification.${item.classification}`)}</p>
                  ) : null}
                  {item.note ? <p className="round__block">{item.note}</p> : null}
                </li>
              ))}
            </ol>
          )}
        </Section>

        <Section title={t('complaintPanel.sections.answer')} name="answer">
          <ol className="stepper" aria-label={t('complaintPanel.sections.answer')}>
            {answerSteps(stage).map(({ step, state }) => (
              <li key={step} className={`stepper__step stepper__step--${state}`} data-state={state}>
                <span className="stepper__dot" aria-hidden="true">
                  {state === 'done' ? <CheckIcon width={12} height={12} /> : null}
                </span>
                {t(`complaintPanel.answer.steps.${step}`)}
                {step !== 'publish' ? (
                  <ArrowRightIcon className="stepper__arrow" width={12} height={12} />
                ) : null}
              </li>
            ))}
          </ol>
          <p
            className={`answer-stage answer-stage--${stage}`}
            data-testid="answer-stage"
            data-stage={stage}
          >
            {t(`complaintPanel.answer.${stage}`)}
          </p>
          {c.answer ? (
            <blockquote className="answer-text" data-testid="complaint-answer">
              {c.answer}
            </blockquote>
          ) : null}
          <dl className="key-dates key-dates--inline">
            {c.approvedAt !== null ? (
              <KeyDate
                label={t('complaintPanel.fields.approvedAt')}
                value={f.dateTime(c.approvedAt)}
              />
            ) : null}
            {c.publishedAt !== null ? (
              <KeyDate
                label={t('complaintPanel.fields.publishedAt')}
                value={f.dateTime(c.publishedAt)}
              />
            ) : null}
          </dl>
        </Section>

        <Section title={t('complaintPanel.sections.history')} name="history" count={history.length}>
          <History items={history} />
        </Section>
      </div>
    </>
  );
}
