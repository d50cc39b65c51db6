/**
 * How many terminal columns a grapheme cluster takes, as terminals draw it (wcwidth's rules, by
 * cluster): two for East Asian wide and fullwidth characters (CJK, kana, hangul, fullwidth forms)
 * and for emoji shown as emoji, none for a cluster of combining marks or joiners alone, else one.
 * A code frame counts these so that its caret sits under the character in a line of Japanese or
 * with an emoji, not a column short for each.
 */
export function displayWidth(cluster: string): number {
  // A text presentation selector makes an emoji text (`☺︎`), one column wide.
  const asText = cluster.includes(TEXT_PRESENTATION);
  let width = 0;
  for (const character of cluster) {
    const code = character.codePointAt(0) ?? 0;
    // An emoji presentation selector makes the cluster an emoji (`☺️`), drawn two columns wide.
    if (character === EMOJI_PRESENTATION || (!asText && EMOJI.test(character)) || isWide(code)) return 2;
    if (!ZERO_WIDTH.test(character)) width = 1;
  }
  return width;
}

const TEXT_PRESENTATION = "\ufe0e";
const EMOJI_PRESENTATION = "\ufe0f";

/** Characters drawn as emoji by default (flags' regional indicators among them). */
const EMOJI = /\p{Emoji_Presentation}/u;

/** Combining marks and the joiners: they draw on the character before them. */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200c\u200d]/u;

/** The East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth.txt, W and F, by block), as [first, last] code points. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo leading consonants
  [0x2e80, 0x303e], // CJK radicals, Kangxi radicals, ideographic description, CJK symbols and punctuation
  [0x3041, 0x33ff], // hiragana, katakana, bopomofo, hangul compatibility jamo, kanbun, CJK strokes, enclosed CJK, CJK compatibility
  [0x3400, 0x4dbf], // CJK unified ideographs extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6], // fullwidth signs
  [0x16fe0, 0x18aff], // ideographic symbols, Tangut
  [0x1b000, 0x1b2ff], // kana supplement and extensions, Nüshu
  [0x1f200, 0x1f2ff], // enclosed ideographic supplement
  [0x20000, 0x2fffd], // CJK extensions B to F, compatibility supplement
  [0x30000, 0x3fffd], // CJK extensions G and H
];

function isWide(code: number): boolean {
  if (code < 0x1100) return false;
  return WIDE_RANGES.some(([first, last]) => code >= first && code <= last);
}
