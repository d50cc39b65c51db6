import type { PreviousDiagram } from "../load/previous-diagram.js";
import { sha256 } from "../util/sha256.js";
import { pngText, textChunk, type NewChunk } from "./png-chunks.js";
import type { Topology } from "./topology.js";

/**
 * What a drawing is drawn from: the topology (everything the diagram shows, and nothing else: a
 * route's place in the code is left out of it) and the code that draws. The same key gives the same
 * SVG, and the same PNG from the same renderer.
 */
export function drawingKey(topology: Topology, code: string): string {
  return sha256(JSON.stringify({ code, topology }));
}

// The PNG's tEXt keyword for `<drawing key> <SHA-256 of the SVG drawn with it>`.
const DRAWING_KEYWORD = "klotho drawing";

/** The tEXt chunk a PNG drawn from `key` carries, naming the key and the SVG drawn with it. */
export function drawingChunk(key: string, svg: string): NewChunk {
  return { type: "tEXt", data: textChunk(DRAWING_KEYWORD, `${key} ${sha256(svg)}`) };
}

/** The drawing a PNG records (drawingChunk's text), if it is a whole PNG and records one. */
export function recordedDrawing(png: Uint8Array): string | undefined {
  return pngText(png, DRAWING_KEYWORD);
}

/**
 * Whether the output folder's diagram was drawn from `key`: its PNG (whole, every CRC right) names
 * the key and the SVG beside it, byte for byte. The renderer is checked apart (isPngOf).
 */
export function isDrawingOf(previous: PreviousDiagram, key: string): boolean {
  return recordedDrawing(previous.png) === `${key} ${sha256(previous.svg)}`;
}
