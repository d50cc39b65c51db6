import { crc32 } from "node:zlib";

// A PNG is this signature, then chunks: the data's length (4 bytes), the type (4), the data, and the CRC of type and data (4).
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A chunk of a PNG: its type, its data, and where it lies in the file. */
interface Chunk {
  readonly type: string;
  readonly data: Buffer;
  readonly start: number;
  readonly end: number;
}

/**
 * The chunks of a whole, uncorrupted PNG, in order; undefined for bytes that are not one (another
 * signature, a chunk running past the end or failing its CRC, anything but IEND last).
 */
export function pngChunks(png: Uint8Array): Chunk[] | undefined {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (bytes.length < SIGNATURE.length || !bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE)) return undefined;
  const chunks: Chunk[] = [];
  for (let at = SIGNATURE.length; at < bytes.length; ) {
    if (at + 12 > bytes.length) return undefined;
    const end = at + 12 + bytes.readUInt32BE(at);
    if (end > bytes.length || crc32(bytes.subarray(at + 4, end - 4)) !== bytes.readUInt32BE(end - 4)) return undefined;
    chunks.push({ type: bytes.toString("latin1", at + 4, at + 8), data: bytes.subarray(at + 8, end - 4), start: at, end });
    at = end;
  }
  return chunks.at(-1)?.type === "IEND" ? chunks : undefined;
}

/** The chunk of `type` holding `data`, with its length and CRC. */
function chunkOf(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, "latin1");
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}

/** A chunk to write: its type and data (chunkOf adds the length and CRC). */
export interface NewChunk {
  readonly type: string;
  readonly data: Buffer;
}

/** A PNG of these chunks, in order, after the signature. */
export function pngOf(chunks: readonly NewChunk[]): Buffer {
  return Buffer.concat([SIGNATURE, ...chunks.map((chunk) => chunkOf(chunk.type, chunk.data))]);
}

/**
 * The PNG (one libvips just wrote) with, for each of `chunks`, the first chunk of its kind replaced
 * by it, or it added right after the header (IHDR), in the order given, where PNG allows any
 * ancillary chunk: one pass over the file's chunks. A chunk's kind is its type, and for a tEXt chunk
 * its keyword too, so a PNG holds one text of each keyword.
 */
export function withChunks(png: Buffer, chunks: readonly NewChunk[]): Buffer {
  const found = pngChunks(png);
  const header = found?.[0];
  if (!found || header?.type !== "IHDR") throw new Error("withChunks: not a PNG");
  const byKind = new Map(chunks.map((chunk) => [kindOf(chunk), chunk]));
  const replaced = new Set<string>();
  const rest = found.slice(1).map((existing) => {
    const kind = kindOf(existing);
    const replacement = byKind.get(kind);
    if (!replacement || replaced.has(kind)) return png.subarray(existing.start, existing.end);
    replaced.add(kind);
    return chunkOf(replacement.type, replacement.data);
  });
  const added = chunks.filter((chunk) => !replaced.has(kindOf(chunk))).map((chunk) => chunkOf(chunk.type, chunk.data));
  return Buffer.concat([png.subarray(0, header.end), ...added, ...rest]);
}

/** A chunk's type, and a tEXt chunk's keyword after it (`tEXt Software`). */
function kindOf(chunk: NewChunk): string {
  if (chunk.type !== "tEXt") return chunk.type;
  const end = chunk.data.indexOf(0);
  return `tEXt ${chunk.data.toString("latin1", 0, end === -1 ? chunk.data.length : end)}`;
}

/** A tEXt chunk's data: the keyword, a zero byte, the text (both Latin-1). */
export function textChunk(keyword: string, text: string): Buffer {
  return Buffer.from(`${keyword}\0${text}`, "latin1");
}

/** The text of a PNG's tEXt chunk of `keyword` (undefined for none, or for bytes that are not a whole PNG). */
export function pngText(png: Uint8Array, keyword: string): string | undefined {
  const prefix = `${keyword}\0`;
  for (const chunk of pngChunks(png) ?? []) {
    if (chunk.type === "tEXt" && chunk.data.toString("latin1", 0, prefix.length) === prefix) return chunk.data.toString("latin1", prefix.length);
  }
  return undefined;
}
