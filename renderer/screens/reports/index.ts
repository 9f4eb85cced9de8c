import { InboxIcon } from '../../ui/icons';
import type { Screen } from '../registry';
import { ReportsScreen } from './ReportsScreen';

/** Biểu 06/VPCP/KSTT and the other reports, with their exports: the leaders' screen. */
export const reportsScreen: Screen = {
  id: 'reports',
  slot: 'main',
  label: 'screens.reports',
  icon: InboxIcon,
  roles: ['leader'],
  Component: ReportsScreen,
};
