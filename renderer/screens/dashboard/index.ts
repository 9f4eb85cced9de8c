import { ClockIcon } from '../../ui/icons';
import type { Screen } from '../registry';
import { DashboardScreen } from './DashboardScreen';

/**
 * The deadline dashboard: leaders and supervisors see their units; the other officers (desk,
 * processing) see their own dossiers' figures.
 */
export const dashboardScreen: Screen = {
  id: 'dashboard',
  slot: 'main',
  label: 'screens.dashboard',
  icon: ClockIcon,
  roles: ['leader', 'desk_officer', 'processing_officer'],
  Component: DashboardScreen,
};
