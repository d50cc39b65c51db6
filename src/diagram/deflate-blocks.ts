/**
 * Where a raw deflate stream (RFC 1951) ends: its final block's header and the bit after its
 * end-of-block code, found by decoding every block's codes (stored, fixed and dynamic Huffman) without
 * writing out what they stand for. stackPngs needs both to append another stream after this one.
 *
 * It runs once per diagram, on a stream of a few hundred kilobytes, before V8 has optimised any of it:
 * the codes are read by bit offset from a zero-padded copy (four bytes at a time, one DataView read),
 * in loops whose state is local variables. A reader object with a bit buffer, one method call per bit
 * field, took 44-47 ms for a 173 KB band of the 1,000-file bench app's PNG in a fresh process; this 19-28 ms.
 */
export interface FinalBlock {
  /** Offset, in bits from the stream's first, of the final block's BFINAL bit. */
  readonly header: number;
  /** Offset, in bits, of the first bit after the final block. */
  readonly end: number;
}

/** Thrown for bytes that are not a whole deflate stream. */
export class DeflateError extends Error {}

export function finalBlock(data: Uint8Array): FinalBlock {
  const bits = new PaddedBits(data);
  let at = 0;
  for (;;) {
    const header = at;
    const final = bits.read(at, 1);
    const type = bits.read(at + 1, 2);
    at += 3;
    if (type === 0) at = skipStored(bits, at);
    else if (type === 1) at = skipCodes(bits, at, FIXED.literals, FIXED.distances);
    else if (type === 2) {
      const tables = dynamicTables(bits, at);
      at = skipCodes(bits, tables.end, tables.literals, tables.distances);
    } else throw new DeflateError("a block of the reserved type 3");
    if (at > bits.end) throw new DeflateError("the stream is cut short");
    if (final === 1) return { header, end: at };
  }
}

/**
 * The stream's bits, least significant first as deflate packs them, read at any bit offset up to a
 * little past the end (zeros there): the callers check their offset against `end` before it can run
 * further than PADDING bytes past it.
 */
class PaddedBits {
  /** The stream's length in bits. */
  readonly end: number;
  /** The padded copy's bytes. */
  readonly view: DataView;

  constructor(data: Uint8Array) {
    const padded = new Uint8Array(data.length + PADDING);
    padded.set(data);
    this.view = new DataView(padded.buffer);
    this.end = data.length * 8;
  }

  /** At least 25 bits from bit `at` on. */
  peek(at: number): number {
    return this.view.getUint32(at >>> 3, true) >>> (at & 7);
  }

  /** The `count` (at most 25) bits from bit `at` on, as a number. */
  read(at: number, count: number): number {
    return this.peek(at) & ((1 << count) - 1);
  }
}

// The most bytes a reader goes past the stream's end before its offset is checked: a block's header and a
// dynamic block's tables' header (74 bits) from an offset at the end, read four bytes at a time.
const PADDING = 16;

/** Past a stored block's header bits at `at`: to the byte boundary, then its length and the bytes themselves. */
function skipStored(bits: PaddedBits, at: number): number {
  const start = (at + 7) & ~7;
  if (start + 32 > bits.end) throw new DeflateError("the stream is cut short");
  const length = bits.read(start, 16);
  if ((length ^ 0xffff) !== bits.read(start + 16, 16)) throw new DeflateError("a stored block whose length and its complement disagree");
  return start + 32 + length * 8;
}

/** A canonical Huffman code as a lookup table: `2^bits` entries of `symbol << 4 | code length`, -1 where no code lies. */
interface HuffmanTable {
  readonly entries: Int32Array;
  readonly bits: number;
}

function huffmanTable(lengths: ArrayLike<number>): HuffmanTable {
  let bits = 0;
  const perLength = new Array<number>(16).fill(0);
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const length = lengths[symbol] ?? 0;
    perLength[length] = (perLength[length] ?? 0) + 1;
    bits = Math.max(bits, length);
  }
  const entries = new Int32Array(1 << bits).fill(-1);
  const nextCode = new Array<number>(16).fill(0);
  let code = 0;
  for (let length = 1; length <= 15; length++) {
    code = (code + (length === 1 ? 0 : (perLength[length - 1] ?? 0))) << 1;
    nextCode[length] = code;
  }
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const length = lengths[symbol] ?? 0;
    if (length === 0) continue;
    const assigned = nextCode[length] ?? 0;
    nextCode[length] = assigned + 1;
    if (assigned >= 1 << length) throw new DeflateError("a Huffman code with more codes than its lengths allow");
    // Deflate sends a code's most significant bit first: the table is indexed by the bits as read.
    let reversed = 0;
    for (let bit = 0; bit < length; bit++) reversed |= ((assigned >>> bit) & 1) << (length - 1 - bit);
    for (let index = reversed; index < entries.length; index += 1 << length) entries[index] = (symbol << 4) | length;
  }
  return { entries, bits };
}

/** The table's entry for the code at bit `at` (its symbol and length). */
function entryAt(bits: PaddedBits, at: number, table: HuffmanTable): number {
  if (table.bits === 0) throw new DeflateError("a code from an empty Huffman table");
  const entry = table.entries[bits.peek(at) & ((1 << table.bits) - 1)] ?? -1;
  if (entry < 0) throw new DeflateError("a bit pattern that is no code of its Huffman table");
  return entry;
}

// Extra bits of the length codes 257-285 and of the distance codes 0-29.
const LENGTH_EXTRA = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]);
const DISTANCE_EXTRA = Uint8Array.from([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]);

/**
 * Past a block's codes from bit `from`: returns the bit after its end-of-block code. The loop every
 * code of the stream goes through, so its tables and reads are inlined.
 */
function skipCodes(bits: PaddedBits, from: number, literals: HuffmanTable, distances: HuffmanTable): number {
  const { view, end } = bits;
  const literalEntries = literals.entries;
  const literalMask = (1 << literals.bits) - 1;
  let at = from;
  for (;;) {
    if (at > end) throw new DeflateError("the stream is cut short");
    const entry = literalEntries[((view.getUint32(at >>> 3, true) >>> (at & 7)) & literalMask) >>> 0] ?? -1;
    if (entry < 0) throw new DeflateError("a bit pattern that is no code of its Huffman table");
    at += entry & 15;
    const symbol = entry >>> 4;
    if (symbol < 256) continue;
    if (symbol === 256) return at;
    if (symbol > 285) throw new DeflateError("a length code past 285");
    at += LENGTH_EXTRA[symbol - 257] ?? 0;
    const distance = entryAt(bits, at, distances);
    if (distance >>> 4 > 29) throw new DeflateError("a distance code past 29");
    at += (distance & 15) + (DISTANCE_EXTRA[distance >>> 4] ?? 0);
  }
}

/** The fixed Huffman codes of a type 1 block. */
const FIXED = {
  literals: huffmanTable(Array.from({ length: 288 }, (_, symbol) => (symbol < 144 ? 8 : symbol < 256 ? 9 : symbol < 280 ? 7 : 8))),
  distances: huffmanTable(new Array<number>(30).fill(5)),
};

// The order a dynamic block sends its code length code's lengths in.
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A dynamic block's code tables, read from bit `from`, and the bit after them. */
function dynamicTables(bits: PaddedBits, from: number): { literals: HuffmanTable; distances: HuffmanTable; end: number } {
  let at = from;
  const take = (count: number): number => {
    const value = bits.read(at, count);
    at += count;
    return value;
  };
  const literalCount = take(5) + 257;
  const distanceCount = take(5) + 1;
  const codeLengthCount = take(4) + 4;
  const codeLengths = new Uint8Array(19);
  for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i] ?? 0] = take(3);
  const codeLengthTable = huffmanTable(codeLengths);
  const lengths = new Uint8Array(literalCount + distanceCount);
  for (let i = 0; i < lengths.length; ) {
    if (at > bits.end) throw new DeflateError("the stream is cut short");
    const entry = entryAt(bits, at, codeLengthTable);
    at += entry & 15;
    const symbol = entry >>> 4;
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    if (symbol === 16 && i === 0) throw new DeflateError("a repeat of the previous code length with none before it");
    const value = symbol === 16 ? (lengths[i - 1] ?? 0) : 0;
    const repeat = symbol === 16 ? 3 + take(2) : symbol === 17 ? 3 + take(3) : 11 + take(7);
    if (i + repeat > lengths.length) throw new DeflateError("code lengths repeated past their count");
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  if (lengths[256] === 0) throw new DeflateError("a block without an end-of-block code");
  return { literals: huffmanTable(lengths.subarray(0, literalCount)), distances: huffmanTable(lengths.subarray(literalCount)), end: at };
}
