import { useTranslation } from 'react-i18next';
import type { ColumnDef } from '@tanstack/react-table';
import { ColumnsIcon } from '../ui/icons';
import { Popover } from '../ui/Popover';
import type { ColumnSpec, Layout, LayoutAction } from './layout';

type ColumnsChooserProps<Row> = Readonly<{
  columns: readonly ColumnDef<Row>[];
  specs: readonly ColumnSpec[];
  layout: Layout;
  onLayout: (action: LayoutAction) => void;
}>;

/** Which columns the grid shows (in the officer's order), and a way back to the defaults. */
export function ColumnsChooser<Row>({
  columns,
  specs,
  layout,
  onLayout,
}: ColumnsChooserProps<Row>) {
  const { t } = useTranslation();
  const labelOf = new Map(
    columns.map((c) => [c.id ?? '', c.meta ? t(c.meta.labelKey) : (c.id ?? '')]),
  );
  const hideable = new Map(specs.map((s) => [s.id, s.hideable]));
  const shown = layout.filter((c) => !c.hidden).length;
  return (
    <Popover
      label={t('grid.columnsTitle')}
      button={
        <>
          <ColumnsIcon width={15} height={15} />
          {t('grid.columnsButton')}
        </>
      }
      buttonClassName="button button--ghost"
      testId="columns-button"
      align="end"
      panelClassName="menu"
    >
      {() => (
        <div className="menu__list">
          <p className="menu__title">{t('grid.columnsTitle')}</p>
          {layout.map((column) => {
            const locked = hideable.get(column.id) === false || (!column.hidden && shown <= 1);
            return (
              <label key={column.id} className="check-option">
                <input
                  type="checkbox"
                  className="checkbox"
                  checked={!column.hidden}
                  disabled={locked}
                  onChange={() =>
                    onLayout({ type: column.hidden ? 'show' : 'hide', id: column.id })
                  }
                  data-testid={`column-toggle-${column.id}`}
                />
                <span>{labelOf.get(column.id) ?? column.id}</span>
              </label>
            );
          })}
          <hr className="menu__separator" />
          <button
            type="button"
            className="menu__item"
            onClick={() => onLayout({ type: 'reset' })}
            data-testid="columns-reset"
          >
            {t('grid.resetLayout')}
          </button>
        </div>
      )}
    </Popover>
  );
}
