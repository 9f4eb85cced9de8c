import { describe, expect, it } from 'vitest';
import { shouldOpenBrowser } from './workbench';

describe('npm start: opening the browser', () => {
  it('opens it where there is a desktop, never under CI or tests, or with --no-open', () => {
    expect(shouldOpenBrowser('linux', { DISPLAY: ':0' }, false)).toBe(true);
    expect(shouldOpenBrowser('linux', { WAYLAND_DISPLAY: 'wayland-0' }, false)).toBe(true);
    expect(shouldOpenBrowser('linux', {}, false)).toBe(false);
    expect(shouldOpenBrowser('linux', { DISPLAY: ':0' }, true)).toBe(false);
    expect(shouldOpenBrowser('linux', { DISPLAY: ':0', CI: 'true' }, false)).toBe(false);
    expect(shouldOpenBrowser('darwin', {}, false)).toBe(true);
    expect(shouldOpenBrowser('win32', {}, false)).toBe(true);
    expect(shouldOpenBrowser('darwin', { VITEST: 'true' }, false)).toBe(false);
    // This very run is a test.
    expect(shouldOpenBrowser(process.platform, process.env, false)).toBe(false);
  });
});
