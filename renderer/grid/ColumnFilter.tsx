import { useTranslation } from 'react-i18next';
import { DEADLINE_STATES } from '@shared/model/codes';
import type { UiKind } from '../kinds/kind';
import { FilterIcon } from '../ui/icons';
import { Popover } from '../ui/Popover';
import { statusText } from '../ui/StatusBadge';
import {
  assigneeFilterAvailable,
  deadlineOptions,
  setColumnFilter,
  statusOptions,
  toggleValue,
  type ColumnFilters,
  type RecordFilter,
} from './filters';
import type { ColumnFilterKind } from './table-meta';

type ColumnFilterProps = Readonly<{
  filter: ColumnFilterKind;
  columnId: string;
  columnLabel: string;
  /** The grid's kind: its statuses and their words. */
  kind: UiKind;
  /** The queue's own filter: the options never widen it. */
  base: RecordFilter;
  filters: ColumnFilters;
  onChange: (filters: ColumnFilters) => void;
  signedIn: boolean;
}>;

/** The filter in a column's header, for the fields the contract filters on. */
export function ColumnFilter({
  filter,
  columnId,
  columnLabel,
  kind,
  base,
  filters,
  onChange,
  signedIn,
}: ColumnFilterProps) {
  const { t } = useTranslation();
  const statuses: readonly (string | number)[] = kind.shared.statuses;
  if (filter === 'assignee' && !assigneeFilterAvailable(base)) return null;
  const active =
    filter === 'status'
      ? (filters.status?.length ?? 0) > 0
      : filter === 'deadline'
        ? (filters.deadlineState?.length ?? 0) > 0
        : filter === 'pending'
          ? filters.pendingOnly === true
          : filters.assignee !== undefined;

  const option = (value: string, label: string, checked: boolean, toggle: () => void) => (
    <label key={value} className="check-option">
      <input
        type="checkbox"
        className="checkbox"
        checked={checked}
        onChange={toggle}
        data-testid={`filter-option-${value}`}
      />
      <span>{label}</span>
    </label>
  );

  return (
    <Popover
      label={t('grid.filter.button', { column: columnLabel })}
      button={<FilterIcon width={13} height={13} />}
      buttonClassName="grid__tool"
      active={active}
      testId={`column-filter-${columnId}`}
      align="end"
      panelClassName="menu filter-menu"
    >
      {(close) => (
        <div className="filter-menu__body">
          <p className="menu__title">{t('grid.filter.button', { column: columnLabel })}</p>
          <div className="filter-menu__options">
            {filter === 'status'
              ? statusOptions(base, statuses).map((s) =>
                  option(
                    String(s),
                    statusText(t, kind.status, s),
                    (filters.status ?? []).includes(s),
                    () =>
                      onChange(setColumnFilter(filters, 'status', toggleValue(filters.status, s))),
                  ),
                )
              : null}
            {filter === 'deadline'
              ? deadlineOptions(base, DEADLINE_STATES).map((s) =>
                  option(s, t(`deadline.${s}`), (filters.deadlineState ?? []).includes(s), () =>
                    onChange(
                      setColumnFilter(
                        filters,
                        'deadlineState',
                        toggleValue(filters.deadlineState, s),
                      ),
                    ),
                  ),
                )
              : null}
            {filter === 'pending'
              ? option('pending', t('grid.filter.pendingOnly'), filters.pendingOnly === true, () =>
                  onChange(setColumnFilter(filters, 'pendingOnly', !filters.pendingOnly)),
                )
              : null}
            {filter === 'assignee' ? (
              <div role="radiogroup" aria-label={columnLabel}>
                {(['any', 'unassigned', 'mine'] as const)
                  .filter((v) => v !== 'mine' || signedIn)
                  .map((value) => (
                    <label key={value} className="check-option">
                      <input
                        type="radio"
                        name={`assignee-${columnId}`}
                        checked={(filters.assignee ?? 'any') === value}
                        onChange={() =>
                          onChange(
                            setColumnFilter(
                              filters,
                              'assignee',
                              value === 'any' ? undefined : value,
                            ),
                          )
                        }
                        data-testid={`filter-option-${value}`}
                      />
                      <span>{t(`grid.filter.${value}`)}</span>
                    </label>
                  ))}
              </div>
            ) : null}
          </div>
          {active ? (
            <button
              type="button"
              className="button button--ghost filter-menu__clear"
              onClick={() => {
                const field =
                  filter === 'status'
                    ? 'status'
                    : filter === 'deadline'
                      ? 'deadlineState'
                      : filter === 'pending'
                        ? 'pendingOnly'
                        : 'assignee';
                onChange(setColumnFilter(filters, field, undefined));
                close();
              }}
              data-testid="filter-clear"
            >
              {t('grid.filter.clear')}
            </button>
          ) : null}
        </div>
      )}
    </Popover>
  );
}
