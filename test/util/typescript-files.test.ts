import { describe, expect, it } from "vitest";
import { isDeclarationFile, isTypeScriptFile } from "../../src/util/typescript-files.js";

describe("typescript-files", () => {
  it("knows TypeScript files by every extension TypeScript compiles", () => {
    expect(["a.ts", "a.tsx", "a.mts", "a.cts", "src/a.d.ts"].filter(isTypeScriptFile)).toEqual(["a.ts", "a.tsx", "a.mts", "a.cts", "src/a.d.ts"]);
    expect(["a.js", "a.mjs", "a.ts.bak", "a.json"].filter(isTypeScriptFile)).toEqual([]);
  });

  it("knows declaration files, which hold no code that runs", () => {
    expect(["a.d.ts", "a.d.mts", "a.d.cts"].filter(isDeclarationFile)).toEqual(["a.d.ts", "a.d.mts", "a.d.cts"]);
    expect(["a.ts", "d.ts.js", "a.d.tsx"].filter(isDeclarationFile)).toEqual([]);
  });
});
