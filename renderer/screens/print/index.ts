import { PrintOverlay } from '../../print/PrintOverlay';
import { PrinterIcon } from '../../ui/icons';
import type { Screen } from '../registry';

/** The print preview and the register's dialog, over whichever screen is open. */
export const printScreen: Screen = {
  id: 'print',
  slot: 'overlay',
  label: 'screens.print',
  icon: PrinterIcon,
  roles: 'everyone',
  Component: PrintOverlay,
};
