import { createRequire } from "node:module";
import type Sharp from "sharp";
import { pngText, textChunk, withChunks, type NewChunk } from "./png-chunks.js";
import { mapLimited } from "../util/map-limited.js";
import { stackPngs } from "./png-stack.js";
import type { Scene } from "./scene.js";
import { writeSvg } from "./svg.js";

/** How many PNG pixels per SVG pixel: 2, for crisp text on high-density screens. */
export const PNG_SCALE = 2;
/**
 * The pixels of a 4K screen (3840 × 2160). A diagram that would be larger than that at PNG_SCALE is
 * drawn at scale 1, as the SVG's pixels: the PNG is the whole diagram at a glance, and the SVG beside it
 * is exact at any zoom. Whole scales only: at a scale between 1 and 2 a one-pixel line or a letter's
 * stem falls across two pixels, as sharp as neither, and the pixels a PNG has are the time it takes (the
 * 1,000-file bench app's 22 resources: 15.4 megapixels at 2, 8.2 at the 1.46 that would fill a 4K
 * screen, 3.9 at 1; its PNG took about 90 ms less of a compile at 1 than at 1.46).
 */
export const PNG_SCREEN_BUDGET = 3840 * 2160;
// The most pixels a PNG may have; a huge diagram is drawn under scale 1 to stay under it.
const PNG_PIXEL_BUDGET = 64_000_000;
// A diagram up to this tall (SVG pixels) is drawn whole, in one pipeline; a taller one in bands (bandHeight).
const WHOLE_UP_TO = 600;
// The rows of the tiles libvips draws an SVG in: librsvg draws a band's whole document for each, so a
// band at most this tall is drawn once (across, once for each 2,000 columns).
const SVG_TILE_ROWS = 2000;
// The most PNG pixels a band may have (24 MB as RGBA): what bounds a huge diagram's memory.
const BAND_PIXELS = 6_000_000;
// How many bands are drawn at once: one for each of the two threads libvips encodes on.
const BAND_PIPELINES = 2;

/**
 * The scale a `width` × `height` SVG is rasterised at: PNG_SCALE when that fits a 4K screen
 * (PNG_SCREEN_BUDGET), else 1, and under 1 only past the pixel budget (two decimals, rounded down).
 */
export function pngScale(width: number, height: number): number {
  const area = Math.max(1, width * height);
  if (area * PNG_SCALE * PNG_SCALE <= PNG_SCREEN_BUDGET) return PNG_SCALE;
  return Math.min(1, Math.floor(Math.sqrt(PNG_PIXEL_BUDGET / area) * 100) / 100);
}

/**
 * How tall (SVG pixels) the bands of a `width` × `height` scene drawn at `scale` are: the whole scene up
 * to WHOLE_UP_TO; else bands as tall as the tiles libvips draws (SVG_TILE_ROWS) and the pixel budget
 * (BAND_PIXELS) allow, as many as a multiple of the pipelines and of one height, so that neither
 * pipeline is left drawing alone (the 1,000-file bench app's 1,991 rows, drawn at 1.46 before: two
 * bands of 1,000, where bands of 600 gave 600 + 600 against 600 + 191, 3,000 more page faults and a PNG
 * 60-90 ms later in a compile). A whole number of steps (bandStep), so that every band starts on a
 * whole PNG pixel.
 */
export function bandHeight(width: number, height: number, scale: number): number {
  if (height <= WHOLE_UP_TO) return Math.ceil(height);
  const step = bandStep(scale);
  const fitting = Math.min(SVG_TILE_ROWS / scale, BAND_PIXELS / (Math.max(1, width) * scale * scale));
  const most = Math.max(step, Math.floor(fitting / step) * step);
  const bands = Math.ceil(Math.max(BAND_PIPELINES, Math.ceil(height / most)) / BAND_PIPELINES) * BAND_PIPELINES;
  return Math.ceil(height / bands / step) * step;
}

/**
 * The fewest SVG pixels that make a whole number of PNG pixels at `scale` (two decimals, k / 100):
 * 100 / gcd(100, k). 1 at scales 1 and 2, 5 at 0.8, 100 at 0.37.
 */
export function bandStep(scale: number): number {
  let a = 100;
  let b = Math.round(scale * 100);
  while (b !== 0) [a, b] = [b, a % b];
  return 100 / a;
}

/** Options of sceneToPng: chunks to record besides the renderer (added after it), and the height of a band (SVG pixels; bandHeight when not given). */
export interface PngOptions {
  readonly chunks?: readonly NewChunk[];
  readonly bandHeight?: number;
}

/**
 * The scene rasterised by sharp (librsvg), loaded on first use, at pngScale, as RGB: the scene's
 * background is opaque white, so an alpha channel would hold nothing but a quarter of the bytes to
 * compress. The PNG carries no metadata but its density and its renderer (pngRenderer), and its
 * compression settings are fixed, so the same scene gives the same bytes from one run to the next, and
 * the same pixels drawn whole or in bands of `bandHeight` SVG pixels: for a scene of whole pixels
 * (drawScene rounds its size up), at scales 2 and 1 (a diagram past the pixel budget is drawn at a
 * fraction, where bands may round a pixel's shade differently).
 */
export async function sceneToPng(scene: Scene, title: string, options: PngOptions = {}): Promise<Uint8Array> {
  const { chunks = [] } = options;
  const sharp = loadSharp();
  const scale = pngScale(scene.width, scene.height);
  const band = options.bandHeight ?? bandHeight(scene.width, scene.height, scale);
  // A diagram one band tall is rasterised and encoded in one pipeline.
  if (scene.height <= band) return toBytes(withChunks(await sharp(Buffer.from(writeSvg(scene, title)), { density: 72 * scale }).removeAlpha().png(FINAL_PNG).toBuffer(), [rendererChunk(), ...chunks]));
  // A taller one band by band: each band's document (holding only the shapes that reach into it)
  // drawn and encoded in a pipeline of its own, two at a time on libuv's pool (libvips encodes a PNG
  // on one thread), and their PNGs stacked into one (stackPngs) without decoding a pixel. A pipeline
  // holds one band's pixels: joining half the bands in one pipeline held them all (a 63-megapixel
  // diagram peaked 400 MB above its scene; band by band 120 MB, and in about 15% less time). Each
  // band's SVG is drawn at the scale (as its own size), and the stacked PNG is given the density.
  const width = Math.round(scene.width * scale);
  const height = Math.round(scene.height * scale);
  const tops = Array.from({ length: Math.ceil(scene.height / band) }, (_, index) => index * band);
  const bands = await mapLimited(tops, BAND_PIPELINES, (y) => {
    const svg = Buffer.from(writeSvg(scene, title, { x: 0, y, width: scene.width, height: band }, scale));
    // Every band is drawn one height; the last is cut back to the scene.
    const rows = Math.min(Math.round((y + band) * scale), height) - Math.round(y * scale);
    return sharp(svg).extract({ left: 0, top: 0, width, height: rows }).removeAlpha().png(FINAL_PNG).toBuffer();
  });
  return toBytes(withChunks(stackPngs(bands), [rendererChunk(), densityChunk(72 * scale), ...chunks]));
}

/**
 * The pHYs chunk of a PNG drawn at `dpi`: the density libvips records for an SVG it draws, which a
 * joined image lacks. A viewer that reads it shows a scale-2 PNG at the SVG's size on a high-density
 * screen.
 */
export function densityChunk(dpi: number): NewChunk {
  const pixelsPerMetre = Math.round((dpi / 25.4) * 1000);
  const data = Buffer.alloc(9);
  data.writeUInt32BE(pixelsPerMetre, 0);
  data.writeUInt32BE(pixelsPerMetre, 4);
  data.writeUInt8(1, 8);
  return { type: "pHYs", data };
}

/**
 * Bumped whenever the same SVG would give other PNG bytes (the scale, the bands, the chunks, the encoder's
 * settings): it is part of pngRenderer, so a recompile never keeps a PNG an older klotho drew.
 */
const PNG_FORMAT = 7;

/**
 * What draws this build's PNGs, recorded in each (a tEXt chunk, `Software`): klotho's PNG format and
 * the versions of librsvg and libvips. The same SVG drawn by the same renderer gives the same bytes,
 * which is what lets a recompile keep an earlier PNG (see isPngOf).
 */
export function pngRenderer(): string {
  const { versions } = loadSharp();
  return `klotho diagram PNG ${String(PNG_FORMAT)} (librsvg ${versions.rsvg ?? "?"}, libvips ${versions.vips})`;
}

/** Whether `png` is a whole PNG (every chunk's CRC right) that `renderer` drew. */
export function isPngOf(png: Uint8Array, renderer: string): boolean {
  return pngText(png, RENDERER_KEYWORD) === renderer;
}

const RENDERER_KEYWORD = "Software";

/** The tEXt chunk recording the renderer (see pngRenderer). */
function rendererChunk(): NewChunk {
  return { type: "tEXt", data: textChunk(RENDERER_KEYWORD, pngRenderer()) };
}

/** The PNG's encoder settings: fixed, so the same pixels always give the same bytes. */
const FINAL_PNG = { compressionLevel: 6, adaptiveFiltering: false, palette: false, progressive: false } as const;

function toBytes(png: Buffer): Uint8Array {
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** sharp, loaded on first use with `require`: its CommonJS build loads in half the time of its ES module one. */
export function loadSharp(): typeof Sharp {
  return createRequire(import.meta.url)("sharp") as typeof Sharp;
}
