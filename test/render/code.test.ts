// The escaping every value from the user's code, annotations or klotho.yaml goes through on its
// way into the program: the literal evaluates back to exactly the input, and stays plain ASCII.
import vm from "node:vm";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { Code, commentText, tsString, tsValue } from "../../src/render/code.js";
import { HOSTILE_STRINGS } from "./hostile-strings.js";

/** Evaluates a TypeScript expression the way the program would (transpiled, then run). */
function evaluate(expression: string): unknown {
  const js = ts.transpileModule(`module.exports = (${expression});`, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
  const sandbox = { module: { exports: undefined as unknown }, exports: {}, globalThis: {} };
  vm.runInNewContext(js, sandbox);
  return sandbox.module.exports;
}

describe("tsString", () => {
  it.each(HOSTILE_STRINGS.map((s) => [JSON.stringify(s), s]))("%s evaluates to itself and is printable ASCII", (_label, text) => {
    const literal = tsString(text);
    expect(literal).toMatch(/^"[\x20-\x7e]*"$/);
    expect(evaluate(literal)).toBe(text);
  });

  it("quotes each printable ASCII character as itself, but a quote and a backslash, which it escapes", () => {
    const printable = Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i));
    expect(printable.filter((char) => tsString(char) !== `"${char}"`)).toEqual(['"', "\\"]);
    expect(tsString('"')).toBe('"\\""');
    expect(tsString("\\")).toBe('"\\\\"');
    expect(evaluate(tsString(printable.join("")))).toBe(printable.join(""));
  });
});

describe("tsValue", () => {
  it("writes objects with hostile keys and values, arrays, numbers, booleans and null as literals that evaluate back", () => {
    const value = { plain: 1, "we\"ird key": HOSTILE_STRINGS, nested: { "${x}": [true, false, null, -2.5] } };
    const literal = tsValue(value);
    expect(literal).toMatch(/^[\x20-\x7e]*$/);
    expect(evaluate(literal)).toEqual(value);
    expect(literal.startsWith("{ plain: 1, ")).toBe(true);
  });

  it("pastes code made by Code, and refuses what is not an identifier or a literal", () => {
    expect(tsValue([Code.ref("kvTable", "arn")])).toBe("[kvTable.arn]");
    expect(tsValue(Code.concat(Code.ref("bucket", "arn"), "/*"))).toBe('pulumi.concat(bucket.arn, "/*")');
    expect(() => Code.ref("a.b")).toThrow(/not an identifier/);
    expect(() => Code.ref("x", "y; process.exit()")).toThrow(/not an identifier/);
    expect(() => tsValue(undefined)).toThrow();
    expect(() => tsValue(Number.NaN)).toThrow();
    expect(() => tsValue(() => 1)).toThrow();
  });
});

describe("commentText", () => {
  it.each(HOSTILE_STRINGS.map((s) => [JSON.stringify(s), s]))("%s stays on one line of printable ASCII", (_label, text) => {
    const comment = `// ${commentText(text)}`;
    expect(comment).toMatch(/^[\x20-\x7e]*$/);
    // The comment is all the statement there is: the code after it still runs.
    expect(evaluate(`${comment}\n42`)).toBe(42);
  });
});
