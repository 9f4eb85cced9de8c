import type { ComponentType } from 'react';
import type { TFunction } from 'i18next';
import type { UiKey } from '../kinds/kind';
import type { IconProps } from '../ui/icons';
import { chordKeys, chordText, matchesChord, type Chord, type KeyLike } from './keys';

/**
 * Commands, each declared once: what it is called, its keys, where it appears (the palette, the
 * help sheet, a toolbar, a context menu), when it is available and what it does. The palette,
 * the global shortcuts, the help sheet and the toolbars are lists made from the registry by the
 * functions below, so a new command is one entry (workbench-commands.ts). After Excalidraw's
 * action registry and VS Code's command and keybinding registries.
 *
 * `C` is what commands read and act on (the workbench's CommandContext): the registry does not
 * know the workbench.
 */

export type CommandGroup = 'actions' | 'queues' | 'app';
export type HelpGroupName = 'general' | 'grid' | 'panel' | 'sandbox';
/** How a command was started: a shortcut acts at once, the palette once it has closed. */
export type CommandSource = 'palette' | 'shortcut' | 'toolbar' | 'context-menu';

export interface CommandShortcut {
  /**
   * Where the keys work: anywhere (the dispatcher below matches them), or only while the grid or
   * the panel has the focus, whose own key handling carries them out (grid/keyboard.ts).
   */
  readonly scope: 'global' | 'grid' | 'panel';
  /** Alternatives, each a chord ("Mod" is Ctrl, or ⌘ on a Mac). */
  readonly keys: readonly Chord[];
}

export interface Command<C> {
  /** Stable: the palette item's data-command-id ("app:search", "queue:due_soon"). */
  readonly id: string;
  readonly group: CommandGroup;
  /** Its name where it is listed (the palette, a context menu). */
  readonly label: UiKey | ((context: C) => string);
  readonly shortcut?: CommandShortcut;
  /** Listed in the palette (default: yes, if it can be performed). */
  readonly palette?: boolean;
  /** A short text at the palette's right (a count); default: the first chord of its keys. */
  readonly hint?: (context: C) => string | undefined;
  /** Listed on the help sheet (`help-<key>`), in that group, with those words. */
  readonly help?: { readonly group: HelpGroupName; readonly key: string; readonly label: UiKey };
  /** A button on a toolbar. */
  readonly toolbar?: {
    readonly bar: 'grid';
    readonly testId: string;
    readonly label: UiKey;
    readonly icon: ComponentType<IconProps>;
    /** The icon turns while the command's work is under way. */
    readonly busy?: (context: C) => boolean;
  };
  /** Offered in the context menu of a row (no such menu yet: contextMenuCommands lists them). */
  readonly contextMenu?: boolean;
  /** Whether it can be performed now (default: always). */
  readonly when?: (context: C) => boolean;
  /** Absent for keys that only document what the grid or panel does (scope grid or panel). */
  readonly perform?: (context: C, source: CommandSource) => void;
}

/** Commands made from data (one per queue, one per allowed action), each like any other. */
export interface CommandProvider<C> {
  readonly id: string;
  readonly provide: (context: C) => readonly Command<C>[];
}

export type CommandEntry<C> = Command<C> | CommandProvider<C>;

export interface CommandRegistry<C> {
  /** Adds an entry at the end; returns what removes it again. */
  register(entry: CommandEntry<C>): () => void;
  /** Every entry, providers not expanded, in the order registered. */
  entries(): readonly CommandEntry<C>[];
}

export function createCommandRegistry<C>(
  initial: readonly CommandEntry<C>[] = [],
): CommandRegistry<C> {
  let entries: readonly CommandEntry<C>[] = [...initial];
  return {
    register(entry) {
      if (entries.some((e) => e.id === entry.id)) {
        throw new Error(`command ${entry.id} is registered twice`);
      }
      entries = [...entries, entry];
      return () => {
        entries = entries.filter((e) => e !== entry);
      };
    },
    entries: () => entries,
  };
}

function isProvider<C>(entry: CommandEntry<C>): entry is CommandProvider<C> {
  return 'provide' in entry;
}

/** Every command declared, with the providers' commands for this context, in order. */
export function allCommands<C>(registry: CommandRegistry<C>, context: C): Command<C>[] {
  return registry
    .entries()
    .flatMap((entry) => (isProvider(entry) ? entry.provide(context) : [entry]));
}

function available<C>(command: Command<C>, context: C): boolean {
  return command.perform !== undefined && (command.when?.(context) ?? true);
}

function labelOf<C>(command: Command<C>, context: C, t: TFunction): string {
  return typeof command.label === 'function' ? command.label(context) : t(command.label);
}

/** A command as the palette lists it (palette/CommandPalette.tsx). */
export interface PaletteItem {
  readonly id: string;
  readonly group: CommandGroup;
  readonly label: string;
  readonly hint?: string;
  readonly run: () => void;
}

/** What the palette lists now: the available commands that appear in it. */
export function paletteItems<C>(
  registry: CommandRegistry<C>,
  context: C,
  t: TFunction,
  mac: boolean,
): PaletteItem[] {
  return allCommands(registry, context)
    .filter((c) => c.palette !== false && available(c, context))
    .map((command) => {
      const chord = command.shortcut?.keys[0];
      const hint = command.hint ? command.hint(context) : chord ? chordText(chord, mac) : undefined;
      return {
        id: command.id,
        group: command.group,
        label: labelOf(command, context, t),
        ...(hint !== undefined ? { hint } : {}),
        run: () => command.perform?.(context, 'palette'),
      };
    });
}

export interface HelpEntry {
  readonly key: string;
  readonly label: UiKey;
  /** Alternatives, each a chord of keys as this platform names them: [['Ctrl', 'K']]. */
  readonly keys: readonly (readonly string[])[];
}

export interface HelpGroup {
  readonly group: HelpGroupName;
  readonly entries: readonly HelpEntry[];
}

const HELP_GROUPS: readonly HelpGroupName[] = ['general', 'grid', 'panel', 'sandbox'];

/** The help sheet (?): every command with keys that asks to be listed, grouped. */
export function helpSheet<C>(registry: CommandRegistry<C>, context: C, mac: boolean): HelpGroup[] {
  const listed = allCommands(registry, context).filter((c) => c.help && c.shortcut);
  return HELP_GROUPS.map((group) => ({
    group,
    entries: listed
      .filter((c) => c.help?.group === group)
      .map((c) => ({
        key: c.help?.key ?? c.id,
        label: c.help?.label ?? 'help.title',
        keys: (c.shortcut?.keys ?? []).map((chord) => chordKeys(chord, mac)),
      })),
  })).filter((group) => group.entries.length > 0);
}

/** The command a key press anywhere in the workbench starts, if any (the shortcut dispatcher). */
export function shortcutCommand<C>(
  registry: CommandRegistry<C>,
  context: C,
  event: KeyLike,
  typing: boolean,
): Command<C> | null {
  for (const command of allCommands(registry, context)) {
    if (command.shortcut?.scope !== 'global' || !available(command, context)) continue;
    if (command.shortcut.keys.some((chord) => matchesChord(chord, event, typing))) return command;
  }
  return null;
}

/** The buttons of a toolbar, in order. */
export function toolbarCommands<C>(
  registry: CommandRegistry<C>,
  context: C,
  bar: 'grid',
): Command<C>[] {
  return allCommands(registry, context).filter(
    (c) => c.toolbar?.bar === bar && available(c, context),
  );
}

/** What a row's context menu would offer (none is drawn yet). */
export function contextMenuCommands<C>(registry: CommandRegistry<C>, context: C): Command<C>[] {
  return allCommands(registry, context).filter((c) => c.contextMenu && available(c, context));
}
