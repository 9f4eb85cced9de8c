import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { initialWorkbenchState, type WorkbenchEvent } from '../app/workbench-state';
import { getFormatter } from '../format/format';
import type { QueueItem } from '../queues/queue-model';
import { MOD } from './keys';
import {
  contextMenuCommands,
  createCommandRegistry,
  helpSheet,
  paletteItems,
  shortcutCommand,
  toolbarCommands,
} from './registry';
import { WORKBENCH_COMMANDS, workbenchCommands, type CommandContext } from './workbench-commands';

// Keys stand for their words: what is listed is then plain to read in the expectations.
const t = ((key: string) => key) as unknown as TFunction;

const press = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; alt: boolean }> = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  altKey: mods.alt ?? false,
});

function context(
  over: Partial<CommandContext> = {},
): CommandContext & { events: WorkbenchEvent[] } {
  const events: WorkbenchEvent[] = [];
  return {
    events,
    t,
    format: getFormatter('vi'),
    signedIn: false,
    state: initialWorkbenchState('records', 'all_dossiers'),
    dispatch: (event) => events.push(event),
    queues: [],
    allowed: null,
    listBusy: false,
    chooseQueue: () => undefined,
    focusSearch: () => undefined,
    session: { syncNow: () => undefined, logout: () => undefined, signIn: () => undefined },
    switchLanguage: () => undefined,
    ...over,
  };
}

const queue = (id: string, count: number | null): QueueItem => ({
  id,
  kind: 'builtin',
  nameKey: null,
  name: id,
  view: { entity: 'dossier', filter: {}, sort: { field: 'dueAt', direction: 'asc' }, columns: [] },
  count,
});

describe('a command registered once', () => {
  it('is listed by the palette and the help sheet, and started by its shortcut', () => {
    const registry = workbenchCommands();
    const seen: string[] = [];
    registry.register({
      id: 'app:columns',
      group: 'app',
      label: 'palette.commands.columns',
      shortcut: { scope: 'global', keys: [[MOD, 'J']] },
      help: { group: 'general', key: 'columns', label: 'palette.commands.columns' },
      perform: (_, source) => seen.push(source),
    });
    const c = context();

    const item = paletteItems(registry, c, t, false).find((i) => i.id === 'app:columns');
    expect(item).toMatchObject({ group: 'app', label: 'palette.commands.columns', hint: 'Ctrl+J' });
    item?.run();

    const general = helpSheet(registry, c, true).find((g) => g.group === 'general');
    expect(general?.entries.at(-1)).toEqual({
      key: 'columns',
      label: 'palette.commands.columns',
      keys: [['⌘', 'J']],
    });

    const command = shortcutCommand(registry, c, press('j', { ctrl: true }), true);
    expect(command?.id).toBe('app:columns');
    command?.perform?.(c, 'shortcut');
    expect(seen).toEqual(['palette', 'shortcut']);
  });

  it('appears on its toolbar and in the context menu when it says so, and can be removed', () => {
    const registry = createCommandRegistry<CommandContext>();
    const remove = registry.register({
      id: 'row:copy',
      group: 'app',
      label: 'palette.commands.refresh',
      contextMenu: true,
      when: (c) => c.signedIn,
      perform: () => undefined,
    });
    expect(contextMenuCommands(registry, context({ signedIn: true })).map((c) => c.id)).toEqual([
      'row:copy',
    ]);
    expect(contextMenuCommands(registry, context())).toEqual([]);
    remove();
    expect(registry.entries()).toEqual([]);
    expect(() => registry.register(WORKBENCH_COMMANDS[2]!)).not.toThrow();
    expect(() => registry.register(WORKBENCH_COMMANDS[2]!)).toThrow(/twice/);
  });
});

describe('the workbench’s shortcuts', () => {
  const registry = workbenchCommands();
  const id = (event: ReturnType<typeof press>, typing: boolean) =>
    shortcutCommand(registry, context(), event, typing)?.id ?? null;

  it('open the palette and the search with Ctrl or Cmd, even while typing', () => {
    expect(id(press('k', { ctrl: true }), true)).toBe('app:palette');
    expect(id(press('K', { meta: true }), false)).toBe('app:palette');
    expect(id(press('f', { ctrl: true }), true)).toBe('app:search');
  });

  it('take "/" and "?" only when the officer is not typing', () => {
    expect(id(press('/'), false)).toBe('app:search');
    expect(id(press('?'), false)).toBe('app:help');
    expect(id(press('/'), true)).toBeNull();
    expect(id(press('?'), true)).toBeNull();
  });

  it('leave other keys, the grid’s own keys and AltGr combinations alone', () => {
    expect(id(press('a'), false)).toBeNull();
    expect(id(press('k', { ctrl: true, alt: true }), false)).toBeNull();
    expect(id(press('a', { ctrl: true }), false)).toBeNull();
    expect(id(press('Enter'), false)).toBeNull();
  });

  it('focus the search at once from a key, and after the palette has closed from there', () => {
    let focused = 0;
    const c = context({ focusSearch: () => (focused += 1) });
    shortcutCommand(registry, c, press('/'), false)?.perform?.(c, 'shortcut');
    expect(focused).toBe(1);
    paletteItems(registry, c, t, false)
      .find((i) => i.id === 'app:search')
      ?.run();
    expect(c.events).toEqual([{ type: 'searchRequested' }]);
  });
});

describe('the help sheet', () => {
  it('lists every shortcut once, with the platform’s modifier', () => {
    const sheet = helpSheet(workbenchCommands(), context(), false);
    const keys = sheet.flatMap((g) => g.entries.map((e) => e.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(sheet.map((g) => g.group)).toEqual(['general', 'grid', 'panel']);
    expect(keys).toEqual([
      'palette',
      'search',
      'help',
      'move',
      'page',
      'ends',
      'open',
      'toggle',
      'range',
      'selectAll',
      'print',
      'close',
    ]);
    const palette = helpSheet(workbenchCommands(), context(), true)[0]?.entries[0];
    expect(palette?.keys).toEqual([['⌘', 'K']]);
    expect(sheet[0]?.entries[1]?.keys).toEqual([['Ctrl', 'F'], ['/']]);
  });
});

describe('the palette', () => {
  const registry = workbenchCommands();

  it('lists queues with their counts, then the app’s commands, as today', () => {
    const c = context({ queues: [queue('due_soon', 1200), queue('overdue', null)] });
    const items = paletteItems(registry, c, t, false);
    expect(items.map((i) => i.id)).toEqual([
      'queue:due_soon',
      'queue:overdue',
      'app:search',
      'app:refresh',
      'app:help',
      'print:register',
      'app:sign-in',
      'app:language',
    ]);
    expect(items[0]?.hint).toBe('1.200');
    expect(items[1]?.hint).toBeUndefined();
    expect(items.find((i) => i.id === 'app:help')?.hint).toBe('?');
  });

  it('offers what a signed-in officer may do instead of signing in', () => {
    const ids = paletteItems(registry, context({ signedIn: true }), t, false).map((i) => i.id);
    expect(ids).toEqual([
      'app:search',
      'app:refresh',
      'app:help',
      'app:sync',
      'app:notices',
      'app:save-view',
      'print:register',
      'app:sign-out',
      'app:language',
    ]);
  });

  it('lists the actions the core allows on the open record, each asking for its form', () => {
    const open = { kind: 'dossier', id: 'd1' } as const;
    const state = { ...initialWorkbenchState('records', 'all_dossiers'), open };
    const c = context({
      state,
      allowed: { record: open, actions: ['accept', 'refuse', 'draft_answer'] },
    });
    const actions = paletteItems(registry, c, t, false).filter((i) => i.group === 'actions');
    expect(actions.map((i) => [i.id, i.label])).toEqual([
      ['action:accept', 'actionButtons.accept'],
      ['action:refuse', 'actionButtons.refuse'],
      ['print:record', 'palette.commands.printControl'],
    ]);
    actions[0]?.run();
    expect(c.events).toEqual([
      {
        type: 'formRequested',
        request: { kind: 'dossier', id: 'd1', form: { type: 'accept', note: '' }, redo: false },
      },
    ]);
    // Allowed actions of another record are not this one's.
    const stale = context({
      state,
      allowed: { record: { ...open, id: 'd2' }, actions: ['accept'] },
    });
    const staleIds = paletteItems(registry, stale, t, false).map((i) => i.id);
    expect(staleIds.some((id) => id.startsWith('action:'))).toBe(false);
  });
});

describe('printing', () => {
  const registry = workbenchCommands();
  const withOpen = (open: { kind: 'dossier' | 'complaint'; id: string } | null) =>
    context({ state: { ...initialWorkbenchState('records', 'all_dossiers'), open } });

  it('prints the open dossier’s control sheet from the palette or Ctrl+P, not a complaint’s', () => {
    const c = withOpen({ kind: 'dossier', id: 'd1' });
    const item = paletteItems(registry, c, t, false).find((i) => i.id === 'print:record');
    expect(item).toMatchObject({ group: 'actions', hint: 'Ctrl+P' });
    item?.run();
    shortcutCommand(registry, c, press('p', { ctrl: true }), true)?.perform?.(c, 'shortcut');
    const asked = { type: 'printRequested', target: { form: 'control', dossierId: 'd1' } };
    expect(c.events).toEqual([asked, asked]);
    for (const other of [withOpen({ kind: 'complaint', id: 'c1' }), withOpen(null)]) {
      expect(paletteItems(registry, other, t, false).some((i) => i.id === 'print:record')).toBe(
        false,
      );
      expect(shortcutCommand(registry, other, press('p', { ctrl: true }), false)).toBeNull();
    }
  });

  it('asks which unit and period before printing a register', () => {
    const c = context();
    paletteItems(registry, c, t, false)
      .find((i) => i.id === 'print:register')
      ?.run();
    expect(c.events).toEqual([{ type: 'overlayOpened', overlay: 'print-register' }]);
  });
});

describe('toolbars', () => {
  it('show the grid’s refresh, turning while the list is fetched', () => {
    const registry = workbenchCommands();
    const [refresh] = toolbarCommands(registry, context({ listBusy: true }), 'grid');
    expect(refresh?.id).toBe('app:refresh');
    expect(refresh?.toolbar?.testId).toBe('grid-refresh');
    expect(refresh?.toolbar?.busy?.(context({ listBusy: true }))).toBe(true);
  });
});
