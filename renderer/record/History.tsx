import { useTranslation } from 'react-i18next';
import { useFormatter } from '../format/useFormatter';
import { formKey, printedFormKey } from '../i18n/keys';
import type { StatusWords } from '../kinds/kind';
import { ArrowRightIcon, CitizenIcon, LockIcon, PrinterIcon } from '../ui/icons';
import { StatusBadge } from '../ui/StatusBadge';
import type { HistoryItem, StatusRef } from './history';

function FormTag({ form }: Readonly<{ form: string }>) {
  const { t } = useTranslation();
  const key = formKey(form);
  return (
    <span className="tag timeline__form" title={key ? t(`forms.${key}.name`) : undefined}>
      {key ? t(`forms.${key}.short`) : form}
    </span>
  );
}

/** What a print recorded: the form's name, or the name as recorded when the resources lack it. */
function Printed({ form }: Readonly<{ form: string }>) {
  const { t } = useTranslation();
  const key = printedFormKey(form);
  return (
    <p className="timeline__printed" data-testid="history-printed" data-form={form}>
      <PrinterIcon width={13} height={13} />
      {key ? t(key) : form}
    </p>
  );
}

function StatusText({ status, words }: Readonly<{ status: StatusRef; words: StatusWords }>) {
  if ('status' in status) return <StatusBadge status={status.status} words={words} />;
  return <span className="tag">{status.raw}</span>;
}

/** The audit trail, oldest first, in the record kind's words for its statuses. */
export function History({
  items,
  words,
}: Readonly<{ items: readonly HistoryItem[]; words: StatusWords }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  if (items.length === 0) return <p className="muted">{t('panel.history.none')}</p>;
  return (
    <ol className="timeline" data-testid="history-list">
      {items.map((item) => (
        <li
          key={item.id}
          className={`timeline__item timeline__item--${item.visibility}`}
          data-testid="history-entry"
          data-action={item.action}
          data-visibility={item.visibility}
        >
          <span className="timeline__dot" aria-hidden="true" />
          <div className="timeline__head">
            <span className="timeline__action">
              {'key' in item.label ? t(item.label.key) : item.label.text}
            </span>
            {item.form ? <FormTag form={item.form} /> : null}
            <time className="timeline__time" dateTime={new Date(item.at).toISOString()}>
              {f.dateTime(item.at)}
            </time>
          </div>
          <p className="timeline__who">
            <span>{item.officerName ?? t('panel.history.system')}</span>
            {item.unitName ? <span className="muted"> · {item.unitName}</span> : null}
          </p>
          {item.printed ? <Printed form={item.printed} /> : null}
          {item.from !== null || item.to !== null ? (
            <p className="timeline__status" aria-label={t('panel.history.statusChange')}>
              {item.from ? <StatusText status={item.from} words={words} /> : null}
              {item.from && item.to ? (
                <ArrowRightIcon width={14} height={14} className="muted" />
              ) : null}
              {item.to ? <StatusText status={item.to} words={words} /> : null}
            </p>
          ) : null}
          {item.note !== null ? (
            <div className={`note note--${item.visibility}`} data-testid="history-note">
              <span className="note__tag">
                {item.visibility === 'internal' ? (
                  <LockIcon width={13} height={13} />
                ) : (
                  <CitizenIcon width={13} height={13} />
                )}
                {t(`panel.history.visibility.${item.visibility}`)}
              </span>
              <p className="note__text">{item.note}</p>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
