import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNS_BUNDLED } from './bundle';

/**
 * The forms' font: Noto Serif (SIL Open Font License 1.1) from the npm package
 * @expo-google-fonts/noto-serif, static TrueType files that carry every Vietnamese letter
 * precomposed (NFC text needs no mark positioning). Read from the package, never from the
 * system: the same glyphs on every machine. The Electron build copies the four files (and the
 * font's licence) into `fonts/` beside its bundle, laid out as in the package, since the
 * packaged app need not ship the package.
 */
export const FONT_PACKAGE = '@expo-google-fonts/noto-serif';

export const FONT_FILES = {
  normal: '400Regular/NotoSerif_400Regular.ttf',
  bold: '700Bold/NotoSerif_700Bold.ttf',
  italics: '400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
  bolditalics: '700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
} as const;

/** The folder beside the bundle that holds the fonts (build/build.ts copies them there). */
export const BUNDLED_FONT_DIR = 'fonts';

/** The package's licence of the font files (SIL OFL 1.1), shipped with them. */
export const FONT_LICENSE_FILE = 'LICENSE_FONT';

export type FontStyle = keyof typeof FONT_FILES;
export type FontBytes = Readonly<Record<FontStyle, Buffer>>;

/** The font package's own folder (in node_modules), where the build copies the fonts from. */
export function fontPackageDir(): string {
  const require = createRequire(import.meta.url);
  return join(require.resolve(`${FONT_PACKAGE}/package.json`), '..');
}

/** Where the fonts are read from: beside the bundle when bundled, else the package. */
export function defaultFontDir(): string {
  if (RUNS_BUNDLED) return join(dirname(fileURLToPath(import.meta.url)), BUNDLED_FONT_DIR);
  return fontPackageDir();
}

export function readFonts(dir: string = defaultFontDir()): FontBytes {
  const read = (style: FontStyle): Buffer => {
    const path = join(dir, FONT_FILES[style]);
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(`the forms' font is missing: ${path} (npm package ${FONT_PACKAGE})`, {
        cause: error,
      });
    }
  };
  return {
    normal: read('normal'),
    bold: read('bold'),
    italics: read('italics'),
    bolditalics: read('bolditalics'),
  };
}
