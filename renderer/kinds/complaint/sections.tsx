import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '@shared/contract/api';
import { useFormatter } from '../../format/useFormatter';
import { Field, KeyDate, Section } from '../../record/parts';
import { ArrowRightIcon, CheckIcon } from '../../ui/icons';
import { answerStage, answerSteps } from './answer-stage';
import { complaintTransfers } from './transfers';

/**
 * A complaint's own sections of the panel (PAKN): the sender and content, classification and
 * transfers, and the answer's way from draft through a leader's approval to publication. The
 * panel around them is every kind's (record/RecordPanel.tsx).
 */
export function ComplaintSections({ detail }: Readonly<{ detail: ComplaintDetail }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  const { complaint: c, unit, assignee } = detail;
  const transfers = complaintTransfers(detail.history);
  const stage = answerStage(c);

  return (
    <>
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
            {assignee ? assignee.fullName : <span className="muted">{t('panel.unassigned')}</span>}
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
    </>
  );
}
