/**
 * Key chords as commands declare them, matched against key presses and written for the help
 * sheet and the palette. A chord with "Mod" (Ctrl, or ⌘ on a Mac) works even while the officer
 * types (it cannot be typed into a note); a key alone ("/", "?") only when they are not typing,
 * so it can still be typed into a note.
 */

/** The keys pressed together, in order: ['Mod', 'K'], ['/'], ['Shift', '↑ ↓']. */
export type Chord = readonly string[];

export const MOD = 'Mod';

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

/** Whether the press is the chord (AltGr, which types characters, never matches). */
export function matchesChord(chord: Chord, event: KeyLike, typing: boolean): boolean {
  const mod = (event.ctrlKey || event.metaKey) && !event.altKey;
  const key = chord[chord.length - 1];
  if (key === undefined) return false;
  if (chord.length === 2 && chord[0] === MOD) {
    return mod && event.key.toLowerCase() === key.toLowerCase();
  }
  if (chord.length !== 1 || event.ctrlKey || event.metaKey || event.altKey || typing) return false;
  return event.key === key;
}

/** The chord's keys as this platform names them (⌘ on a Mac, Ctrl elsewhere). */
export function chordKeys(chord: Chord, mac: boolean): readonly string[] {
  return chord.map((key) => (key === MOD ? (mac ? '⌘' : 'Ctrl') : key));
}

/** "Ctrl+F", "?": a chord in one piece of text (the palette's hint). */
export function chordText(chord: Chord, mac: boolean): string {
  return chordKeys(chord, mac).join('+');
}

export function isMac(platform: string): boolean {
  return /Mac|iPhone|iPad/.test(platform);
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
