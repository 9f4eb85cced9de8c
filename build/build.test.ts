import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUNDLED_FONT_DIR,
  FONT_FILES,
  FONT_LICENSE_FILE,
  fontPackageDir,
} from '../core/documents/fonts';
import { buildAll, copyFormFonts, coreBundleOptions } from './build';

/**
 * The packaged desktop app ships dist/ (electron-builder.yml), and pdfmake is bundled into
 * main.cjs: the forms' fonts must travel with the bundle. The Electron bundles are built into a
 * folder outside the checkout, where no node_modules can be reached by walking up, and a small
 * entry bundled with main.cjs's own options renders a form there, as the packaged app would.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let out: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'wb-build-'));
  await buildAll({ only: 'electron', outDir: out });
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** One form's worth of PDF from a bundle at `dir`: the PDF's text and whether fonts were parsed once. */
async function renderFromBundle(dir: string): Promise<{ once: boolean; text: string }> {
  const entry = join(dir, 'forms-probe.cjs');
  await esbuild({
    ...coreBundleOptions(),
    stdin: {
      contents: `
        import { writeFileSync } from 'node:fs';
        import { FORM_FONT } from '@shared/forms';
        import { pdfEngine } from './core/documents/pdf';
        void (async () => {
          const engine = await pdfEngine();
          const pdf = await engine.render({
            pageSize: 'A5',
            pageOrientation: 'portrait',
            pageMargins: [40, 40, 40, 40],
            content: ['Độc lập - Tự do - Hạnh phúc', { text: 'Nguyễn Thị Hương Giang', bold: true }],
            defaultStyle: { font: FORM_FONT, fontSize: 12 },
            info: { title: 'probe', subject: 'probe', creator: 'probe' },
          }, 0);
          writeFileSync(process.argv[2], pdf);
          console.log(JSON.stringify({ once: engine.fontsParsedOnce }));
        })();`,
      resolveDir: root,
      sourcefile: 'forms-probe.ts',
      loader: 'ts',
    },
    outfile: entry,
  });
  const pdf = join(dir, 'probe.pdf');
  const answer = execFileSync(process.execPath, [entry, pdf], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' });
  return { ...(JSON.parse(answer) as { once: boolean }), text: text.normalize('NFC') };
}

describe('the Electron bundle and the forms’ fonts', () => {
  it('ships the four Noto Serif files and their licence beside main.cjs, byte for byte', () => {
    const shipped = join(out, 'electron', BUNDLED_FONT_DIR);
    for (const file of [...Object.values(FONT_FILES), FONT_LICENSE_FILE]) {
      const copy = readFileSync(join(shipped, file));
      expect(copy.equals(readFileSync(join(fontPackageDir(), file))), file).toBe(true);
    }
    expect(readFileSync(join(shipped, FONT_LICENSE_FILE), 'utf8')).toContain(
      'SIL OPEN FONT LICENSE',
    );
    // pdfmake is inside the bundle, not left for node_modules.
    const main = readFileSync(join(out, 'electron', 'main.cjs'), 'utf8');
    expect(main).not.toMatch(/require\(["']pdfmake["']\)/);
  });

  it('renders Vietnamese from a bundle outside the checkout, with the fonts beside it parsed once', async () => {
    const { once, text } = await renderFromBundle(join(out, 'electron'));
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Nguyễn Thị Hương Giang');
    // The bundle's fontkit is the one its pdfkit uses: the fonts are parsed once per process.
    expect(once).toBe(true);
  });

  it('names the missing font when a bundle is shipped without its fonts folder', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'wb-bare-'));
    try {
      await expect(renderFromBundle(bare)).rejects.toThrow(
        new RegExp(`the forms' font is missing: .*${BUNDLED_FONT_DIR}`),
      );
      await copyFormFonts(bare);
      expect((await renderFromBundle(bare)).text).toContain('Hạnh phúc');
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
