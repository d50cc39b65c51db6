import { createRequire } from "node:module";
import type Sharp from "sharp";
import type { Scene } from "./scene.js";
import { writeSvg } from "./svg.js";

/** How many PNG pixels per SVG pixel: 2, for crisp text on high-density screens. */
export const PNG_SCALE = 2;
// The most pixels a PNG may have; a very large diagram is drawn at a smaller scale to stay under it (its SVG is exact at any zoom).
const PNG_PIXEL_BUDGET = 64_000_000;
// A tall diagram is rasterised in bands this tall (SVG pixels; a whole number of PNG pixels at any
// two-decimal scale): librsvg draws a document once per strip that libvips asks for, so each band
// holds only the shapes that reach into it.
const BAND_HEIGHT = 600;

/** The scale a `width` × `height` SVG is rasterised at: PNG_SCALE, or less for a diagram too large for the pixel budget. */
export function pngScale(width: number, height: number): number {
  const fit = Math.sqrt(PNG_PIXEL_BUDGET / Math.max(1, width * height));
  return Math.min(PNG_SCALE, Math.floor(fit * 100) / 100);
}

/**
 * The scene rasterised by sharp (librsvg), loaded on first use. The PNG carries no metadata and
 * its compression settings are fixed, so the same scene gives the same bytes, drawn whole or in
 * bands of `bandHeight` SVG pixels: for a scene of whole pixels (drawScene rounds its size up) and
 * bands that are a whole number of PNG pixels at the scale (BAND_HEIGHT is, at any two-decimal scale).
 */
export async function sceneToPng(scene: Scene, title: string, bandHeight = BAND_HEIGHT): Promise<Uint8Array> {
  const sharp = loadSharp();
  const scale = pngScale(scene.width, scene.height);
  // A diagram one band tall is rasterised and encoded in one pipeline: the same pixels and bytes, without
  // a band's intermediate PNG to write and read back (a third of a small diagram's PNG time).
  if (scene.height <= bandHeight) return toBytes(await sharp(Buffer.from(writeSvg(scene, title)), { density: 72 * scale }).png(FINAL_PNG).toBuffer());
  // Bands are all one height (sharp joins equal cells), so the last one reaches past the scene; the joined image is cut back to it.
  // They rasterise at the same time, on libvips' threads; the whole image is held for the join anyway.
  const tops = Array.from({ length: Math.ceil(scene.height / bandHeight) }, (_, band) => band * bandHeight);
  const bands = await Promise.all(
    tops.map((y) => {
      const svg = writeSvg(scene, title, { x: 0, y, width: scene.width, height: bandHeight });
      return sharp(Buffer.from(svg), { density: 72 * scale }).png({ compressionLevel: 0 }).toBuffer();
    }),
  );
  // Joined and cut back to the scene in one pipeline; a band's size is in its PNG header.
  const band = await sharp(bands[0]).metadata();
  const height = Math.min(bands.length * (band.height ?? 0), Math.round(scene.height * scale));
  const png = await sharp(bands, { join: { across: 1 } })
    .extract({ left: 0, top: 0, width: band.width ?? 0, height })
    .png(FINAL_PNG)
    .toBuffer();
  return toBytes(png);
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
