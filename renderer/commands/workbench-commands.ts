import type { TFunction } from 'i18next';
import type { OpenRecord, WorkbenchEvent, WorkbenchState } from '../app/workbench-state';
import type { Formatter } from '../format/format';
import { uiKind } from '../kinds';
import type { PrintTarget } from '../print/print-model';
import type { QueueItem } from '../queues/queue-model';
import { RefreshIcon } from '../ui/icons';
import { MOD } from './keys';
import { createCommandRegistry, type CommandEntry, type CommandRegistry } from './registry';

/** What the workbench's commands read and act on; the shell makes it on each render. */
export interface CommandContext {
  readonly t: TFunction;
  readonly format: Formatter;
  readonly signedIn: boolean;
  readonly state: WorkbenchState;
  readonly dispatch: (event: WorkbenchEvent) => void;
  /** Every queue, in the sidebar's order. */
  readonly queues: readonly QueueItem[];
  /** The actions the core allows now on a record (asked for while the palette is open). */
  readonly allowed: { readonly record: OpenRecord; readonly actions: readonly string[] } | null;
  /** The open list's rows are being fetched (the refresh button turns). */
  readonly listBusy: boolean;
  readonly chooseQueue: (queueId: string) => void;
  /** Focuses the search box now; from the palette, `searchRequested` waits for it to close. */
  readonly focusSearch: () => void;
  readonly session: {
    readonly syncNow: () => void;
    readonly logout: () => void;
    readonly signIn: () => void;
  };
  readonly switchLanguage: () => void;
}

export type WorkbenchCommands = CommandRegistry<CommandContext>;

const signedIn = (c: CommandContext) => c.signedIn;

/** What the open record prints whatever its state (a dossier's control sheet); null: nothing. */
function openRecordPrint({ state: { open } }: CommandContext): PrintTarget | null {
  return open === null ? null : (uiKind(open.kind).print?.always(open.id) ?? null);
}

/** The queue's name as the sidebar shows it. */
export function queueName(t: TFunction, queue: QueueItem): string {
  return queue.nameKey ? t(queue.nameKey) : queue.name;
}

/**
 * The workbench's commands, in the order the palette and the help sheet list them. To add one,
 * add an entry (renderer/README.md, "Recipe: add a command").
 */
export const WORKBENCH_COMMANDS: readonly CommandEntry<CommandContext>[] = [
  {
    // The actions the core allows on the open record, each opening its form in the panel.
    id: 'actions',
    provide: ({ state: { open }, allowed, t }) => {
      if (open === null || allowed === null) return [];
      if (allowed.record.kind !== open.kind || allowed.record.id !== open.id) return [];
      const kind = uiKind(open.kind);
      return allowed.actions
        .filter((type) => kind.shared.isAction(type) && kind.emptyForm(type, null) !== null)
        .map((type) => ({
          id: `action:${type}`,
          group: 'actions' as const,
          label: () => {
            const key = kind.actionLabelKey(type);
            return key ? t(key) : type;
          },
          perform: (c: CommandContext) => {
            const form = kind.emptyForm(type, null);
            if (form)
              c.dispatch({ type: 'formRequested', request: { ...open, form, redo: false } });
          },
        }));
    },
  },
  {
    // The open dossier's papers: the preview opens on the control sheet and lists the others.
    id: 'print:record',
    group: 'actions',
    label: 'palette.commands.printControl',
    shortcut: { scope: 'global', keys: [[MOD, 'P']] },
    help: { group: 'panel', key: 'print', label: 'help.keys.print' },
    when: (c) => openRecordPrint(c) !== null,
    perform: (c) => {
      const target = openRecordPrint(c);
      if (target) c.dispatch({ type: 'printRequested', target });
    },
  },
  {
    id: 'queues',
    provide: ({ queues, t, format }) =>
      queues.map((queue) => ({
        id: `queue:${queue.id}`,
        group: 'queues' as const,
        label: () => queueName(t, queue),
        hint: () => (queue.count !== null ? format.number(queue.count) : undefined),
        perform: (c: CommandContext) => c.chooseQueue(queue.id),
      })),
  },
  {
    id: 'app:palette',
    group: 'app',
    label: 'palette.label',
    palette: false,
    shortcut: { scope: 'global', keys: [[MOD, 'K']] },
    help: { group: 'general', key: 'palette', label: 'help.keys.palette' },
    perform: (c) => c.dispatch({ type: 'overlayOpened', overlay: 'palette' }),
  },
  {
    id: 'app:search',
    group: 'app',
    label: 'palette.commands.search',
    shortcut: { scope: 'global', keys: [[MOD, 'F'], ['/']] },
    help: { group: 'general', key: 'search', label: 'help.keys.search' },
    perform: (c, source) =>
      source === 'shortcut' ? c.focusSearch() : c.dispatch({ type: 'searchRequested' }),
  },
  {
    id: 'app:refresh',
    group: 'app',
    label: 'palette.commands.refresh',
    toolbar: {
      bar: 'grid',
      testId: 'grid-refresh',
      label: 'grid.refresh',
      icon: RefreshIcon,
      busy: (c) => c.listBusy,
    },
    perform: (c) => c.dispatch({ type: 'listReloaded' }),
  },
  {
    id: 'app:help',
    group: 'app',
    label: 'palette.commands.help',
    shortcut: { scope: 'global', keys: [['?']] },
    help: { group: 'general', key: 'help', label: 'help.keys.help' },
    perform: (c) => c.dispatch({ type: 'overlayOpened', overlay: 'help' }),
  },
  {
    id: 'app:sync',
    group: 'app',
    label: 'palette.commands.syncNow',
    when: signedIn,
    perform: (c) => c.session.syncNow(),
  },
  {
    id: 'app:notices',
    group: 'app',
    label: 'palette.commands.notices',
    when: signedIn,
    perform: (c) => c.dispatch({ type: 'overlayOpened', overlay: 'notices' }),
  },
  {
    id: 'app:save-view',
    group: 'app',
    label: 'palette.commands.saveView',
    when: signedIn,
    perform: (c) => c.dispatch({ type: 'overlayOpened', overlay: 'save-view' }),
  },
  {
    // A unit's register for a period: its dialog asks which unit and which days.
    id: 'print:register',
    group: 'app',
    label: 'palette.commands.printRegister',
    perform: (c) => c.dispatch({ type: 'overlayOpened', overlay: 'print-register' }),
  },
  {
    id: 'app:sign-out',
    group: 'app',
    label: 'palette.commands.signOut',
    when: signedIn,
    perform: (c) => c.session.logout(),
  },
  {
    id: 'app:sign-in',
    group: 'app',
    label: 'palette.commands.signIn',
    when: (c) => !c.signedIn,
    perform: (c) => c.session.signIn(),
  },
  {
    id: 'app:language',
    group: 'app',
    label: 'palette.commands.language',
    perform: (c) => c.switchLanguage(),
  },
  // Keys the grid and the panel handle themselves (grid/keyboard.ts, the panel's Esc), listed
  // here so that the help sheet names every key in one place.
  gridKeys('move', [['↑'], ['↓']]),
  gridKeys('page', [['PgUp'], ['PgDn']]),
  gridKeys('ends', [['Home'], ['End']]),
  gridKeys('open', [['Enter']]),
  gridKeys('toggle', [['Space']]),
  gridKeys('range', [
    ['Shift', 'Click'],
    ['Shift', '↑ ↓'],
  ]),
  gridKeys('selectAll', [[MOD, 'A']]),
  {
    id: 'panel:close',
    group: 'app',
    label: 'help.keys.close',
    shortcut: { scope: 'panel', keys: [['Esc']] },
    help: { group: 'panel', key: 'close', label: 'help.keys.close' },
  },
];

function gridKeys(
  key: 'move' | 'page' | 'ends' | 'open' | 'toggle' | 'range' | 'selectAll',
  keys: readonly (readonly string[])[],
): CommandEntry<CommandContext> {
  return {
    id: `grid:${key}`,
    group: 'app',
    label: `help.keys.${key}`,
    shortcut: { scope: 'grid', keys },
    help: { group: 'grid', key, label: `help.keys.${key}` },
  };
}

/** A registry holding the workbench's commands (a new one for each workbench). */
export function workbenchCommands(): WorkbenchCommands {
  return createCommandRegistry(WORKBENCH_COMMANDS);
}
