/**
 * Keyboard shortcuts that work anywhere in the workbench, and the list the help sheet (?) shows.
 * Ctrl/Cmd+K and Ctrl/Cmd+F work even while typing (they are chords); "/" and "?" only when the
 * officer is not typing, so they can still be typed into a note.
 */

export type GlobalCommand = 'palette' | 'search' | 'help';

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

export function globalShortcut(event: KeyLike, typing: boolean): GlobalCommand | null {
  const chord = (event.ctrlKey || event.metaKey) && !event.altKey;
  const key = event.key.toLowerCase();
  if (chord && key === 'k') return 'palette';
  if (chord && key === 'f') return 'search';
  if (chord || event.altKey || typing) return null;
  if (event.key === '/') return 'search';
  if (event.key === '?') return 'help';
  return null;
}

/** Whether keys typed now go into a text field (where "/" and "?" are just characters). */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const element = target as { tagName?: unknown; isContentEditable?: unknown; type?: unknown };
  if (element.isContentEditable === true) return true;
  const tag = typeof element.tagName === 'string' ? element.tagName.toUpperCase() : '';
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = typeof element.type === 'string' ? element.type.toLowerCase() : 'text';
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

export type HelpKey =
  | 'palette'
  | 'search'
  | 'help'
  | 'move'
  | 'page'
  | 'ends'
  | 'open'
  | 'close'
  | 'toggle'
  | 'range'
  | 'selectAll';

export interface HelpEntry {
  readonly key: HelpKey;
  /** Alternatives, each a chord of keys: [['Ctrl', 'K']] or [['↑'], ['↓']]. */
  readonly keys: readonly (readonly string[])[];
}

export interface HelpGroup {
  readonly group: 'general' | 'grid' | 'panel';
  readonly entries: readonly HelpEntry[];
}

/** The help sheet, with the modifier of this platform (⌘ on a Mac, Ctrl elsewhere). */
export function helpSheet(mac: boolean): HelpGroup[] {
  const mod = mac ? '⌘' : 'Ctrl';
  return [
    {
      group: 'general',
      entries: [
        { key: 'palette', keys: [[mod, 'K']] },
        { key: 'search', keys: [[mod, 'F'], ['/']] },
        { key: 'help', keys: [['?']] },
      ],
    },
    {
      group: 'grid',
      entries: [
        { key: 'move', keys: [['↑'], ['↓']] },
        { key: 'page', keys: [['PgUp'], ['PgDn']] },
        { key: 'ends', keys: [['Home'], ['End']] },
        { key: 'open', keys: [['Enter']] },
        { key: 'toggle', keys: [['Space']] },
        {
          key: 'range',
          keys: [
            ['Shift', 'Click'],
            ['Shift', '↑ ↓'],
          ],
        },
        { key: 'selectAll', keys: [[mod, 'A']] },
      ],
    },
    {
      group: 'panel',
      entries: [{ key: 'close', keys: [['Esc']] }],
    },
  ];
}
