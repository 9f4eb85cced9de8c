import type { ComponentType, Dispatch, RefObject } from 'react';
import type { Role } from '@shared/model';
import type { WorkbenchEvent, WorkbenchState } from '../app/workbench-state';
import type { CommandContext, WorkbenchCommands } from '../commands/workbench-commands';
import type { UiKey } from '../kinds/kind';
import type { QueuesState } from '../queues/useQueues';
import type { IconProps } from '../ui/icons';

/**
 * The workbench's screens, each one folder (screens/<id>/) and one line in screens/index.ts. The
 * shell draws what the officer's roles may see: one `main` screen at a time (a switcher in the
 * header appears once two are visible), and every `bar` (above the main screen: a trainer's
 * control bar) and `overlay` screen (over it) at once.
 */

export type ScreenSlot = 'main' | 'bar' | 'overlay';

/** What the shell hands every screen: the workbench's state and events, and what it loaded. */
export interface WorkbenchHandle {
  readonly state: WorkbenchState;
  readonly dispatch: Dispatch<WorkbenchEvent>;
  readonly queues: QueuesState;
  readonly signedIn: boolean;
  readonly officerId: string | null;
  /** Opens a queue and remembers it as the officer's last. */
  readonly chooseQueue: (queueId: string) => void;
  /** The records grid: focus returns there from the search box and a closed panel. */
  readonly listRef: RefObject<HTMLDivElement | null>;
  readonly commands: WorkbenchCommands;
  readonly commandContext: CommandContext;
}

export interface Screen {
  readonly id: string;
  readonly slot: ScreenSlot;
  /** Its name in the switcher (and its accessible name). */
  readonly label: UiKey;
  readonly icon: ComponentType<IconProps>;
  /** Who sees it: every officer (and the demo store's visitor), or only these roles. */
  readonly roles: 'everyone' | readonly Role[];
  readonly Component: ComponentType<Readonly<{ workbench: WorkbenchHandle }>>;
}

export function visibleScreens(screens: readonly Screen[], roles: readonly Role[]): Screen[] {
  return screens.filter(
    (screen) => screen.roles === 'everyone' || screen.roles.some((role) => roles.includes(role)),
  );
}

/** The main screen to draw: the one chosen if the officer may see it, else the first. */
export function mainScreen(visible: readonly Screen[], chosen: string): Screen | undefined {
  const main = visible.filter((screen) => screen.slot === 'main');
  return main.find((screen) => screen.id === chosen) ?? main[0];
}

/** The main screens to switch between: none while there is only one (nothing to switch). */
export function switchable(visible: readonly Screen[]): Screen[] {
  const main = visible.filter((screen) => screen.slot === 'main');
  return main.length > 1 ? main : [];
}
