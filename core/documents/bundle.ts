/**
 * Whether the core runs from the Electron build's bundle (dist/electron/main.cjs) rather than
 * from the sources: build/build.ts defines WORKBENCH_BUNDLE for its Node bundles. A bundle
 * carries pdfmake, pdfkit and fontkit inside itself and its fonts beside it, and the packaged
 * app may ship no node_modules for them, so it must not look for them there.
 */
declare const WORKBENCH_BUNDLE: boolean | undefined;

export const RUNS_BUNDLED = typeof WORKBENCH_BUNDLE !== 'undefined' && WORKBENCH_BUNDLE;
