import { useTranslation } from 'react-i18next';
import { activeFields, setColumnFilter, type ColumnFilters } from '../../grid/filters';
import type { UiKind } from '../../kinds/kind';
import { CloseIcon } from '../../ui/icons';
import { statusText } from '../../ui/StatusBadge';

/** The column filters in force, each as a chip that clears it, and a way to clear them all. */
export function FilterBar({
  kind,
  filters,
  onChange,
}: Readonly<{ kind: UiKind; filters: ColumnFilters; onChange: (filters: ColumnFilters) => void }>) {
  const { t } = useTranslation();
  const fields = activeFields(filters);
  if (fields.length === 0) return null;
  return (
    <div className="filter-bar" data-testid="filter-bar">
      <span className="filter-bar__label">{t('grid.filter.active')}:</span>
      {fields.map((field) => (
        <FilterChip
          key={field}
          field={field}
          filters={filters}
          kind={kind}
          onClear={() => onChange(setColumnFilter(filters, field, undefined))}
        />
      ))}
      <button
        type="button"
        className="button button--ghost"
        onClick={() => onChange({})}
        data-testid="filter-clear-all"
      >
        {t('grid.filter.clearAll')}
      </button>
    </div>
  );
}

function FilterChip({
  field,
  filters,
  kind,
  onClear,
}: Readonly<{
  field: keyof ColumnFilters;
  filters: ColumnFilters;
  kind: UiKind;
  onClear: () => void;
}>) {
  const { t } = useTranslation();
  let text: string;
  switch (field) {
    case 'status':
      text = (filters.status ?? []).map((s) => statusText(t, kind.status, s)).join(', ');
      break;
    case 'deadlineState':
      text = (filters.deadlineState ?? []).map((s) => t(`deadline.${s}`)).join(', ');
      break;
    case 'pendingOnly':
      text = t('grid.filter.pendingOnly');
      break;
    case 'assignee':
      text = filters.assignee ? t(`grid.filter.${filters.assignee}`) : '';
      break;
  }
  return (
    <span className="filter-chip" data-testid={`filter-chip-${field}`}>
      {text}
      <button
        type="button"
        className="filter-chip__clear"
        onClick={onClear}
        aria-label={`${t('grid.filter.clear')}: ${text}`}
      >
        <CloseIcon width={12} height={12} />
      </button>
    </span>
  );
}
