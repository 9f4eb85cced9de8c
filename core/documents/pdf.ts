import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import { FORM_FONT, type DocumentDefinition } from '@shared/forms';
import { RUNS_BUNDLED } from './bundle';
import { readFonts, type FontBytes, type FontStyle } from './fonts';

/**
 * Document definition → PDF bytes, with pdfmake (pure JavaScript) and the bundled font: no
 * network (pdfmake's URL and local-file policies refuse everything), no system fonts. The same
 * definition gives the same bytes in every host and in the CLI: the PDF's dates come from the
 * caller, and pdfkit derives the file's ID from them.
 *
 * The font is read and parsed once per process. pdfkit would otherwise parse the TrueType file
 * (and its layout tables, the bulk of the time of a small form) again for every document, since
 * it only accepts bytes. So each font is registered with pdfkit's own fontkit as a small tagged
 * buffer that a registered format answers with the parsed font; fontkit fonts hold no state of
 * the document (pdfkit keeps subsets and widths per document). Should that fontkit not be the
 * one this module reaches (a bundler that duplicated it), the first render fails to open the
 * tag, and the engine falls back to the plain bytes: slower, identical output. In the Electron
 * bundle the fontkit asked for is the bundle's own (see pdfkitFontkit), so fonts are parsed once
 * there too.
 */

interface FontkitFont {
  readonly characterSet: readonly number[];
  glyphForCodePoint(codePoint: number): unknown;
}

interface Fontkit {
  create(buffer: Uint8Array): FontkitFont;
  registerFormat(format: unknown): void;
}

/**
 * Creates every glyph of the font with its character first. fontkit keeps a glyph object per id
 * with the characters it was first made for, and pdfkit names characters in a PDF's text layer
 * from them; a glyph first made as a part of another (the "a" inside "ạ", when a subset is
 * written) would have none, and a later document's "a" would not be found by search or copy.
 */
function prime(font: FontkitFont): FontkitFont {
  for (const codePoint of font.characterSet) font.glyphForCodePoint(codePoint);
  return font;
}

const TAG = [0x4d, 0x43, 0x46, 0x31]; // "MCF1"
const STYLES: readonly FontStyle[] = ['normal', 'bold', 'italics', 'bolditalics'];
const parsed: unknown[] = [];

function tagOf(index: number): Buffer {
  const tag = Buffer.alloc(8);
  TAG.forEach((byte, i) => tag.writeUInt8(byte, i));
  tag.writeUInt32LE(index, 4);
  return tag;
}

function tagIndex(bytes: Uint8Array): number | null {
  if (bytes.length !== 8 || TAG.some((byte, i) => bytes[i] !== byte)) return null;
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
}

/** A fontkit format that opens a tag as the font parsed for it. */
class ParsedFont {
  static probe(bytes: Uint8Array): boolean {
    const index = tagIndex(bytes);
    return index !== null && index < parsed.length;
  }
  constructor(stream: { buffer: Uint8Array }) {
    const index = tagIndex(stream.buffer);
    // A constructor may hand back another object: fontkit gets the font parsed once.
    return (index === null ? undefined : parsed[index]) as ParsedFont;
  }
}

function pdfkitFontkit(): Fontkit | null {
  try {
    if (RUNS_BUNDLED) {
      // esbuild resolves this require as it resolves pdfkit's own require of fontkit (the
      // CommonJS build), so both are the one module inside the bundle; a node_modules copy,
      // if the packaged app had one, would be another instance that pdfkit never asks.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require('fontkit') as Fontkit;
    }
    // From the sources, the fontkit that pdfkit itself requires, wherever npm put it.
    const fromHere = createRequire(import.meta.url);
    const fromPdfkit = createRequire(fromHere.resolve('pdfkit'));
    return fromPdfkit('fontkit') as Fontkit;
  } catch {
    return null;
  }
}

export interface PdfEngine {
  render(definition: DocumentDefinition, producedAt: number): Promise<Uint8Array>;
  /** Whether fonts are parsed once (false: the fallback that parses them per document). */
  readonly fontsParsedOnce: boolean;
}

let engine: Promise<PdfEngine> | null = null;

function install(fonts: FontBytes, tagged: boolean, fontkit: Fontkit | null): void {
  const files: Record<FontStyle, string> = {
    normal: '',
    bold: '',
    italics: '',
    bolditalics: '',
  };
  for (const style of STYLES) {
    const path = `forms/${style}.ttf`;
    if (tagged && fontkit) {
      parsed.push(prime(fontkit.create(fonts[style])));
      pdfmake.virtualfs.writeFileSync(path, tagOf(parsed.length - 1));
    } else {
      pdfmake.virtualfs.writeFileSync(path, fonts[style]);
    }
    files[style] = path;
  }
  pdfmake.setFonts({ [FORM_FONT]: files });
}

async function toBytes(definition: DocumentDefinition, producedAt: number): Promise<Uint8Array> {
  const when = new Date(producedAt);
  // pdfmake keeps references into the definition; a copy keeps the caller's untouched.
  const copy = structuredClone(definition) as DocumentDefinition & { info: object };
  const buffer = await pdfmake
    .createPdf({ ...copy, info: { ...copy.info, creationDate: when, modDate: when } })
    .getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

const PROBE: DocumentDefinition = {
  pageSize: 'A5',
  pageOrientation: 'portrait',
  pageMargins: [20, 20, 20, 20],
  content: ['Độc lập - Tự do - Hạnh phúc', { text: 'Ữ', bold: true }, { text: 'ặ', italics: true }],
  defaultStyle: { font: FORM_FONT, fontSize: 10, lineHeight: 1 },
  info: { title: 'probe', subject: 'probe', creator: 'probe' },
};

async function start(fontDir?: string): Promise<PdfEngine> {
  const fonts = readFonts(fontDir);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  const fontkit = pdfkitFontkit();
  let once = false;
  if (fontkit) {
    fontkit.registerFormat(ParsedFont);
    install(fonts, true, fontkit);
    try {
      // Also the warm-up: the first layout decodes the font's tables.
      await toBytes(PROBE, 0);
      once = true;
    } catch {
      once = false;
    }
  }
  if (!once) install(fonts, false, null);
  return { render: toBytes, fontsParsedOnce: once };
}

/** The process's PDF engine, started (fonts read and parsed) on first use. */
export function pdfEngine(fontDir?: string): Promise<PdfEngine> {
  engine ??= start(fontDir).catch((error: unknown) => {
    engine = null;
    throw error;
  });
  return engine;
}

/** One document definition as PDF bytes. */
export async function renderPdf(
  definition: DocumentDefinition,
  producedAt: number,
): Promise<Uint8Array> {
  return (await pdfEngine()).render(definition, producedAt);
}
