import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '@shared/contract/api';
import { useKnownDirectory } from '../actions/directory';
import { call } from '../api/call';
import { useApi } from '../api/context';
import type { Result } from '../api/result';
import { useFormatter } from '../format/useFormatter';
import { useSyncStatus } from '../session/SessionProvider';
import { Dialog } from '../ui/Dialog';
import { ErrorNotice } from '../ui/ErrorNotice';
import {
  describeNotice,
  redoForm,
  sortNotices,
  type Label,
  type ServerField,
} from './notice-model';

type NoticesDialogProps = Readonly<{
  onClose: () => void;
  /** Reopen the record with the action's form prefilled. */
  onRedo: (notice: Notice) => void;
}>;

/**
 * Changes the central API refused or found in conflict: what was tried, why (the rule, in
 * words), the server's version; "Làm lại" reopens the form on the current record, "Bỏ qua"
 * dismisses the notice.
 */
export function NoticesDialog({ onClose, onRedo }: NoticesDialogProps) {
  const { t } = useTranslation();
  const client = useApi();
  const status = useSyncStatus();
  const [result, setResult] = useState<Result<Notice[]> | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const count = status?.notices ?? 0;

  const load = useCallback(() => {
    let current = true;
    void call(client, 'sync.notices', { includeDismissed: false }).then((answer) => {
      if (current) setResult(answer);
    });
    return () => {
      current = false;
    };
  }, [client]);

  // Reloaded whenever the engine's count of open notices changes.
  useEffect(() => load(), [load, count]);

  const dismiss = async (id: string) => {
    setBusy(id);
    const answer = await call(client, 'sync.dismissNotice', { id });
    setBusy(null);
    if (answer.ok) {
      setResult((current) =>
        current?.ok ? { ok: true, value: current.value.filter((n) => n.id !== id) } : current,
      );
    }
  };

  const notices = result?.ok ? sortNotices(result.value) : [];

  return (
    <Dialog
      title={t('notices.title')}
      description={t('notices.hint')}
      onClose={onClose}
      testId="notices"
      size="wide"
    >
      <div className="dialog__body">
        {result === null ? (
          <p className="muted" role="status">
            <span className="spinner" aria-hidden="true" /> {t('panel.loading')}
          </p>
        ) : !result.ok ? (
          <ErrorNotice error={result.error} onRetry={load} />
        ) : notices.length === 0 ? (
          <p className="empty-line" data-testid="notices-empty">
            {t('notices.empty')}
          </p>
        ) : (
          <ol className="notices" data-testid="notices-list">
            {notices.map((notice) => (
              <NoticeItem
                key={notice.id}
                notice={notice}
                busy={busy === notice.id}
                onDismiss={() => void dismiss(notice.id)}
                onRedo={() => onRedo(notice)}
              />
            ))}
          </ol>
        )}
      </div>
    </Dialog>
  );
}

function NoticeItem({
  notice,
  busy,
  onDismiss,
  onRedo,
}: Readonly<{ notice: Notice; busy: boolean; onDismiss: () => void; onRedo: () => void }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  const view = describeNotice(notice);
  const text = <K extends string>(label: Label<K>, translate: (key: K) => string) =>
    'key' in label ? translate(label.key) : label.text;
  const canRedo = redoForm(notice) !== null;
  return (
    <li
      className="notice"
      data-testid="notice"
      data-notice-id={notice.id}
      data-code={notice.code}
      data-entity={notice.entity}
      data-record-id={notice.recordId}
    >
      <div className="notice__head">
        <strong className="notice__record">
          {t(`notices.record.${view.entity}`, { number: view.number ?? view.recordId })}
        </strong>
        <span className="muted">{t('notices.at', { time: f.dateTime(view.createdAt) })}</span>
      </div>
      <dl className="notice__facts">
        <div>
          <dt>{t('notices.tried')}</dt>
          <dd data-testid="notice-tried">
            {text(view.tried, (key) => t(key))}
            {view.triedText ? <span className="notice__quote">“{view.triedText}”</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('notices.why')}</dt>
          <dd className="notice__why" data-testid="notice-reason" data-code={view.code}>
            {text(view.why, (key) => t(key))}
          </dd>
        </div>
        <div>
          <dt>{t('notices.server')}</dt>
          <dd data-testid="notice-server">
            {view.server === null ? (
              <span className="muted">{t('notices.noServer')}</span>
            ) : (
              <ServerVersion fields={view.server} />
            )}
          </dd>
        </div>
      </dl>
      <div className="notice__actions">
        {canRedo ? (
          <button
            type="button"
            className="button button--primary"
            onClick={onRedo}
            data-testid="notice-redo"
          >
            {t('notices.redo')}
          </button>
        ) : null}
        <button
          type="button"
          className="button button--secondary"
          onClick={onDismiss}
          disabled={busy}
          data-testid="notice-dismiss"
        >
          {t('notices.dismiss')}
        </button>
      </div>
    </li>
  );
}

function ServerVersion({ fields }: Readonly<{ fields: readonly ServerField[] }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  const known = useKnownDirectory();
  const nameOf = (list: readonly { id: string; name: string }[], id: string) =>
    list.find((entry) => entry.id === id)?.name ?? id;
  return (
    <dl className="server-version">
      {fields.map((field) => {
        let value: string;
        switch (field.field) {
          case 'status':
            value = 'key' in field.status ? t(field.status.key) : field.status.text;
            break;
          case 'assignee':
            value = field.id === null ? t('grid.unassigned') : nameOf(known.officers, field.id);
            break;
          case 'unit':
            value = field.id === null ? '—' : nameOf(known.units, field.id);
            break;
          case 'dueAt':
          case 'updatedAt':
            value = field.at === null ? '—' : f.dateTime(field.at);
            break;
          case 'version':
            value = f.number(field.version);
            break;
        }
        return (
          <div key={field.field} data-field={field.field}>
            <dt>{t(`notices.fields.${field.field}`)}</dt>
            <dd>{value}</dd>
          </div>
        );
      })}
    </dl>
  );
}
