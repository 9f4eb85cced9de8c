import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../ui/Dialog';
import { SearchIcon } from '../ui/icons';
import type { PaletteItem } from '../commands/registry';
import { markPositions, rankByLabel } from './match';

/** A command as listed: its id becomes the item's data-command-id ("queue:due_soon"). */
type PaletteCommand = PaletteItem;

const GROUP_ORDER: readonly PaletteCommand['group'][] = ['actions', 'queues', 'app'];

/**
 * Ctrl+K: every queue, every action allowed on the open record and the app's own commands (the
 * registry's palette items, commands/registry.ts), matched as the officer types, without
 * diacritics ("phan cong" finds "Phân công").
 */
export function CommandPalette({
  commands,
  onClose,
}: Readonly<{ commands: readonly PaletteCommand[]; onClose: () => void }>) {
  const { t } = useTranslation();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const ranked = rankByLabel(commands, query, (c) => c.label);
  // With nothing typed, commands stay in their groups; typed, the best match comes first.
  const ordered =
    query.trim() === ''
      ? GROUP_ORDER.flatMap((g) => ranked.filter((r) => r.item.group === g))
      : ranked;
  const current = Math.min(active, Math.max(0, ordered.length - 1));

  const run = (command: PaletteCommand | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive(Math.min(ordered.length - 1, current + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(Math.max(0, current - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(ordered[current]?.item);
    }
  };

  // Group headings only while nothing is typed (then the list is in group order).
  const headingAt = new Set(
    query.trim() === ''
      ? ordered.flatMap((r, i) =>
          i === 0 || ordered[i - 1]?.item.group !== r.item.group ? [i] : [],
        )
      : [],
  );
  return (
    <Dialog
      title={t('palette.label')}
      onClose={onClose}
      testId="palette"
      bare
      className="dialog--palette"
    >
      <div className="palette">
        <div className="palette__field">
          <SearchIcon width={18} height={18} />
          <input
            className="palette__input"
            role="combobox"
            aria-expanded="true"
            aria-controls={listId}
            aria-activedescendant={ordered.length > 0 ? `${listId}-${current}` : undefined}
            aria-label={t('palette.label')}
            placeholder={t('palette.placeholder')}
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            autoFocus
            spellCheck={false}
            autoComplete="off"
            data-testid="palette-input"
          />
        </div>
        <ul id={listId} role="listbox" className="palette__list" aria-label={t('palette.label')}>
          {ordered.length === 0 ? (
            <li className="palette__empty" role="presentation" data-testid="palette-empty">
              {t('palette.empty')}
            </li>
          ) : null}
          {ordered.map(({ item, match }, i) => {
            const heading = headingAt.has(i) ? (
              <li key={`g-${item.group}`} role="presentation" className="palette__group">
                {t(`palette.groups.${item.group}`)}
              </li>
            ) : null;
            return [
              heading,
              <li
                key={item.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === current}
                className={`palette__item${i === current ? ' is-active' : ''}`}
                onMouseEnter={() => setActive(i)}
                onClick={() => run(item)}
                data-testid="palette-item"
                data-command-id={item.id}
              >
                <span className="palette__label">
                  {markPositions(item.label, match.positions).map((run, k) =>
                    run.hit ? <mark key={k}>{run.text}</mark> : <span key={k}>{run.text}</span>,
                  )}
                </span>
                {query.trim() !== '' ? (
                  <span className="palette__group-tag">{t(`palette.groups.${item.group}`)}</span>
                ) : null}
                {item.hint ? <kbd className="palette__hint">{item.hint}</kbd> : null}
              </li>,
            ];
          })}
        </ul>
      </div>
    </Dialog>
  );
}
