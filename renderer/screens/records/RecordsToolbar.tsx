import { useTranslation } from 'react-i18next';
import { toolbarCommands } from '../../commands/registry';
import type { CommandContext, WorkbenchCommands } from '../../commands/workbench-commands';
import { useFormatter } from '../../format/useFormatter';
import { ColumnsChooser } from '../../grid/ColumnsChooser';
import type { Layout, LayoutAction } from '../../grid/layout';
import type { RowStoreStatus } from '../../grid/row-store';
import type { GridColumnMeta } from '../../grid/table-meta';
import type { UiKind } from '../../kinds/kind';
import type { SortDirection } from '../../grid/sort';

type RecordsToolbarProps = Readonly<{
  kind: UiKind;
  title: string;
  status: RowStoreStatus;
  total: number;
  /** The column the list is sorted by, and which way. */
  sort: { readonly meta: GridColumnMeta | undefined; readonly direction: SortDirection };
  layout: Layout;
  onLayout: (action: LayoutAction) => void;
  commands: WorkbenchCommands;
  context: CommandContext;
}>;

/** Above the grid: the queue's name and count, its sort, the columns, and the grid's commands. */
export function RecordsToolbar({
  kind,
  title,
  status,
  total,
  sort,
  layout,
  onLayout,
  commands,
  context,
}: RecordsToolbarProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  return (
    <div className="toolbar">
      <div className="toolbar__heading">
        <h1 id="workbench-title" className="toolbar__title" data-testid="grid-title">
          {title}
        </h1>
        <span className="toolbar__count" data-testid="grid-row-count" aria-live="polite">
          {status === 'ready'
            ? t(kind.labels.rowCount, { count: total, n: f.number(total) })
            : status === 'loading'
              ? t('grid.counting')
              : ''}
        </span>
      </div>
      <div className="toolbar__meta">
        {sort.meta ? (
          <span className="toolbar__sort" data-testid="grid-sort-summary">
            {t('grid.sortedBy', {
              column: t(sort.meta.labelKey),
              direction: t(`grid.direction.${sort.direction}`),
            })}
          </span>
        ) : null}
        <span className="toolbar__hint">{t('grid.keyboardHint')}</span>
        <ColumnsChooser
          columns={kind.columns}
          specs={kind.specs}
          layout={layout}
          onLayout={onLayout}
        />
        {toolbarCommands(commands, context, 'grid').map(({ id, toolbar, perform }) =>
          toolbar ? (
            <button
              key={id}
              type="button"
              className="button button--ghost"
              onClick={() => perform?.(context, 'toolbar')}
              data-testid={toolbar.testId}
            >
              <toolbar.icon className={toolbar.busy?.(context) ? 'spin' : undefined} />
              {t(toolbar.label)}
            </button>
          ) : null,
        )}
      </div>
    </div>
  );
}
