import { useTranslation } from 'react-i18next';
import { MoreIcon } from '../ui/icons';
import { Popover } from '../ui/Popover';
import type { LayoutAction, Pin } from './layout';
import type { SortDirection } from './sort';

type ColumnMenuProps = Readonly<{
  columnId: string;
  label: string;
  sortable: boolean;
  hideable: boolean;
  pin: Pin | null;
  onSort: (direction: SortDirection) => void;
  onLayout: (action: LayoutAction) => void;
}>;

/**
 * A column's menu (⋮ in its header): sort either way, move, pin, hide. Everything here can also
 * be done with the mouse on the header (click to sort, drag to move, drag the edge to resize);
 * the menu is the keyboard's way and the discoverable one.
 */
export function ColumnMenu({
  columnId,
  label,
  sortable,
  hideable,
  pin,
  onSort,
  onLayout,
}: ColumnMenuProps) {
  const { t } = useTranslation();
  return (
    <Popover
      label={t('grid.column.menu', { column: label })}
      button={<MoreIcon width={14} height={14} />}
      buttonClassName="grid__tool"
      testId={`column-menu-${columnId}`}
      align="end"
      panelClassName="menu"
    >
      {(close) => {
        const item = (key: string, text: string, run: () => void, testId: string) => (
          <button
            key={key}
            type="button"
            className="menu__item"
            onClick={() => {
              run();
              close();
            }}
            data-testid={testId}
          >
            {text}
          </button>
        );
        return (
          <div className="menu__list">
            {sortable
              ? [
                  item('asc', t('grid.column.sortAsc'), () => onSort('asc'), 'column-sort-asc'),
                  item('desc', t('grid.column.sortDesc'), () => onSort('desc'), 'column-sort-desc'),
                  <hr key="s1" className="menu__separator" />,
                ]
              : null}
            {item(
              'left',
              t('grid.column.moveLeft'),
              () => onLayout({ type: 'move', id: columnId, direction: -1 }),
              'column-move-left',
            )}
            {item(
              'right',
              t('grid.column.moveRight'),
              () => onLayout({ type: 'move', id: columnId, direction: 1 }),
              'column-move-right',
            )}
            <hr className="menu__separator" />
            {pin !== 'left'
              ? item(
                  'pin-left',
                  t('grid.column.pinLeft'),
                  () => onLayout({ type: 'pin', id: columnId, pin: 'left' }),
                  'column-pin-left',
                )
              : null}
            {pin !== 'right'
              ? item(
                  'pin-right',
                  t('grid.column.pinRight'),
                  () => onLayout({ type: 'pin', id: columnId, pin: 'right' }),
                  'column-pin-right',
                )
              : null}
            {pin !== null
              ? item(
                  'unpin',
                  t('grid.column.unpin'),
                  () => onLayout({ type: 'pin', id: columnId, pin: null }),
                  'column-unpin',
                )
              : null}
            {hideable ? (
              <>
                <hr className="menu__separator" />
                {item(
                  'hide',
                  t('grid.column.hide'),
                  () => onLayout({ type: 'hide', id: columnId }),
                  'column-hide',
                )}
              </>
            ) : null}
          </div>
        );
      }}
    </Popover>
  );
}
