import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Builds the renderer into dist/renderer. Both hosts serve it under a strict CSP
 * (`script-src 'self'; style-src 'self'`), so the output must contain no inline script or style:
 * assets are never inlined as data: URLs into JS/CSS, and the module-preload polyfill (an inline
 * script) is off — Chromium, the only engine we ship in, supports modulepreload natively.
 * `base: './'` keeps asset URLs relative, so the same build works from app:// and http://.
 */
export default defineConfig({
  root: fromRoot('./renderer'),
  base: './',
  publicDir: false,
  plugins: [react()],
  resolve: {
    alias: { '@shared': fromRoot('./shared') },
  },
  build: {
    outDir: fromRoot('./dist/renderer'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'chrome130',
    // Maps are written for debugging but not named in the bundles; the browser host serves them
    // only when a developer asks (WORKBENCH_SOURCE_MAPS=1).
    sourcemap: 'hidden',
    reportCompressedSize: false,
    // Served from the local disk (app:// or loopback), never over a network: one ~500 kB chunk
    // (React, TanStack, i18next, zod via the shared domain rules) parses faster than a waterfall.
    chunkSizeWarningLimit: 800,
  },
  server: {
    host: '127.0.0.1',
    strictPort: false,
  },
});
