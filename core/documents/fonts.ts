import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The forms' font: Noto Serif (SIL Open Font License 1.1) from the npm package
 * @expo-google-fonts/noto-serif, static TrueType files that carry every Vietnamese letter
 * precomposed (NFC text needs no mark positioning). Read from the package, never from the
 * system: the same glyphs on every machine.
 */
export const FONT_PACKAGE = '@expo-google-fonts/noto-serif';

export const FONT_FILES = {
  normal: '400Regular/NotoSerif_400Regular.ttf',
  bold: '700Bold/NotoSerif_700Bold.ttf',
  italics: '400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
  bolditalics: '700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
} as const;

export type FontStyle = keyof typeof FONT_FILES;
export type FontBytes = Readonly<Record<FontStyle, Buffer>>;

/** The folder holding the font package's files (a packaged app may ship them elsewhere). */
export function defaultFontDir(): string {
  const require = createRequire(import.meta.url);
  return join(require.resolve(`${FONT_PACKAGE}/package.json`), '..');
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
