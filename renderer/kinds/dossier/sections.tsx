import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DossierDetail } from '@shared/contract/api';
import type { Dossier } from '@shared/model';
import type { Formatter } from '../../format/format';
import { useFormatter } from '../../format/useFormatter';
import { Field, KeyDate, Section } from '../../record/parts';
import { ArrowRightIcon } from '../../ui/icons';

/**
 * A dossier's own sections of the panel: its key dates, everything the national portal records
 * about it (applicant, procedure, summary, processing), its documents, fees, supplement rounds and
 * results. The panel around them (title, actions, deadline meter, history) is the same for every
 * kind (record/RecordPanel.tsx).
 */
export function DossierSections({ detail }: Readonly<{ detail: DossierDetail }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  const { dossier, procedure, unit, assignee } = detail;
  const deadline = detail.deadlineState;
  const orDash = (value: number | null, format: (ms: number) => string) =>
    value === null ? <span className="muted">{t('panel.notSet')}</span> : format(value);

  return (
    <>
      <dl className="key-dates">
        <KeyDate
          label={t('panel.fields.receivedAt')}
          value={orDash(dossier.receivedAt, f.longDateTime)}
        />
        <KeyDate
          label={t('panel.fields.dueAt')}
          value={orDash(dossier.dueAt, f.longDateTime)}
          tone={deadline}
          testId="panel-due"
        />
        <KeyDate
          label={
            dossier.returnedAt !== null
              ? t('panel.fields.returnedAt')
              : t('panel.fields.finishedAt')
          }
          value={orDash(dossier.returnedAt ?? dossier.finishedAt, f.longDateTime)}
        />
      </dl>

      <Section title={t('panel.sections.applicant')} name="applicant">
        <dl className="fields">
          <Field label={t('panel.fields.applicantName')} testId="panel-applicant-name">
            <strong>{dossier.applicantName}</strong>
          </Field>
          <Field label={t('panel.fields.applicantType')}>
            {t(`panel.applicantType.${dossier.applicantType}`)}
          </Field>
          <Field label={t('panel.fields.idNumber')} mono testId="panel-id-number">
            {dossier.applicantIdNumber}
          </Field>
          <Field label={t('panel.fields.phone')} mono testId="panel-phone">
            {dossier.phone}
          </Field>
          <Field label={t('panel.fields.email')} testId="panel-email">
            {dossier.email || <span className="muted">{t('panel.notSet')}</span>}
          </Field>
          <Field label={t('panel.fields.address')} wide testId="panel-address">
            {dossier.address}
          </Field>
        </dl>
      </Section>

      <Section title={t('panel.sections.procedure')} name="procedure">
        <dl className="fields">
          <Field label={t('panel.fields.procedureName')} wide>
            {procedure?.name ?? dossier.procedureName}
          </Field>
          <Field label={t('panel.fields.procedureCode')} mono testId="panel-procedure-code">
            {procedure?.code ?? dossier.procedureCode}
          </Field>
          <Field label={t('panel.fields.field')}>
            {procedure ? `${procedure.fieldName} (${procedure.fieldCode})` : dossier.fieldCode}
          </Field>
          <Field label={t('panel.fields.serviceLevel')}>
            {procedure ? (
              t(`panel.serviceLevel.${procedure.serviceLevel}`)
            ) : (
              <span className="muted">{t('panel.notSet')}</span>
            )}
          </Field>
          <Field label={t('panel.fields.workingDays')}>
            {workingDays(t, f, procedure?.workingDays ?? dossier.workingDays)}
          </Field>
          <Field label={t('panel.fields.channel')}>{t(`panel.channel.${dossier.channel}`)}</Field>
          <Field label={t('panel.fields.filedAt')}>{f.dateTime(dossier.filedAt)}</Field>
        </dl>
      </Section>

      <Section title={t('panel.sections.summary')} name="summary">
        <p className="summary-text">
          {dossier.summary || <span className="muted">{t('panel.notSet')}</span>}
        </p>
      </Section>

      <Section title={t('panel.sections.processing')} name="processing">
        <dl className="fields">
          <Field label={t('panel.fields.unit')} wide>
            {unit ? unit.name : <span className="muted">{dossier.unitId}</span>}
          </Field>
          <Field label={t('panel.fields.assignee')} wide>
            {assignee ? assignee.fullName : <span className="muted">{t('panel.unassigned')}</span>}
          </Field>
        </dl>
      </Section>

      <Section
        title={t('panel.sections.documents')}
        name="documents"
        count={dossier.documents.length}
      >
        <Documents dossier={dossier} />
      </Section>

      <Section title={t('panel.sections.fees')} name="fees" count={dossier.fees.length}>
        <Fees dossier={dossier} />
      </Section>

      <Section
        title={t('panel.sections.supplements')}
        name="supplements"
        count={dossier.supplementRounds.length}
      >
        <Supplements dossier={dossier} />
      </Section>

      <Section
        title={t('panel.sections.results')}
        name="results"
        count={dossier.resultDocuments.length}
      >
        {dossier.resultDocuments.length === 0 ? (
          <p className="muted">{t('panel.results.none')}</p>
        ) : (
          <table className="mini-table">
            <thead>
              <tr>
                <th scope="col">{t('panel.results.name')}</th>
                <th scope="col">{t('panel.results.number')}</th>
              </tr>
            </thead>
            <tbody>
              {dossier.resultDocuments.map((doc, i) => (
                <tr key={`${doc.number}-${i}`}>
                  <td>{doc.name}</td>
                  <td className="mono">{doc.number}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}

function workingDays(t: TFunction, f: Formatter, days: number): string {
  return t('panel.workingDays', { count: days, n: f.number(days) });
}

function Documents({ dossier }: Readonly<{ dossier: Dossier }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  if (dossier.documents.length === 0) return <p className="muted">{t('panel.documents.none')}</p>;
  return (
    <table className="mini-table">
      <thead>
        <tr>
          <th scope="col">{t('panel.documents.name')}</th>
          <th scope="col" className="num">
            {t('panel.documents.copies')}
          </th>
          <th scope="col">{t('panel.documents.kind')}</th>
        </tr>
      </thead>
      <tbody>
        {dossier.documents.map((doc, i) => (
          <tr key={`${doc.name}-${i}`}>
            <td>{doc.name}</td>
            <td className="num">{f.number(doc.copies)}</td>
            <td>
              <span className={`tag${doc.original ? ' tag--strong' : ''}`}>
                {doc.original ? t('panel.documents.original') : t('panel.documents.copy')}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Fees({ dossier }: Readonly<{ dossier: Dossier }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  if (dossier.fees.length === 0) return <p className="muted">{t('panel.fees.none')}</p>;
  const total = dossier.fees.reduce((sum, fee) => sum + fee.amount, 0);
  return (
    <table className="mini-table">
      <thead>
        <tr>
          <th scope="col">{t('panel.fees.name')}</th>
          <th scope="col" className="num">
            {t('panel.fees.amount')}
          </th>
          <th scope="col">{t('panel.fees.state')}</th>
        </tr>
      </thead>
      <tbody>
        {dossier.fees.map((fee, i) => (
          <tr key={`${fee.name}-${i}`}>
            <td>{fee.name}</td>
            <td className="num">{f.money(fee.amount)}</td>
            <td>
              <span className={`tag ${fee.paid ? 'tag--ok' : 'tag--warn'}`}>
                {fee.paid ? t('panel.fees.paid') : t('panel.fees.unpaid')}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
      {dossier.fees.length > 1 ? (
        <tfoot>
          <tr>
            <th scope="row">{t('panel.fees.total')}</th>
            <td className="num">{f.money(total)}</td>
            <td />
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

function Supplements({ dossier }: Readonly<{ dossier: Dossier }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  if (dossier.supplementRounds.length === 0)
    return <p className="muted">{t('panel.supplements.none')}</p>;
  return (
    <ol className="rounds">
      {dossier.supplementRounds.map((round, i) => (
        <li key={round.requestedAt} className="round" data-testid="supplement-round">
          <p className="round__title">
            <strong>{t('panel.supplements.round', { n: f.number(i + 1) })}</strong>
            <span className="muted">
              {t('panel.supplements.requestedAt')}: {f.dateTime(round.requestedAt)}
            </span>
          </p>
          {round.missingDocuments.length > 0 ? (
            <div className="round__block">
              <p className="round__label">{t('panel.supplements.missing')}</p>
              <ul className="round__list">
                {round.missingDocuments.map((doc) => (
                  <li key={doc}>{doc}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {round.reason ? (
            <p className="round__block">
              <span className="round__label">{t('panel.supplements.reason')}: </span>
              {round.reason}
            </p>
          ) : null}
          <p className="round__block">
            <span className="round__label">{t('panel.supplements.receivedAt')}: </span>
            {round.receivedAt !== null ? (
              f.dateTime(round.receivedAt)
            ) : (
              <span className="tag tag--warn">{t('panel.supplements.waiting')}</span>
            )}
          </p>
          {round.previousDueAt !== null || round.newDueAt !== null ? (
            <p className="round__block round__due">
              <span className="round__label">{t('panel.supplements.dueChange')}: </span>
              <span>{round.previousDueAt !== null ? f.dateTime(round.previousDueAt) : '—'}</span>
              <ArrowRightIcon width={14} height={14} />
              <span>{round.newDueAt !== null ? f.dateTime(round.newDueAt) : '—'}</span>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
