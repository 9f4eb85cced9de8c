/** Shown in the title bar and app.info; kept in step with package.json by core/version.test.ts. */
export const APP_NAME = 'Một cửa — Bàn làm việc';
export const APP_VERSION = '0.1.0';
