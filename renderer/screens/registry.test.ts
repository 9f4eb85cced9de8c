import { describe, expect, it } from 'vitest';
import { InboxIcon } from '../ui/icons';
import { SCREENS } from '.';
import { mainScreen, switchable, visibleScreens, type Screen } from './registry';

const screen = (id: string, over: Partial<Screen> = {}): Screen => ({
  id,
  slot: 'main',
  label: 'screens.records',
  icon: InboxIcon,
  roles: 'everyone',
  Component: () => null,
  ...over,
});

describe('the screen registry', () => {
  it('has the records screen for everyone; officers switch to their dashboard, leaders also to the reports', () => {
    // The print overlay is drawn over the records screen, never switched to; the sandbox's
    // presenter bar sits beside every screen, never switched to either.
    expect(SCREENS.map((s) => [s.id, s.slot])).toEqual([
      ['records', 'main'],
      ['dashboard', 'main'],
      ['reports', 'main'],
      ['print', 'overlay'],
      ['sandbox', 'bar'],
    ]);
    // The demo store's visitor (no roles) has the records screen alone: no switcher.
    const visible = visibleScreens(SCREENS, []);
    expect(mainScreen(visible, '')?.id).toBe('records');
    expect(switchable(visible)).toEqual([]);
    expect(switchable(visibleScreens(SCREENS, ['processing_officer'])).map((s) => s.id)).toEqual([
      'records',
      'dashboard',
    ]);
    expect(switchable(visibleScreens(SCREENS, ['leader'])).map((s) => s.id)).toEqual([
      'records',
      'dashboard',
      'reports',
    ]);
  });

  it('shows a screen only to the roles it names, and switches between main screens', () => {
    const desk = screen('desk', { roles: ['leader'] });
    const bar = screen('trainer-bar', { slot: 'bar', roles: ['trainer'] });
    const all = [screen('records'), desk, bar];
    expect(visibleScreens(all, ['processing_officer']).map((s) => s.id)).toEqual(['records']);
    const leader = visibleScreens(all, ['leader']);
    expect(switchable(leader).map((s) => s.id)).toEqual(['records', 'desk']);
    expect(mainScreen(leader, 'desk')?.id).toBe('desk');
    // A screen the officer may not see (another officer chose it) falls back to the first.
    expect(mainScreen(visibleScreens(all, []), 'desk')?.id).toBe('records');
    const trainer = visibleScreens(all, ['trainer']);
    expect(trainer.map((s) => s.id)).toEqual(['records', 'trainer-bar']);
    expect(switchable(trainer)).toEqual([]);
  });
});
