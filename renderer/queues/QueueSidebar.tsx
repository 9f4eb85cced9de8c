import { useTranslation } from 'react-i18next';
import { useFormatter } from '../format/useFormatter';
import { UI_KINDS } from '../kinds';
import { ErrorNotice } from '../ui/ErrorNotice';
import { SaveIcon, TrashIcon } from '../ui/icons';
import type { QueueItem } from './queue-model';
import type { QueuesState } from './useQueues';

type QueueSidebarProps = Readonly<{
  queues: QueuesState;
  selectedId: string;
  onSelect: (queue: QueueItem) => void;
  /** The open view differs from the saved one (sort, filters, columns). */
  modified: boolean;
  onSave: () => void;
  onDelete: (queue: QueueItem) => void;
  canSave: boolean;
  /** False while the first sync fills the store: counts would count a store half full. */
  countsReady?: boolean;
}>;

/** The queues on the left, by kind, with live counts; the officer's own views below. */
export function QueueSidebar({
  queues,
  selectedId,
  onSelect,
  modified,
  onSave,
  onDelete,
  canSave,
  countsReady = true,
}: QueueSidebarProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const name = (queue: QueueItem) => (queue.nameKey ? t(queue.nameKey) : queue.name);

  const item = (queue: QueueItem) => {
    const selected = queue.id === selectedId;
    return (
      <li key={queue.id} className="queues__row">
        <button
          type="button"
          className={`queue${selected ? ' is-selected' : ''}`}
          aria-current={selected ? 'page' : undefined}
          onClick={() => onSelect(queue)}
          data-testid="queue-item"
          data-queue-id={queue.id}
          data-entity={queue.view.entity}
          data-count={countsReady ? (queue.count ?? '') : ''}
        >
          <span className="queue__name">{name(queue)}</span>
          {selected && modified ? (
            <span
              className="queue__modified"
              title={t('queueList.modified')}
              aria-label={t('queueList.modified')}
            >
              •
            </span>
          ) : null}
          {countsReady ? (
            <span className="queue__count" data-testid="queue-count">
              {queue.count === null ? '…' : f.number(queue.count)}
            </span>
          ) : (
            <span
              className="queue__count queue__count--later"
              data-testid="queue-count"
              title={t('sync.initialCountsLater')}
              aria-label={t('sync.initialCountsLater')}
            >
              …
            </span>
          )}
        </button>
        {queue.kind === 'custom' ? (
          <button
            type="button"
            className="icon-button queue__delete"
            onClick={() => onDelete(queue)}
            aria-label={t('queueList.delete', { name: name(queue) })}
            title={t('queueList.delete', { name: name(queue) })}
            data-testid="queue-delete"
          >
            <TrashIcon width={14} height={14} />
          </button>
        ) : null}
      </li>
    );
  };

  return (
    <nav className="queues" aria-label={t('queueList.title')} data-testid="queues">
      <h2 className="queues__title">{t('queueList.title')}</h2>
      {queues.error ? (
        <div className="queues__warning" data-testid="queues-error">
          <p>{t('queueList.unavailable')}</p>
          <ErrorNotice error={queues.error} compact />
        </div>
      ) : null}
      {UI_KINDS.map((kind) => (
        <section key={kind.name} className="queues__group" aria-label={t(kind.labels.queueGroup)}>
          <h3 className="queues__group-title">{t(kind.labels.queueGroup)}</h3>
          <ul>{queues.groups[kind.shared.plural].map(item)}</ul>
        </section>
      ))}
      {queues.groups.custom.length > 0 ? (
        <section className="queues__group" aria-label={t('queueList.custom')}>
          <h3 className="queues__group-title">{t('queueList.custom')}</h3>
          <ul>{queues.groups.custom.map(item)}</ul>
        </section>
      ) : null}
      <div className="queues__footer">
        <button
          type="button"
          className="button button--secondary queues__save"
          onClick={onSave}
          disabled={!canSave}
          title={canSave ? t('queueList.saveHint') : t('queueList.signInToSave')}
          data-testid="save-view"
        >
          <SaveIcon width={15} height={15} />
          {t('queueList.save')}
        </button>
      </div>
    </nav>
  );
}
