import type { MenuItemConstructorOptions } from 'electron';

/**
 * The desktop app's menu bar, as a template (no runtime `electron` import, so shell.test.ts
 * asserts it without an Electron binary). Editing and view items are Electron's roles, so copy,
 * paste, undo and zoom work with each platform's shortcuts; the Training menu opens the
 * trainers' sandbox in a window of its own (sandbox-window.ts). Labels are Vietnamese, the
 * officers' language and the app's default; the page's own language switch does not reach the
 * menu bar.
 */

export interface MenuActions {
  openSandbox(): void;
}

export const MENU_LABELS = {
  file: 'Tệp',
  quit: 'Thoát',
  edit: 'Sửa',
  undo: 'Hoàn tác',
  redo: 'Làm lại',
  cut: 'Cắt',
  copy: 'Sao chép',
  paste: 'Dán',
  selectAll: 'Chọn tất cả',
  view: 'Xem',
  zoomIn: 'Phóng to',
  zoomOut: 'Thu nhỏ',
  resetZoom: 'Cỡ chữ mặc định',
  fullScreen: 'Toàn màn hình',
  training: 'Đào tạo',
  openSandbox: 'Mở môi trường đào tạo',
  window: 'Cửa sổ',
  minimize: 'Thu nhỏ cửa sổ',
  close: 'Đóng cửa sổ',
} as const;

export function applicationMenu(
  actions: MenuActions,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const l = MENU_LABELS;
  return [
    // macOS puts the application's own menu first (About, Hide, Quit) whatever the template says.
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: l.file,
      submenu: [
        platform === 'darwin' ? { role: 'close', label: l.close } : { role: 'quit', label: l.quit },
      ],
    },
    {
      label: l.edit,
      submenu: [
        { role: 'undo', label: l.undo },
        { role: 'redo', label: l.redo },
        { type: 'separator' },
        { role: 'cut', label: l.cut },
        { role: 'copy', label: l.copy },
        { role: 'paste', label: l.paste },
        { role: 'selectAll', label: l.selectAll },
      ],
    },
    {
      label: l.view,
      submenu: [
        { role: 'zoomIn', label: l.zoomIn },
        { role: 'zoomOut', label: l.zoomOut },
        { role: 'resetZoom', label: l.resetZoom },
        { type: 'separator' },
        { role: 'togglefullscreen', label: l.fullScreen },
      ],
    },
    {
      label: l.training,
      submenu: [{ id: 'open-sandbox', label: l.openSandbox, click: () => actions.openSandbox() }],
    },
    {
      label: l.window,
      role: 'windowMenu',
      submenu: [
        { role: 'minimize', label: l.minimize },
        { role: 'close', label: l.close },
      ],
    },
  ];
}
