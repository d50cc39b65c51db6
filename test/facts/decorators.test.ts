// The interpreter's `decorate` hook, seen from an extractor of the test's own: which decorators
// reach it, with what value and target, in which order (TypeScript's legacy order: each member in
// source order, its parameters' decorators before its own, every list bottom to top, the class last).
import { describe, expect, it } from "vitest";
import type { DecoratorTarget, Extractor } from "../../src/facts/extractors/extractor.js";
import { interpretProgram } from "../../src/facts/interpreter/program.js";
import { createImportResolver } from "../../src/facts/resolve-import.js";
import { createSourceProgram } from "../../src/parse/source-program.js";
import { lines } from "../helpers/program.js";

/** Runs `source` as `a.ts` with an extractor that records every decorator applied, as one line each. */
function decorations(source: string): string[] {
  const seen: string[] = [];
  const recorder: Extractor = {
    meta: { kind: "test", description: "records decorators" },
    decorate(decorator, target, node, ctx) {
      const value = decorator.kind === "string" ? JSON.stringify(decorator.value) : decorator.kind;
      seen.push(`${value} on ${describeTarget(target)} @${ctx.range(node).start.line}`);
    },
  };
  interpretProgram(createSourceProgram([{ path: "a.ts", text: source, moduleKind: "esm" }]), ["a.ts"], createImportResolver(["a.ts"], "/virtual", undefined), [recorder]);
  return seen;
}

function describeTarget(target: DecoratorTarget): string {
  const member = target.member === undefined ? "" : `.${target.member}`;
  const index = target.index === undefined ? "" : `[${String(target.index)}]`;
  const owner = target.owner.kind === "class" ? target.owner.instance.id : target.owner.kind;
  return `${target.kind} ${target.className ?? "?"}${member}${index}${target.static ? " static" : ""} (${owner}, ${target.node.type})`;
}

describe("decorators reach the extractors", () => {
  it("applies member decorators in source order, parameters first, each list bottom to top, then the class", () => {
    expect(
      decorations(
        lines(
          `const d = (name: string) => name;`,
          `@d("class-outer")`,
          `@d("class-inner")`,
          "class C {",
          `  constructor(@d("ctor-param") readonly x: number) {}`,
          `  @d("field") field = 1;`,
          `  @d("method-outer") @d("method-inner") method(@d("p0") a: string, b: string, @d("p2") c: string) {}`,
          `  @d("getter") get value() { return 1; }`,
          `  @d("static") static make() {}`,
          `  @d("private") #hidden = 2;`,
          "}",
        ),
      ),
    ).toEqual([
      `"ctor-param" on parameter C.constructor[0] (a.ts:34, TSParameterProperty) @5`,
      `"field" on property C.field (a.ts:34, ClassProperty) @6`,
      `"p0" on parameter C.method[0] (a.ts:34, Identifier) @7`,
      `"p2" on parameter C.method[2] (a.ts:34, Identifier) @7`,
      `"method-inner" on method C.method (a.ts:34, ClassMethod) @7`,
      `"method-outer" on method C.method (a.ts:34, ClassMethod) @7`,
      `"getter" on accessor C.value (a.ts:34, ClassMethod) @8`,
      `"static" on method C.make static (a.ts:34, ClassMethod) @9`,
      `"private" on property C.#hidden (a.ts:34, ClassPrivateProperty) @10`,
      `"class-inner" on class C (a.ts:34, ClassDeclaration) @3`,
      `"class-outer" on class C (a.ts:34, ClassDeclaration) @2`,
    ]);
  });

  it("evaluates decorator expressions in the class's scope: imports, factories, and unknowns alike", () => {
    expect(
      decorations(
        lines(
          `import { Injectable } from "@nestjs/common";`,
          "const tag = (value: string) => () => value;",
          "@Injectable()",
          `export default class { @tag("x") run() {} }`,
        ),
      ),
    ).toEqual([`function on method ?.run (a.ts:89, ClassMethod) @4`, "unknown on class ? (a.ts:89, ClassDeclaration) @3"]);
  });
});
