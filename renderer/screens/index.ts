import { dashboardScreen } from './dashboard';
import { printScreen } from './print';
import { recordsScreen } from './records';
import { reportsScreen } from './reports';
import { sandboxScreen } from './sandbox';
import type { Screen } from './registry';

/**
 * The workbench's screens, in the switcher's order. A new screen is its folder (screens/<id>/,
 * exporting a `Screen`) and its line here (renderer/README.md, "Recipe: add a screen").
 */
export const SCREENS: readonly Screen[] = [
  recordsScreen,
  dashboardScreen,
  reportsScreen,
  printScreen,
  sandboxScreen,
];
