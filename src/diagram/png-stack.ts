import { constants, inflateSync } from "node:zlib";
import { finalBlock } from "./deflate-blocks.js";
import { pngChunks, pngOf } from "./png-chunks.js";

/**
 * PNGs of one width and pixel format, non-interlaced, the first row of each but the first filtered
 * with None or Sub (libvips writes every row with None when adaptive filtering is off; checked, see
 * checkFirstRowStandsAlone), stacked top to bottom into one PNG without decoding a pixel:
 * their zlib streams are joined into one. Each stream but the last has its final block marked not
 * final and is byte-aligned by an empty stored block (the marker of zlib's sync flush); the Adler-32
 * of the whole is combined from theirs. A PNG's rows can be encoded on two threads this way, which
 * libvips alone cannot do. The result has the first PNG's header with the total height, one IDAT
 * chunk and IEND: chunks of the parts other than IHDR and IDAT are left out.
 */
export function stackPngs(parts: readonly Uint8Array[]): Buffer {
  const decoded = parts.map(partOf);
  const first = decoded[0];
  if (!first) throw new Error("stackPngs: no PNG to stack");
  for (const part of decoded) {
    if (!part.header.subarray(0, 4).equals(first.header.subarray(0, 4)) || !part.header.subarray(8).equals(first.header.subarray(8))) {
      throw new Error("stackPngs: PNGs of different widths or pixel formats");
    }
  }
  if (first.header[12] !== 0) throw new Error("stackPngs: an interlaced PNG");
  const rowBytes = 1 + Math.ceil((first.header.readUInt32BE(0) * bitsPerPixel(first.header)) / 8);
  for (const part of decoded.slice(1)) checkFirstRowStandsAlone(part.stream);
  const deflated: Buffer[] = [zlibHeader(decoded.map((part) => part.stream))];
  let adler = 1;
  for (const [index, part] of decoded.entries()) {
    const data = part.stream.subarray(2, part.stream.length - 4);
    deflated.push(index === decoded.length - 1 ? data : notFinal(data));
    adler = adler32Combine(adler, part.stream.readUInt32BE(part.stream.length - 4), part.height * rowBytes);
  }
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(adler >>> 0);
  deflated.push(trailer);
  const header = Buffer.from(first.header);
  header.writeUInt32BE(decoded.reduce((height, part) => height + part.height, 0), 4);
  return pngOf([
    { type: "IHDR", data: header },
    { type: "IDAT", data: Buffer.concat(deflated) },
    { type: "IEND", data: Buffer.alloc(0) },
  ]);
}

interface Part {
  readonly header: Buffer;
  readonly height: number;
  /** The zlib stream of its IDAT chunks. */
  readonly stream: Buffer;
}

function partOf(png: Uint8Array): Part {
  const chunks = pngChunks(png);
  const header = chunks?.[0];
  if (!chunks || header?.type !== "IHDR" || header.data.length !== 13) throw new Error("stackPngs: not a whole PNG");
  const stream = Buffer.concat(chunks.filter((chunk) => chunk.type === "IDAT").map((chunk) => chunk.data));
  // zlib: deflate (method 8), no preset dictionary, then the Adler-32 of the data.
  if (stream.length < 6 || ((stream[0] ?? 0) & 0x0f) !== 8 || ((stream[1] ?? 0) & 0x20) !== 0) throw new Error("stackPngs: image data that is not a zlib stream");
  return { header: header.data, height: header.data.readUInt32BE(4), stream };
}

/**
 * The zlib header of the joined streams: the largest window any of them declares (an encoder declares
 * a small one for a small image, and a decoder may allocate no more), the first's compression level.
 */
function zlibHeader(streams: readonly Buffer[]): Buffer {
  const window = Math.max(...streams.map((stream) => (stream[0] ?? 0) >>> 4));
  const method = (window << 4) | 8;
  const level = (streams[0]?.[1] ?? 0) & 0xc0;
  return Buffer.from([method, level | (31 - ((method * 256 + level) % 31)) % 31]);
}

/**
 * Stacked, a part's first row follows the last row of the part above, which its filter would read if
 * it were Up, Average or Paeth: only None (0) and Sub (1) decode the same. Its filter byte is the
 * first byte of the part's data, inflated from the stream's first 512 bytes (a dynamic block's
 * header takes at most about 290, and its first code follows it).
 */
function checkFirstRowStandsAlone(stream: Buffer): void {
  const start = inflateSync(stream.subarray(0, 512), { finishFlush: constants.Z_SYNC_FLUSH });
  const filter = start[0];
  if (filter === undefined || filter > 1) throw new Error(`stackPngs: a part whose first row is filtered against the row above it (filter type ${String(filter)})`);
}

/** Bits per pixel of a PNG header: its bit depth times its colour type's samples. */
function bitsPerPixel(header: Buffer): number {
  const samples = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[header[9] ?? -1];
  if (samples === undefined) throw new Error("stackPngs: an unknown colour type");
  return (header[8] ?? 0) * samples;
}

/** A deflate stream whose final block is marked not final and followed by an empty stored block, which ends on a byte. */
function notFinal(data: Buffer): Buffer {
  const { header, end } = finalBlock(data);
  const out = Buffer.alloc(Math.ceil((end + 3) / 8) + 4);
  data.copy(out, 0, 0, Math.ceil(end / 8));
  out[header >>> 3] = (out[header >>> 3] ?? 0) & ~(1 << (header & 7));
  // The bits after the block in its last byte are cleared: with them, the stored block's header (BFINAL 0, type 00) and the padding to the byte.
  const used = end & 7;
  if (used !== 0) out[end >>> 3] = (out[end >>> 3] ?? 0) & ((1 << used) - 1);
  // LEN 0, NLEN 0xffff, after the byte that holds the three header bits.
  out.writeUInt16LE(0x0000, out.length - 4);
  out.writeUInt16LE(0xffff, out.length - 2);
  return out;
}

const ADLER_BASE = 65521;

/** The Adler-32 of two byte strings one after the other, from theirs and the second's length (zlib's adler32_combine). */
export function adler32Combine(first: number, second: number, secondLength: number): number {
  const remainder = secondLength % ADLER_BASE;
  let sum1 = first & 0xffff;
  let sum2 = (remainder * sum1) % ADLER_BASE;
  sum1 += (second & 0xffff) + ADLER_BASE - 1;
  sum2 += ((first >>> 16) & 0xffff) + ((second >>> 16) & 0xffff) + ADLER_BASE - remainder;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum2 >= 2 * ADLER_BASE) sum2 -= 2 * ADLER_BASE;
  if (sum2 >= ADLER_BASE) sum2 -= ADLER_BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}
