import { InboxIcon } from '../../ui/icons';
import type { Screen } from '../registry';
import { RecordsScreen } from './RecordsScreen';

/** Queues, the queue's grid and the open record: the officer's everyday screen. */
export const recordsScreen: Screen = {
  id: 'records',
  slot: 'main',
  label: 'screens.records',
  icon: InboxIcon,
  roles: 'everyone',
  Component: RecordsScreen,
};
