import { ClockIcon } from '../../ui/icons';
import type { Screen } from '../registry';
import { PresenterBar } from './PresenterBar';

/** The trainer's control bar above every screen, drawn only in the sandbox. */
export const sandboxScreen: Screen = {
  id: 'sandbox',
  slot: 'bar',
  label: 'sandbox.bar.label',
  icon: ClockIcon,
  roles: 'everyone',
  Component: PresenterBar,
};
