// What `export * from x` passes on, read from x's source: a stand-in for another unit's module must
// export the same names, or an ES module importing one of them through the barrel does not link.
import { describe, expect, it } from "vitest";
import { createImportResolver } from "../../src/facts/resolve-import.js";
import { createSourceProgram } from "../../src/parse/source-program.js";
import { exportedNames } from "../../src/transform/edits/export-names.js";

function namesOf(files: Record<string, string>, file: string): string[] {
  const program = createSourceProgram(Object.entries(files).map(([path, text]) => ({ path, text, moduleKind: "esm" as const })));
  return exportedNames(file, program, createImportResolver(Object.keys(files), "/virtual", undefined));
}

describe("exportedNames", () => {
  it("lists declarations, lists and what nested stars pass on, but no types, no `declare` and no nested default", () => {
    const names = namesOf(
      {
        "a.ts": [
          "export const a = 1, { b, c: [d] } = x;",
          "export function f() {}",
          "export class K {}",
          "export enum Color { Red }",
          "export const enum Plan { Free }",
          "export namespace Space { export const n = 1; }",
          "export declare const ambient: number;",
          "export type T = string;",
          "export interface I {}",
          "const g = 1; export { g as renamed, type T as U };",
          "export default 1;",
          'export * from "./b";',
        ].join("\n"),
        "b.ts": 'export const fromB = 1;\nexport default 2;\nexport * from "./a";',
      },
      "a.ts",
    );
    expect(names).toEqual(["Color", "K", "Plan", "Space", "a", "b", "d", "default", "f", "fromB", "renamed"]);
  });
});
