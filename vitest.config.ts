import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const alias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) };

/**
 * One run, two projects: unit tests sit next to the code they test; the cross-cutting suites
 * (end-to-end in Chromium, integration, crash and fault tests) live in tests/. One runner means
 * `npm test` ends with a single pass/fail summary.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['{shared,core,electron,central,renderer,build,scripts}/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'suites',
          include: ['tests/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Browser and server suites share 2 cores; running them one file at a time keeps timings honest.
          fileParallelism: false,
        },
      },
    ],
  },
});
