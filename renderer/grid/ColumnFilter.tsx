import { useTranslation } from 'react-i18next';
import { COMPLAINT_STATUSES, DEADLINE_STATES, DOSSIER_STATUSES } from '@shared/model/codes';
import { complaintStatusKey, statusKey } from '../i18n/keys';
import { FilterIcon } from '../ui/icons';
import { Popover } from '../ui/Popover';
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
  kind: ColumnFilterKind;
  columnId: string;
  columnLabel: string;
  entity: 'dossier' | 'complaint';
  /** The queue's own filter: the options never widen it. */
  base: RecordFilter;
  filters: ColumnFilters;
  onChange: (filters: ColumnFilters) => void;
  signedIn: boolean;
}>;

/** The filter in a column's header, for the fields the contract filters on. */
export function ColumnFilter({
  kind,
  columnId,
  columnLabel,
  entity,
  base,
  filters,
  onChange,
  signedIn,
}: ColumnFilterProps) {
  const { t } = useTranslation();
  if (kind === 'assignee' && !assigneeFilterAvailable(base)) return null;
  const active =
    kind === 'status'
      ? (filters.status?.length ?? 0) > 0
      : kind === 'deadline'
        ? (filters.deadlineState?.length ?? 0) > 0
        : kind === 'pending'
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
            {kind === 'status'
              ? entity === 'dossier'
                ? statusOptions(base, DOSSIER_STATUSES).map((s) =>
                    option(String(s), t(statusKey(s)), (filters.status ?? []).includes(s), () =>
                      onChange(setColumnFilter(filters, 'status', toggleValue(filters.status, s))),
                    ),
                  )
                : statusOptions(base, COMPLAINT_STATUSES).map((s) => {
                    const key = complaintStatusKey(s);
                    return option(s, key ? t(key) : s, (filters.status ?? []).includes(s), () =>
                      onChange(setColumnFilter(filters, 'status', toggleValue(filters.status, s))),
                    );
                  })
              : null}
            {kind === 'deadline'
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
            {kind === 'pending'
              ? option('pending', t('grid.filter.pendingOnly'), filters.pendingOnly === true, () =>
                  onChange(setColumnFilter(filters, 'pendingOnly', !filters.pendingOnly)),
                )
              : null}
            {kind === 'assignee' ? (
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
                  kind === 'status'
                    ? 'status'
                    : kind === 'deadline'
                      ? 'deadlineState'
                      : kind === 'pending'
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
