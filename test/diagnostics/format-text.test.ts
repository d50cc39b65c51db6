import { describe, expect, it } from "vitest";
import { createDiagnostic } from "../../src/diagnostics/diagnostic.js";
import { codeFrame, formatDiagnostic } from "../../src/diagnostics/format-text.js";
import { SNIPPET_WIDTH, snippetLine } from "../../src/diagnostics/snippet.js";
import type { SourceRange } from "../../src/util/source-range.js";

/** A range on one line of `file`, columns 0-based as positions count them. */
function onLine(line: number, start: number, end = start, file = "a.js"): SourceRange {
  return { file, start: { line, column: start, offset: 0 }, end: { line, column: end, offset: 0 } };
}

/** The numbered source line and the caret line of a frame, without their `  | n|` gutters. */
function textAndCarets(frame: readonly string[]): [text: string, carets: string] {
  const strip = (line: string | undefined): string => (line ?? "").replace(/^ {2}\| [ 0-9]*\| /, "");
  return [strip(frame[1]), strip(frame[2])];
}

/** What the frame's carets sit under: the characters (code points) of the text line at the caret columns (for lines of one column a code point). */
function marked(frame: readonly string[]): string {
  const [text, carets] = textAndCarets(frame);
  return Array.from(text).slice(carets.indexOf("^"), carets.lastIndexOf("^") + 1).join("");
}

/** A minified line of `length` characters with `marker` written at column `at`. */
function minified(length: number, at: number, marker: string): string {
  const filler = "k1:1,k2:2,".repeat(Math.ceil(length / 10)).slice(0, length);
  return `${filler.slice(0, at)}${marker}${filler.slice(at + marker.length)}`;
}

describe("code frames", () => {
  it("print a short line whole, with the caret under the range", () => {
    expect(codeFrame(onLine(2, 6, 7), "const x = 1;\nconst x = 2;\n")).toEqual(["  | in a.js", "  | 2| const x = 2;", "  |  |       ^"]);
  });

  it("cut a minified line to a window around the column, the caret still under the character", () => {
    const line = minified(20_000, 9_800, "@@");
    const frame = codeFrame(onLine(1, 9_800, 9_802), line);
    const [text, carets] = textAndCarets(frame);
    expect(text.length).toBeLessThanOrEqual(SNIPPET_WIDTH + 2);
    expect(text.startsWith("…") && text.endsWith("…")).toBe(true);
    expect(marked(frame)).toBe("@@");
    expect(carets.trimStart()).toBe("^^");
    expect(frame.join("\n").length).toBeLessThan(400);
  });

  it("end the window with the line when the column is near its end, and start it with the line near its start", () => {
    const line = minified(20_000, 19_990, "@");
    const atEnd = codeFrame(onLine(1, 19_990), line);
    expect(textAndCarets(atEnd)[0]).toMatch(/^….{140}$/u);
    expect(marked(atEnd)).toBe("@");
    const atStart = codeFrame(onLine(1, 3), minified(20_000, 3, "@"));
    expect(textAndCarets(atStart)[0]).toMatch(/^k1:@.{136}…$/u);
    expect(marked(atStart)).toBe("@");
    const pastEnd = codeFrame(onLine(1, 20_000), line);
    expect(textAndCarets(pastEnd)[1].length).toBe(textAndCarets(pastEnd)[0].length + 1);
  });

  it("run the carets of a range that goes past the window up to the … that cuts it", () => {
    const line = minified(20_000, 9_000, "@");
    const [text, carets] = textAndCarets(codeFrame(onLine(1, 9_000, 9_500), line));
    expect(carets.length).toBe(text.length);
    expect(text.at(-1)).toBe("…");
    expect(carets.trimStart()).toBe("^".repeat(carets.trimStart().length));
    expect(text[carets.indexOf("^")]).toBe("@");
  });

  it("start the carets of a span that begins before the window under the … that cuts it", () => {
    const line = "x".repeat(1_000);
    const cut = snippetLine(line, 500, { start: 300, end: 460 });
    expect(cut.text).toBe(`…${"x".repeat(SNIPPET_WIDTH)}…`);
    // The window starts 50 characters before column 500: the … stands for 300-449, then 450-459 are marked.
    expect(cut.mark).toEqual({ indent: "", length: 11 });
  });

  it("escape control characters and bidirectional overrides, keep tabs and ordinary Unicode, and align the caret after them", () => {
    const line = "\u007fELF\u0000\u0001\t'é日本🙂' \u001b[31m \u202e @";
    const frame = codeFrame(onLine(1, line.indexOf("@"), line.indexOf("@") + 1), line);
    const [text, carets] = textAndCarets(frame);
    expect(text).toBe("\\x7FELF\\x00\\x01\t'é日本🙂' \\x1B[31m \\u202E @");
    // 日, 本 and 🙂 take two columns each in a terminal.
    expect(carets).toMatch(/^ {15}\t {26}\^$/);
  });

  // A flag and an emoji with its selector are two code points that draw two columns together: counted by code point, wide ones each as two, they would be 4 and 3.
  it.each([
    { what: "CJK identifiers and strings", line: 'const 名前 = "日本語"; x', columns: 23 },
    { what: "an accent written as a combining mark", line: '"e\u0301"; x', columns: 5 },
    { what: "a flag", line: '"🇯🇵"; x', columns: 6 },
    { what: "an emoji joined of several", line: '"👨\u200d👩\u200d👧"; x', columns: 6 },
    { what: "a symbol shown as emoji by its selector", line: '"☺\ufe0f"; x', columns: 6 },
    { what: "fullwidth letters", line: '"ＡＢ"; x', columns: 8 },
  ])("put the caret under what follows $what, as wide as a terminal draws them", ({ line, columns }) => {
    const at = line.lastIndexOf("x");
    expect(textAndCarets(codeFrame(onLine(1, at, at + 1), line))).toEqual([line, `${" ".repeat(columns)}^`]);
  });

  it("mark wide characters with two carets each", () => {
    const line = 'const name = "日本語";';
    const start = line.indexOf("日");
    expect(textAndCarets(codeFrame(onLine(1, start, start + 3), line))[1]).toBe(`${" ".repeat(start)}^^^^^^`);
  });

  it("mark the whole cluster a span ends inside", () => {
    expect(snippetLine("ab e\u0301f", 0, { start: 0, end: 4 }).mark).toEqual({ indent: "", length: 4 });
  });

  it("count an escaped character in a cluster as its escape, and the rest of the cluster as drawn", () => {
    // U+0600 (a format character, escaped) forms one cluster with the ideograph after it.
    const line = "\u0600日 x";
    expect(textAndCarets(codeFrame(onLine(1, line.indexOf("x"), line.indexOf("x") + 1), line))).toEqual(["\\u0600日 x", `${" ".repeat(9)}^`]);
  });

  it("cut a minified line of a megabyte around the column, whatever characters it holds", () => {
    const line = `${"a".repeat(500_000)}日@${"b".repeat(500_000)}`;
    const at = line.indexOf("@");
    expect(snippetLine(line, at, { start: at, end: at + 1 })).toEqual({ text: `…${"a".repeat(48)}日@${"b".repeat(89)}…`, mark: { indent: " ".repeat(51), length: 1 } });
    // A span from the start of the line starts under the … before the window; one to its end runs to the … after it.
    expect(snippetLine(line, at, { start: 0, end: at + 1 }).mark).toEqual({ indent: "", length: 1 + 48 + 2 + 1 });
    expect(snippetLine(line, at, { start: at, end: line.length }).mark).toEqual({ indent: " ".repeat(51), length: 1 + 89 + 1 });
  });

  it("cut a line of wide characters to the window's width in columns", () => {
    const line = "日".repeat(100);
    expect(snippetLine(line, 0).text).toBe(`${"日".repeat(SNIPPET_WIDTH / 2)}…`);
  });

  it("mark an escaped character with as many carets as its escape is wide", () => {
    expect(textAndCarets(codeFrame(onLine(1, 0, 0), "\u0000x"))).toEqual(["\\x00x", "^^^^"]);
  });

  it("cut each line of a multi-line frame too", () => {
    const frame = codeFrame({ file: "a.js", start: { line: 1, column: 0, offset: 0 }, end: { line: 2, column: 3, offset: 0 } }, `${"a".repeat(300)}\n${"b".repeat(300)}`);
    expect(frame.slice(1)).toEqual([`  | 1| ${"a".repeat(SNIPPET_WIDTH)}…`, `  | 2| ${"b".repeat(SNIPPET_WIDTH)}…`]);
  });
});

describe("formatted diagnostics", () => {
  it("escape what they print of the user's text: the message, the annotation block and the frame", () => {
    const range = onLine(1, 0, 0, "blob.js");
    const diagnostic = createDiagnostic("parse/syntax-error", { range, annotation: { text: `@klotho::persist { id = "\u001b[2J${"x".repeat(300)}" }`, range } }, "Unexpected character '\u007f'.");
    const lines = formatDiagnostic(diagnostic, () => "\u007fELF\u0002\n").split("\n");
    expect(lines[0]).toBe("blob.js:1:1: error: Syntax error: Unexpected character '\\x7F'. [parse/syntax-error]");
    expect(lines[1]).toBe(`  | @klotho::persist { id = "\\x1B[2J${"x".repeat(SNIPPET_WIDTH - 32)}…`);
    expect(lines.slice(2)).toEqual(["  | in blob.js", "  | 1| \\x7FELF\\x02", "  |  | ^^^^"]);
    expect(lines.join("\n")).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});
