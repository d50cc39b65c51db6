/**
 * Where a raw deflate stream (RFC 1951) ends: its final block's header and the bit after its
 * end-of-block code, found by decoding every block's codes (stored, fixed and dynamic Huffman) without
 * writing out what they stand for. stackPngs needs both to append another stream after this one.
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
  const reader = new BitReader(data);
  for (;;) {
    const header = reader.offset;
    const final = reader.bits(1);
    const type = reader.bits(2);
    if (type === 0) skipStored(reader);
    else if (type === 1) skipCodes(reader, FIXED.literals, FIXED.distances);
    else if (type === 2) {
      const tables = dynamicTables(reader);
      skipCodes(reader, tables.literals, tables.distances);
    } else throw new DeflateError("a block of the reserved type 3");
    if (reader.offset > data.length * 8) throw new DeflateError("the stream is cut short");
    if (final === 1) return { header, end: reader.offset };
  }
}

/** Least significant bit first, as deflate packs them; past the end it reads zeros (checked by the caller against the length). */
class BitReader {
  private next = 0;
  private buffer = 0;
  private count = 0;

  constructor(private readonly data: Uint8Array) {}

  /** Bits read so far. */
  get offset(): number {
    return this.next * 8 - this.count;
  }

  /** At least `n` (at most 16) bits in the buffer. A code may be looked up in zeros past the end, but not decoded from them for long. */
  fill(n: number): number {
    while (this.count < n) {
      if (this.next >= this.data.length + 4) throw new DeflateError("the stream is cut short");
      this.buffer |= (this.data[this.next] ?? 0) << this.count;
      this.next++;
      this.count += 8;
    }
    return this.buffer;
  }

  drop(n: number): void {
    this.buffer >>>= n;
    this.count -= n;
  }

  bits(n: number): number {
    if (n === 0) return 0;
    const value = this.fill(n) & ((1 << n) - 1);
    this.drop(n);
    return value;
  }

  /** Skips to the next byte boundary, then `bytes` whole bytes. */
  skipBytes(bytes: number): void {
    this.drop(this.count % 8);
    let left = bytes;
    while (left > 0 && this.count > 0) {
      this.drop(8);
      left--;
    }
    this.next += left;
    if (this.next > this.data.length) throw new DeflateError("the stream is cut short");
  }
}

function skipStored(reader: BitReader): void {
  reader.skipBytes(0);
  const length = reader.bits(16);
  if ((length ^ 0xffff) !== reader.bits(16)) throw new DeflateError("a stored block whose length and its complement disagree");
  reader.skipBytes(length);
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

function decodeSymbol(reader: BitReader, table: HuffmanTable): number {
  if (table.bits === 0) throw new DeflateError("a code from an empty Huffman table");
  const entry = table.entries[reader.fill(table.bits) & ((1 << table.bits) - 1)] ?? -1;
  if (entry < 0) throw new DeflateError("a bit pattern that is no code of its Huffman table");
  reader.drop(entry & 15);
  return entry >>> 4;
}

// Extra bits of the length codes 257-285 and of the distance codes 0-29.
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

function skipCodes(reader: BitReader, literals: HuffmanTable, distances: HuffmanTable): void {
  for (;;) {
    const symbol = decodeSymbol(reader, literals);
    if (symbol < 256) continue;
    if (symbol === 256) return;
    const extra = LENGTH_EXTRA[symbol - 257];
    if (extra === undefined) throw new DeflateError("a length code past 285");
    reader.bits(extra);
    const distanceExtra = DISTANCE_EXTRA[decodeSymbol(reader, distances)];
    if (distanceExtra === undefined) throw new DeflateError("a distance code past 29");
    reader.bits(distanceExtra);
  }
}

/** The fixed Huffman codes of a type 1 block. */
const FIXED = {
  literals: huffmanTable(Array.from({ length: 288 }, (_, symbol) => (symbol < 144 ? 8 : symbol < 256 ? 9 : symbol < 280 ? 7 : 8))),
  distances: huffmanTable(new Array<number>(30).fill(5)),
};

// The order a dynamic block sends its code length code's lengths in.
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

function dynamicTables(reader: BitReader): { literals: HuffmanTable; distances: HuffmanTable } {
  const literalCount = reader.bits(5) + 257;
  const distanceCount = reader.bits(5) + 1;
  const codeLengthCount = reader.bits(4) + 4;
  const codeLengths = new Uint8Array(19);
  for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i] ?? 0] = reader.bits(3);
  const codeLengthTable = huffmanTable(codeLengths);
  const lengths = new Uint8Array(literalCount + distanceCount);
  for (let i = 0; i < lengths.length; ) {
    const symbol = decodeSymbol(reader, codeLengthTable);
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    if (symbol === 16 && i === 0) throw new DeflateError("a repeat of the previous code length with none before it");
    const value = symbol === 16 ? (lengths[i - 1] ?? 0) : 0;
    const repeat = symbol === 16 ? 3 + reader.bits(2) : symbol === 17 ? 3 + reader.bits(3) : 11 + reader.bits(7);
    if (i + repeat > lengths.length) throw new DeflateError("code lengths repeated past their count");
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  if (lengths[256] === 0) throw new DeflateError("a block without an end-of-block code");
  return { literals: huffmanTable(lengths.subarray(0, literalCount)), distances: huffmanTable(lengths.subarray(literalCount)) };
}
