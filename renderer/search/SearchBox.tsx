import {
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit, SearchResult } from '@shared/contract/api';
import { call } from '../api/call';
import { useApi } from '../api/context';
import { useFormatter } from '../format/useFormatter';
import { UI_KINDS, uiKind, type UiKind } from '../kinds';
import { ErrorNotice } from '../ui/ErrorNotice';
import { CloseIcon, SearchIcon } from '../ui/icons';
import { statusText } from '../ui/StatusBadge';
import {
  createLatestSearch,
  groupHits,
  highlightSegments,
  SEARCH_LIMIT,
  type SearchState,
} from './search-model';

export interface SearchBoxHandle {
  focus(): void;
}

type SearchBoxProps = Readonly<{
  /** The officer chose a hit (Enter or click). */
  onOpen: (hit: SearchHit) => void;
  /** Esc on an empty box: back to where the officer was. */
  onLeave: () => void;
  ref?: Ref<SearchBoxHandle>;
}>;

/**
 * One box for dossiers and complaints (Ctrl+F or /): number, name, ID number, phone or text,
 * typed with or without diacritics. Asks the core's FTS5 index as the officer types (debounced,
 * latest answer wins), shows the hits grouped and ranked with the matched parts highlighted on
 * the original Vietnamese text, and opens the chosen one with Enter.
 */
export function SearchBox({ onOpen, onLeave, ref }: SearchBoxProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const client = useApi();
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [text, setText] = useState('');
  const [state, setState] = useState<SearchState<SearchResult>>({ phase: 'idle' });
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const search = useRef<ReturnType<typeof createLatestSearch<SearchResult>> | null>(null);

  useImperativeHandle(ref, () => ({
    focus: () => {
      inputRef.current?.focus();
      inputRef.current?.select();
      setOpen(true);
    },
  }));

  useEffect(() => {
    const latest = createLatestSearch<SearchResult>(
      (query) => call(client, 'search.query', { text: query, limit: SEARCH_LIMIT }),
      (next) => {
        setState(next);
        if (next.phase === 'done') setActive(0);
      },
    );
    search.current = latest;
    return () => {
      latest.dispose();
      search.current = null;
    };
  }, [client]);

  const result =
    state.phase === 'done' ? state.result : state.phase === 'searching' ? state.previous : null;
  const hits = result?.ok ? result.value.hits : [];
  const grouped = groupHits(hits);
  const flat = grouped.flat;
  const showList = open && state.phase !== 'idle';
  const asked = state.phase === 'idle' ? '' : state.text;

  const choose = (hit: SearchHit | undefined) => {
    if (!hit) return;
    setOpen(false);
    onOpen(hit);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        setActive((i) => Math.min(flat.length - 1, i + 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((i) => Math.max(0, i - 1));
        break;
      case 'Enter':
        event.preventDefault();
        if (state.phase === 'searching' && state.previous === null) search.current?.flush();
        choose(flat[active]);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        if (open && text !== '') setOpen(false);
        else {
          setText('');
          search.current?.input('');
          onLeave();
        }
        break;
    }
  };

  const optionId = (i: number) => `${listId}-o${i}`;
  // Each kind's group starts where the groups before it end, in the order ↑ ↓ walk.
  const groupStarts = UI_KINDS.map((_, i) =>
    UI_KINDS.slice(0, i).reduce((n, k) => n + grouped[k.shared.plural].length, 0),
  );
  const renderGroup = (kind: UiKind, offset: number) => {
    const group = grouped[kind.shared.plural];
    const entity = kind.name;
    if (group.length === 0) return null;
    return (
      <li
        key={entity}
        role="presentation"
        className="search__group"
        data-testid={`search-group-${entity}`}
      >
        <p className="search__group-title" id={`${listId}-${entity}`}>
          {t(kind.labels.searchGroup)}
          <span className="count-pill">{f.number(group.length)}</span>
        </p>
        <ul role="group" aria-labelledby={`${listId}-${entity}`}>
          {group.map((hit, n) => {
            const i = offset + n;
            return (
              <li
                key={`${hit.entity}:${hit.id}`}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={`search__hit${i === active ? ' is-active' : ''}`}
                data-testid="search-result"
                data-entity={hit.entity}
                data-id={hit.id}
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => choose(hit)}
              >
                <HitView hit={hit} />
              </li>
            );
          })}
        </ul>
      </li>
    );
  };

  return (
    <div className="search" data-testid="search">
      <div className="search__field">
        <SearchIcon className="search__icon" width={16} height={16} />
        <input
          ref={inputRef}
          className="search__input"
          type="search"
          role="combobox"
          aria-label={t('search.label')}
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && flat.length > 0 ? optionId(active) : undefined}
          placeholder={t('search.placeholder')}
          value={text}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            search.current?.input(event.target.value);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          data-testid="search-box"
        />
        {text !== '' ? (
          <button
            type="button"
            className="search__clear"
            aria-label={t('search.clear')}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              setText('');
              search.current?.input('');
              inputRef.current?.focus();
            }}
            data-testid="search-clear"
          >
            <CloseIcon width={14} height={14} />
          </button>
        ) : null}
      </div>
      {showList ? (
        <div className="search__panel" data-testid="search-results" data-phase={state.phase}>
          {result && !result.ok ? (
            <ErrorNotice error={result.error} compact />
          ) : (
            <>
              <p className="search__status" role="status" data-testid="search-status">
                {state.phase === 'searching' && result === null
                  ? t('search.searching')
                  : result?.ok && hits.length === 0
                    ? t('search.none', { text: asked })
                    : result?.ok
                      ? t('search.took', {
                          n: f.number(hits.length),
                          ms: f.number(Math.round(result.value.tookMs)),
                        })
                      : ''}
                {result?.ok && result.value.truncated ? (
                  <span className="search__truncated"> · {t('search.truncated')}</span>
                ) : null}
              </p>
              <ul
                id={listId}
                role="listbox"
                className="search__list"
                aria-label={t('search.label')}
              >
                {UI_KINDS.map((kind, i) => renderGroup(kind, groupStarts[i] ?? 0))}
              </ul>
              <p className="search__hint">{t('search.hint')}</p>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}

function Marked({
  text,
  ranges,
}: Readonly<{ text: string; ranges: readonly (readonly [number, number])[] }>) {
  return (
    <>
      {highlightSegments(text, ranges as [number, number][]).map((segment, i) =>
        segment.hit ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>,
      )}
    </>
  );
}

function HitView({ hit }: Readonly<{ hit: SearchHit }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  const words = uiKind(hit.entity).status;
  const status =
    words.parse(hit.status) === null ? String(hit.status) : statusText(t, words, hit.status);
  return (
    <>
      <span className="search__hit-main">
        <span className="search__hit-title" data-testid="search-result-title">
          <Marked text={hit.title} ranges={hit.highlights.title} />
        </span>
        <span className="search__hit-number mono">
          <Marked text={hit.number} ranges={hit.highlights.number} />
        </span>
      </span>
      <span className="search__hit-sub">
        <Marked text={hit.subtitle} ranges={hit.highlights.subtitle} />
      </span>
      <span className="search__hit-meta">
        <span>{status}</span>
        {hit.receivedAt !== null ? <span>{f.date(hit.receivedAt)}</span> : null}
        {hit.detail ? (
          <span className="search__hit-detail">
            {t(`search.fields.${hit.detail.field}`)}:{' '}
            <Marked text={hit.detail.text} ranges={hit.detail.ranges} />
          </span>
        ) : null}
      </span>
    </>
  );
}
