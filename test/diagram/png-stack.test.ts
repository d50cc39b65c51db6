import { constants, deflateRawSync, deflateSync, inflateSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { DeflateError, finalBlock } from "../../src/diagram/deflate-blocks.js";
import { pngChunks, pngOf } from "../../src/diagram/png-chunks.js";
import { adler32Combine, stackPngs } from "../../src/diagram/png-stack.js";

/** Deterministic RGBA pixels: noise (which compresses badly: stored and dynamic blocks), runs of one colour and a gradient. */
function pixels(width: number, height: number, seed: number): Buffer {
  const out = Buffer.alloc(width * height * 4);
  let state = seed;
  for (let i = 0; i < out.length; i++) {
    const row = Math.floor(i / (width * 4));
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = row % 3 === 0 ? state >>> 24 : row % 3 === 1 ? 255 : (i * 7) & 0xff;
  }
  return out;
}

async function pngOfPixels(raw: Buffer, width: number, height: number, compressionLevel: number): Promise<Buffer> {
  return sharp(raw, { raw: { width, height, channels: 4 } }).png({ compressionLevel, adaptiveFiltering: false, palette: false }).toBuffer();
}

const adlerOf = (data: Buffer): number => deflateSync(data).readUInt32BE(deflateSync(data).length - 4);

describe("stackPngs", () => {
  it.each([
    ["stored blocks", 0, 40, [3, 5]],
    ["fast compression", 1, 40, [7, 1, 9]],
    ["the diagram's compression", 6, 300, [120, 80]],
    ["the best compression", 9, 64, [1, 1, 1, 30]],
  ])("stacks PNGs of %s into one that decodes to their rows, top to bottom", async (_name, level, width, heights) => {
    const raws = heights.map((height, index) => pixels(width, height, index + 1));
    const parts = await Promise.all(raws.map((raw, index) => pngOfPixels(raw, width, heights[index] ?? 0, level)));
    const stacked = stackPngs(parts);
    const decoded = await sharp(stacked).raw().toBuffer({ resolveWithObject: true });
    expect(decoded.info).toMatchObject({ width, height: heights.reduce((a, b) => a + b, 0), channels: 4 });
    expect(decoded.data.equals(Buffer.concat(raws))).toBe(true);
    // zlib checks the combined Adler-32 too.
    const chunks = pngChunks(stacked)!;
    expect(chunks.map((chunk) => chunk.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    const rows = inflateSync(chunks[1]!.data);
    expect(rows.length).toBe((1 + width * 4) * heights.reduce((a, b) => a + b, 0));
  });

  it("refuses a part whose first row is filtered against the row above it (Up, Average, Paeth), and takes None and Sub", async () => {
    const top = await pngOfPixels(pixels(4, 2, 1), 4, 2, 6);
    const header = pngChunks(top)![0]!.data;
    const partFiltered = (filter: number): Buffer => {
      const rows = Buffer.concat([0, 1].map(() => Buffer.concat([Buffer.from([filter]), Buffer.alloc(16, 9)])));
      return pngOf([
        { type: "IHDR", data: header },
        { type: "IDAT", data: deflateSync(rows) },
        { type: "IEND", data: Buffer.alloc(0) },
      ]);
    };
    for (const filter of [2, 3, 4]) expect(() => stackPngs([top, partFiltered(filter)]), `filter ${String(filter)}`).toThrow(`filter type ${String(filter)}`);
    for (const filter of [0, 1]) expect(stackPngs([top, partFiltered(filter)]).length, `filter ${String(filter)}`).toBeGreaterThan(0);
    // A filtered first row is fine on top: nothing is above it.
    expect(stackPngs([partFiltered(4), top]).length).toBeGreaterThan(0);
  });

  it("refuses PNGs of different widths, interlaced ones and what is not a PNG", async () => {
    const narrow = await pngOfPixels(pixels(4, 2, 1), 4, 2, 6);
    const wide = await pngOfPixels(pixels(5, 2, 1), 5, 2, 6);
    const interlaced = await sharp(pixels(4, 2, 1), { raw: { width: 4, height: 2, channels: 4 } }).png({ progressive: true }).toBuffer();
    expect(() => stackPngs([narrow, wide])).toThrow("different widths");
    expect(() => stackPngs([interlaced, interlaced])).toThrow("interlaced");
    expect(() => stackPngs([narrow, Buffer.from("not a png")])).toThrow("not a whole PNG");
    expect(() => stackPngs([])).toThrow("no PNG");
  });
});

describe("finalBlock", () => {
  const inputs = { empty: Buffer.alloc(0), text: Buffer.from("klotho ".repeat(500)), noise: pixels(256, 200, 7), runs: Buffer.alloc(300_000, 0xff) };
  it.each([
    ["stored", { level: 0 }],
    ["fixed Huffman codes", { strategy: constants.Z_FIXED }],
    ["Huffman codes only", { strategy: constants.Z_HUFFMAN_ONLY }],
    ["runs of one byte", { strategy: constants.Z_RLE }],
    ["dynamic codes", { level: 9 }],
  ])("finds the end of %s streams in their last byte, after the final block's header", (_name, options) => {
    for (const [input, data] of Object.entries(inputs)) {
      const deflated = deflateRawSync(data, options);
      const { header, end } = finalBlock(deflated);
      expect(Math.ceil(end / 8), input).toBe(deflated.length);
      expect(header, input).toBeLessThan(end);
      // The BFINAL bit is set there.
      expect(((deflated[header >>> 3] ?? 0) >>> (header & 7)) & 1, input).toBe(1);
    }
  });

  it("finds the last of several blocks, not the first", () => {
    // Over 64 KiB stored in blocks of at most 65,535 bytes; noise over several dynamic blocks.
    for (const data of [Buffer.alloc(200_000, 7), pixels(512, 400, 3)]) {
      const deflated = deflateRawSync(data, { level: data[0] === 7 ? 0 : 6 });
      const { header } = finalBlock(deflated);
      expect(header).toBeGreaterThan(8 * 1000);
    }
  });

  it("throws a DeflateError for a stream cut short, a reserved block type or bytes that are no deflate stream", () => {
    const deflated = deflateRawSync(pixels(64, 64, 5));
    expect(() => finalBlock(deflated.subarray(0, deflated.length - 20))).toThrow(DeflateError);
    expect(() => finalBlock(Buffer.from([0x07]))).toThrow("reserved type 3");
    expect(() => finalBlock(Buffer.from([0x01, 0x05, 0x00, 0x00, 0x00]))).toThrow("complement");
    expect(() => finalBlock(Buffer.from([0xff, 0xff, 0xff, 0xff]))).toThrow(DeflateError);
  });

  // The codes are read from a padded copy, a few bytes past the end before the offset is checked: no
  // input may read past that padding (a RangeError) or end a block past its last byte.
  it("gives every prefix of a stream and random bytes either an end within them or a DeflateError", () => {
    const outcome = (data: Uint8Array): string => {
      try {
        const { header, end } = finalBlock(data);
        return end <= data.length * 8 && header < end ? "within" : `past the end: ${String(end)} of ${String(data.length * 8)} bits`;
      } catch (error) {
        return error instanceof DeflateError ? "refused" : String(error);
      }
    };
    const streams = [deflateRawSync(pixels(64, 32, 9), { level: 9 }), deflateRawSync(Buffer.from("klotho ".repeat(200)), { strategy: constants.Z_FIXED }), deflateRawSync(pixels(16, 16, 4), { level: 0 })];
    for (const stream of streams) {
      for (let length = 0; length < stream.length; length++) expect(outcome(stream.subarray(0, length)), `${String(length)} of ${String(stream.length)} bytes`).toBe("refused");
      expect(outcome(stream)).toBe("within");
    }
    let state = 17;
    for (let trial = 0; trial < 3000; trial++) {
      const bytes = Buffer.alloc(1 + (trial % 48));
      for (let i = 0; i < bytes.length; i++) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        bytes[i] = state >>> 24;
      }
      expect(["within", "refused"], bytes.toString("hex")).toContain(outcome(bytes));
    }
  });
});

describe("adler32Combine", () => {
  it("gives the Adler-32 of two byte strings one after the other", () => {
    for (const [first, second] of [
      [Buffer.from("klotho"), Buffer.from(" diagram")],
      [pixels(100, 100, 1), pixels(70, 3, 2)],
      [Buffer.alloc(0), Buffer.from("x")],
      [Buffer.alloc(70_000, 0xff), Buffer.alloc(0)],
    ] as const) {
      expect(adler32Combine(adlerOf(first), adlerOf(second), second.length)).toBe(adlerOf(Buffer.concat([first, second])));
    }
  });
});
