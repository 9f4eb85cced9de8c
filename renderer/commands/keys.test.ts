import { describe, expect, it } from 'vitest';
import { chordKeys, chordText, isTypingTarget, matchesChord, MOD } from './keys';

const key = (k: string, mods: Partial<{ ctrl: boolean; meta: boolean; alt: boolean }> = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  altKey: mods.alt ?? false,
});

describe('matchesChord', () => {
  it('takes Ctrl or Cmd chords, even while typing', () => {
    expect(matchesChord([MOD, 'K'], key('k', { ctrl: true }), true)).toBe(true);
    expect(matchesChord([MOD, 'K'], key('K', { meta: true }), false)).toBe(true);
    expect(matchesChord([MOD, 'F'], key('k', { ctrl: true }), false)).toBe(false);
  });

  it('takes a key alone only when the officer is not typing, and without modifiers', () => {
    expect(matchesChord(['/'], key('/'), false)).toBe(true);
    expect(matchesChord(['/'], key('/'), true)).toBe(false);
    expect(matchesChord(['/'], key('/', { ctrl: true }), false)).toBe(false);
  });

  it('leaves AltGr combinations alone', () => {
    expect(matchesChord([MOD, 'K'], key('k', { ctrl: true, alt: true }), false)).toBe(false);
    expect(matchesChord(['?'], key('?', { alt: true }), false)).toBe(false);
  });
});

describe('chordKeys', () => {
  it('names the modifier the platform’s way', () => {
    expect(chordKeys([MOD, 'K'], true)).toEqual(['⌘', 'K']);
    expect(chordText([MOD, 'F'], false)).toBe('Ctrl+F');
    expect(chordText(['?'], false)).toBe('?');
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
