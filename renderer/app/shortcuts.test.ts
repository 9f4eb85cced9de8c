import { describe, expect, it } from 'vitest';
import { globalShortcut, helpSheet, isTypingTarget } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; alt: boolean }> = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  altKey: mods.alt ?? false,
});

describe('globalShortcut', () => {
  it('opens the palette and the search with Ctrl or Cmd, even while typing', () => {
    expect(globalShortcut(key('k', { ctrl: true }), true)).toBe('palette');
    expect(globalShortcut(key('K', { meta: true }), false)).toBe('palette');
    expect(globalShortcut(key('f', { ctrl: true }), true)).toBe('search');
  });

  it('takes "/" and "?" only when the officer is not typing', () => {
    expect(globalShortcut(key('/'), false)).toBe('search');
    expect(globalShortcut(key('?'), false)).toBe('help');
    expect(globalShortcut(key('/'), true)).toBeNull();
    expect(globalShortcut(key('?'), true)).toBeNull();
  });

  it('leaves other keys and AltGr combinations alone', () => {
    expect(globalShortcut(key('a'), false)).toBeNull();
    expect(globalShortcut(key('k', { ctrl: true, alt: true }), false)).toBeNull();
    expect(globalShortcut(key('a', { ctrl: true }), false)).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('knows text fields from checkboxes and buttons', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input', type: 'search' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('helpSheet', () => {
  it('lists every shortcut once, with the platform’s modifier', () => {
    const keys = helpSheet(false).flatMap((g) => g.entries.map((e) => e.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining(['palette', 'search', 'help', 'open', 'selectAll']),
    );
    const palette = helpSheet(true)[0]?.entries[0];
    expect(palette?.keys).toEqual([['⌘', 'K']]);
  });
});
