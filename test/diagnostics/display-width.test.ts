import { describe, expect, it } from "vitest";
import { displayWidth } from "../../src/diagnostics/display-width.js";

describe("displayWidth", () => {
  it.each([
    { cluster: "a", width: 1, what: "a Latin letter" },
    { cluster: "é", width: 1, what: "a precomposed accented letter" },
    { cluster: "e\u0301", width: 1, what: "a letter with a combining accent" },
    { cluster: "\u0301", width: 0, what: "a combining accent alone" },
    { cluster: "日", width: 2, what: "a CJK ideograph" },
    { cluster: "か", width: 2, what: "hiragana" },
    { cluster: "한", width: 2, what: "a hangul syllable" },
    { cluster: "Ａ", width: 2, what: "a fullwidth letter" },
    { cluster: "。", width: 2, what: "ideographic punctuation" },
    { cluster: "𠀋", width: 2, what: "an ideograph beyond the BMP" },
    { cluster: "ｱ", width: 1, what: "a halfwidth katakana" },
    { cluster: "🙂", width: 2, what: "an emoji" },
    { cluster: "🇯🇵", width: 2, what: "a flag" },
    { cluster: "👨\u200d👩\u200d👧", width: 2, what: "an emoji joined of several" },
    { cluster: "☺", width: 1, what: "a symbol shown as text" },
    { cluster: "☺\ufe0f", width: 2, what: "the same symbol shown as emoji" },
    { cluster: "🙂\ufe0e", width: 1, what: "an emoji shown as text" },
    { cluster: "→", width: 1, what: "an arrow" },
  ])("$what ($cluster) takes $width column(s)", ({ cluster, width }) => {
    expect(displayWidth(cluster)).toBe(width);
  });
});
