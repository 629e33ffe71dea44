/**
 * The fonts the PDF writer (pdfWriter.ts) draws with: font files parsed once per process
 * and kept (parsing a woff2 is the costly part: brotli in JavaScript), and, per role and
 * character, the file that draws it, chosen as the HTML's CSS chooses:
 * - the role's installed face when the letter settings use system fonts (TTF, OTF, or one
 *   face of a TTC picked by its family name);
 * - then the role's bundled face: among its woff2 subsets whose unicode-range holds the
 *   character, the last listed first (CSS checks the last @font-face rule first), and only
 *   a file that really has the glyph;
 * - then the rare-character face (HanaMin) for Ext-A/Ext-B names.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { Font as FontkitFont } from '@pdf-lib/fontkit';
import type { FontRole, ResolvedFont } from './contract';
import { bundledSubsets, subsetsHolding } from './fonts';

/** A parsed font: the bytes pdf-lib embeds, the face fontkit read from them, and its metrics per em. */
export interface FontFile {
  /** The file (and face) it came from: also what keeps embedding order and names stable. */
  key: string;
  bytes: Uint8Array;
  font: FontkitFont;
  postscriptName: string;
  /** Ascent and descent (positive, down) in ems: where Chromium puts the baseline in a line box. */
  ascent: number;
  descent: number;
  /** Advance of a character, in ems (memoised). */
  advance(cp: number): number;
}

/**
 * The bundled faces are woff2. fontkit reads them, but its subsets of a woff2 face carry the
 * wrong glyph outlines (it copies glyf bytes by the loca offsets of the transformed table),
 * so each file is first turned back into the TrueType font it was made from (Google's woff2
 * decoder, as WebAssembly: wawoff2) and everything else works on that.
 */
const requireHere = createRequire(__filename);
interface Woff2Binding {
  decompress(bytes: Uint8Array): Uint8Array | false;
}
let woff2: Woff2Binding | null = null;
/** Starts the woff2 decoder (once; it is WebAssembly and starts asynchronously). */
export async function fontsReady(): Promise<void> {
  if (woff2) return;
  const decompress = requireHere('wawoff2/decompress') as (b: Uint8Array) => Promise<Uint8Array>;
  // The wrapper awaits the module's start; afterwards its binding decodes synchronously.
  await decompress(new Uint8Array(0)).catch(() => undefined);
  woff2 = requireHere('wawoff2/build/decompress_binding.js') as Woff2Binding;
}

const isWoff2 = (b: Uint8Array) => b[0] === 0x77 && b[1] === 0x4f && b[2] === 0x46 && b[3] === 0x32; // "wOF2"

const files = new Map<string, FontFile | null>();
/** The parsed face for each byte array we hand to pdf-lib: its embedFont() parses nothing again. */
const byBytes = new WeakMap<Uint8Array, FontkitFont>();

/** What pdf-lib's registerFontkit() gets: our parsed faces for our byte arrays, a real parse for anything else. */
export const cachedFontkit = {
  create: (bytes: Uint8Array) => byBytes.get(bytes) ?? fontkit.create(bytes),
};

interface Collection {
  fonts: FontkitFont[];
}

function wrap(key: string, bytes: Uint8Array, font: FontkitFont): FontFile {
  const upem = font.unitsPerEm;
  const advances = new Map<number, number>();
  byBytes.set(bytes, font);
  return {
    key,
    bytes,
    font,
    postscriptName: (font.postscriptName ?? 'Font').replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, ''),
    ascent: font.ascent / upem,
    descent: -font.descent / upem,
    advance(cp) {
      let a = advances.get(cp);
      if (a === undefined) advances.set(cp, (a = font.glyphForCodePoint(cp).advanceWidth / upem));
      return a;
    },
  };
}

/**
 * A font file parsed (once per process). For a collection (.ttc), the face whose family
 * name is `family` (else the first). Null when the file cannot be read or parsed: the
 * next face in the chain draws instead, as in the browser.
 */
export function loadFontFile(file: string, family?: string): FontFile | null {
  const key = family ? `${file}#${family}` : file;
  if (files.has(key)) return files.get(key)!;
  // Asked before the decoder is loaded: a programming error, never remembered as "no such
  // font" (that would drop this face's characters from every later PDF of the process).
  if (!woff2 && file.endsWith('.woff2')) throw new Error('fontsReady() first');
  let loaded: FontFile | null = null;
  try {
    let buffer: Uint8Array = fs.readFileSync(file);
    if (isWoff2(buffer)) {
      if (!woff2) throw new Error('fontsReady() first');
      const ttf = woff2.decompress(buffer);
      if (!ttf) throw new Error(`not a woff2 font: ${file}`);
      buffer = ttf;
    }
    const parsed = fontkit.create(buffer) as FontkitFont | (FontkitFont & Collection);
    if ('fonts' in parsed && Array.isArray(parsed.fonts)) {
      const faces = parsed.fonts;
      const face = faces.find((f) => f.familyName === family || f.postscriptName === family) ?? faces[0];
      // pdf-lib parses the bytes it embeds by itself: hand it a view of its own, mapped to this one face.
      if (face) loaded = wrap(key, new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), face);
    } else loaded = wrap(key, buffer, parsed);
  } catch {
    loaded = null;
  }
  files.set(key, loaded);
  return loaded;
}

/** The bundled file of `face` that draws `cp`, or null. */
function bundledFileFor(face: FontRole | 'rare', cp: number): FontFile | null {
  const subsets = bundledSubsets(face);
  const holding = subsetsHolding(subsets, cp);
  for (let i = holding.length - 1; i >= 0; i--) {
    const f = loadFontFile(subsets[holding[i]!]!.file);
    if (f?.font.hasGlyphForCodePoint(cp)) return f;
  }
  return null;
}

/** Per role chain (its resolved face), the file chosen for each character. */
const chosen = new Map<string, Map<number, FontFile | null>>();

/** The font file that draws `cp` in a role resolved as `font`, or null when no face has it. */
export function fileFor(font: ResolvedFont, cp: number): FontFile | null {
  const chainKey = `${font.role}\n${font.source === 'system' ? (font.file ?? '') : ''}\n${font.family}`;
  let memo = chosen.get(chainKey);
  if (!memo) chosen.set(chainKey, (memo = new Map()));
  let f = memo.get(cp);
  if (f === undefined) {
    const system = font.source === 'system' && font.file ? loadFontFile(font.file, font.family) : null;
    f = system?.font.hasGlyphForCodePoint(cp) ? system : (bundledFileFor(font.role, cp) ?? bundledFileFor('rare', cp));
    memo.set(cp, f);
  }
  return f;
}

/**
 * The face whose metrics place a role's lines: the first the CSS family list has for a
 * space (the browser's "first available font"): the installed face, else the bundled one.
 */
export function primaryFile(font: ResolvedFont): FontFile | null {
  return fileFor(font, 0x20) ?? fileFor(font, 0x4e00);
}

/**
 * Parses, ahead of the first PDF, the files that draw `text` in each role: called when a
 * clerk logs in or opens a print page, so the click finds them in memory.
 */
export async function preloadFonts(fonts: ResolvedFont[], text: string): Promise<void> {
  await fontsReady();
  for (const font of fonts) {
    primaryFile(font);
    for (const ch of text) fileFor(font, ch.codePointAt(0)!);
  }
}

/**
 * Every bundled file of the body face (仿宋's stand-in: most of a letter's characters),
 * one file per turn of the event loop so requests are answered in between: the first
 * letter then parses almost nothing. ~100 files, a few ms each.
 */
export async function preloadBodyFace(): Promise<void> {
  await fontsReady();
  for (const s of bundledSubsets('fangsong')) {
    loadFontFile(s.file)?.font.hasGlyphForCodePoint(0x4e00); // also reads its character map
    await new Promise((r) => setImmediate(r));
  }
}
